// --- solution ---
//! Reference solution: rules built from rules. `Either` combines two rules
//! whose types are known when the code is compiled; `AllOf` combines any
//! number chosen at run time; and a forwarding impl lets a `Box<dyn Rule>`
//! go wherever a generic `R: Rule` is expected.
// --- stub ---
// //! Your turn: build rules from rules. `Either` combines two rules whose
// //! types are known when the code is compiled; `AllOf` combines any number
// //! chosen at run time; and a `Box<dyn Rule>` should go wherever a generic
// //! `R: Rule` is expected.
// //!
// //! Run `cargo test -p rule-combinators` until it passes.
// --- end ---

/// One rule of an input validator: may this byte appear in the field?
pub trait Rule {
    fn allows(&self, byte: u8) -> bool;
}

/// Decimal digits.
pub struct Digits;

impl Rule for Digits {
    fn allows(&self, byte: u8) -> bool {
        byte.is_ascii_digit()
    }
}

/// Lower-case ASCII letters.
pub struct Lowercase;

impl Rule for Lowercase {
    fn allows(&self, byte: u8) -> bool {
        byte.is_ascii_lowercase()
    }
}

/// Exactly one byte value, such as `b'-'`.
pub struct Byte(pub u8);

impl Rule for Byte {
    fn allows(&self, byte: u8) -> bool {
        byte == self.0
    }
}

/// The bytes of `body` that `rule` rejects. Generic: one copy per rule type.
pub fn count_rejected<R: Rule>(rule: &R, body: &[u8]) -> usize {
    body.iter().filter(|&&byte| !rule.allows(byte)).count()
}

/// Allows a byte that either of two rules allows. Both types are known at
/// compile time, so `Either<Digits, Lowercase>` is a type of its own and a
/// generic caller can inline both rules.
pub struct Either<A, B>(pub A, pub B);

impl<A: Rule, B: Rule> Rule for Either<A, B> {
    fn allows(&self, byte: u8) -> bool {
        // --- solution ---
        self.0.allows(byte) || self.1.allows(byte)
        // --- stub ---
        // let _ = (self, byte);
        // todo!("Either::allows")
        // --- end ---
    }
}

/// Allows a byte that every rule in the list allows. The list is built at
/// run time, for example from a configuration file, so its rules may be of
/// different types.
pub struct AllOf(pub Vec<Box<dyn Rule>>);

impl Rule for AllOf {
    fn allows(&self, byte: u8) -> bool {
        // --- solution ---
        // `all` of nothing is true: an empty list forbids nothing, as an
        // empty `WHERE` clause filters nothing.
        self.0.iter().all(|rule| rule.allows(byte))
        // --- stub ---
        // let _ = (self, byte);
        // todo!("AllOf::allows")
        // --- end ---
    }
}

/// A boxed rule is a rule, so `count_rejected(&boxed, body)` compiles for a
/// `Box<dyn Rule>` as it does for a `Digits`.
impl<R: Rule + ?Sized> Rule for Box<R> {
    fn allows(&self, byte: u8) -> bool {
        // --- solution ---
        // `**self` is the `R` inside the box. `self.allows(byte)` would
        // find this very impl again and recurse for ever.
        (**self).allows(byte)
        // --- stub ---
        // let _ = (self, byte);
        // todo!("Box<R>::allows")
        // --- end ---
    }
}
