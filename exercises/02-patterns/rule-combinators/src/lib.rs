//! Your turn: build rules from rules. `Either` combines two rules whose
//! types are known when the code is compiled; `AllOf` combines any number
//! chosen at run time; and a `Box<dyn Rule>` should go wherever a generic
//! `R: Rule` is expected.
//!
//! Run `cargo test -p rule-combinators` until it passes.

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
        let _ = (self, byte);
        todo!("Either::allows")
    }
}

/// Allows a byte that every rule in the list allows. The list is built at
/// run time, for example from a configuration file, so its rules may be of
/// different types.
pub struct AllOf(pub Vec<Box<dyn Rule>>);

impl Rule for AllOf {
    fn allows(&self, byte: u8) -> bool {
        let _ = (self, byte);
        todo!("AllOf::allows")
    }
}

/// A boxed rule is a rule, so `count_rejected(&boxed, body)` compiles for a
/// `Box<dyn Rule>` as it does for a `Digits`.
impl<R: Rule + ?Sized> Rule for Box<R> {
    fn allows(&self, byte: u8) -> bool {
        let _ = (self, byte);
        todo!("Box<R>::allows")
    }
}
