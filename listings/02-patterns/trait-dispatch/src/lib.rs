//! Traits and dispatch: one request validator called through a generic
//! (static dispatch, one copy of the code per type) and through `&dyn Rule`
//! (dynamic dispatch, one copy, a call through a table of function pointers).
//!
//! Map of the crate:
//! - this file: the [`Rule`] trait, three rules, the per-byte scanners
//!   ([`count_rejected`], [`count_rejected_dyn`]), the per-body trait
//!   [`BodyRule`] and the plugin-style [`Validator`].
//! - `main.rs`: the deterministic run the chapter prints.
//! - `bin/dispatch-ratio.rs`: times the scanners in one process and prints
//!   the ratios (timing-dependent, run it with `--release`).
//! - `bin/dispatch-size-*.rs` and `bin/dispatch-sizes.rs`: the binary-size
//!   comparison.
//! - `benches/dispatch.rs`: the same comparison under divan.
//!
//! A trait with a generic method cannot be used as a trait object, because a
//! vtable has one slot per method and a generic method has a copy per type:
//!
//! ```compile_fail,E0038
//! trait Codec {
//!     fn encode<T: std::fmt::Debug>(&self, value: &T) -> String;
//! }
//! fn pick(_codec: &dyn Codec) {}
//! ```
//!
//! Nor can one whose method returns `Self`, a type whose size the caller of a
//! trait object does not know:
//!
//! ```compile_fail,E0038
//! trait Rule {
//!     fn allows(&self, byte: u8) -> bool;
//!     fn duplicate(&self) -> Self;
//! }
//! fn pick(_rule: &dyn Rule) {}
//! ```
//!
//! Nor can one with a function that takes no `self`, since there is no
//! value whose vtable could be consulted:
//!
//! ```compile_fail,E0038
//! trait Rule {
//!     fn allows(&self, byte: u8) -> bool;
//!     fn kind() -> &'static str;
//! }
//! fn pick(_rule: &dyn Rule) {}
//! ```
//!
//! Nor one with an `async fn`, whose future is a different type, of a
//! different size, for every implementation:
//!
//! ```compile_fail,E0038
//! trait Fetch {
//!     async fn fetch(&self, key: &str) -> Vec<u8>;
//! }
//! fn pick(_fetch: &dyn Fetch) {}
//! ```

// ANCHOR: rule
/// One rule of an input validator: may this byte appear in the field?
pub trait Rule {
    fn allows(&self, byte: u8) -> bool;
}
// ANCHOR_END: rule

// ANCHOR: rules
/// An HTTP header value: visible ASCII, space and tab.
pub struct HeaderValue;

impl Rule for HeaderValue {
    // `#[inline]` lets crates that call this method inline it: without it,
    // a caller in another crate (the benchmarks, the binaries) sees only
    // the compiled function and must call it, generic or not.
    #[inline]
    fn allows(&self, byte: u8) -> bool {
        byte == b'\t' || (b' '..=b'~').contains(&byte)
    }
}

/// A session token in base64url: letters, digits, `-` and `_`.
pub struct Base64Url;

impl Rule for Base64Url {
    #[inline]
    fn allows(&self, byte: u8) -> bool {
        byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_'
    }
}

/// Decimal digits, for a quantity or an id.
pub struct Digits;

impl Rule for Digits {
    #[inline]
    fn allows(&self, byte: u8) -> bool {
        byte.is_ascii_digit()
    }
}
// ANCHOR_END: rules

// ANCHOR: generic
/// Static dispatch: the compiler makes one copy of this function for each
/// rule type it is called with, and can inline `allows` into the loop.
pub fn count_rejected<R: Rule>(rule: &R, body: &[u8]) -> usize {
    body.iter().filter(|&&byte| !rule.allows(byte)).count()
}
// ANCHOR_END: generic

// ANCHOR: dynamic
/// Dynamic dispatch: one copy of this function for every rule; each call
/// of `allows` looks the function up in the rule's vtable.
pub fn count_rejected_dyn(rule: &dyn Rule, body: &[u8]) -> usize {
    body.iter().filter(|&&byte| !rule.allows(byte)).count()
}
// ANCHOR_END: dynamic

// ANCHOR: report
/// What a client is told about a field that breaks its rule. `?Sized`
/// admits `R = dyn Rule` too: `report(&HeaderValue, ..)` is compiled for
/// `HeaderValue`, `report(rule_object, ..)` once for every trait object.
pub fn report<R: Rule + ?Sized>(rule: &R, field: &str, body: &[u8]) -> Option<String> {
    let first = body.iter().position(|&byte| !rule.allows(byte))?;
    let bad = body[first..]
        .iter()
        .filter(|&&byte| !rule.allows(byte))
        .count();
    Some(format!(
        "{field}: {bad} bytes not allowed, the first ({:?}) at offset {first}",
        char::from(body[first])
    ))
}
// ANCHOR_END: report

// ANCHOR: body_rule
/// A rule asked once per body instead of once per byte.
pub trait BodyRule {
    fn count_rejected(&self, body: &[u8]) -> usize;
}

/// Every `Rule` is a `BodyRule`: the loop is generic, so it is compiled
/// once per rule type with `allows` inlined.
impl<R: Rule> BodyRule for R {
    fn count_rejected(&self, body: &[u8]) -> usize {
        count_rejected(self, body)
    }
}
// ANCHOR_END: body_rule

// ANCHOR: validator
/// Named fields, each with its own rule, chosen at run time.
#[derive(Default)]
pub struct Validator {
    fields: Vec<(String, Box<dyn BodyRule>)>,
}

impl Validator {
    /// `'static`: the box owns the rule, so the rule may not borrow
    /// anything that could be freed while the validator lives.
    pub fn field(mut self, name: &str, rule: impl BodyRule + 'static) -> Self {
        self.fields.push((name.to_string(), Box::new(rule)));
        self
    }

    /// The fields of `request` that break their rule, with the number of
    /// bad bytes. A field the request lacks is not checked here.
    pub fn check(&self, request: &[(&str, &[u8])]) -> Vec<(String, usize)> {
        let mut rejected = Vec::new();
        for (name, rule) in &self.fields {
            for (field, value) in request {
                if field == name {
                    let bad = rule.count_rejected(value);
                    if bad > 0 {
                        rejected.push((name.clone(), bad));
                    }
                }
            }
        }
        rejected
    }
}
// ANCHOR_END: validator

/// Bytes below `LIMIT`. Thirty-two of these stand for a code base's many
/// rule types in the binary-size comparison (`Below<1>` and `Below<2>` are
/// two types, so a generic function gets a copy for each).
pub struct Below<const LIMIT: u8>;

impl<const LIMIT: u8> Rule for Below<LIMIT> {
    #[inline]
    fn allows(&self, byte: u8) -> bool {
        byte < LIMIT
    }
}

/// A deterministic request body of `len` bytes: mostly visible ASCII, with
/// one control byte (which a header value rejects) every 1,000 bytes.
pub fn sample_body(len: usize) -> Vec<u8> {
    let mut state: u32 = 0x2545_f491;
    (0..len)
        .map(|i| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            if i % 1000 == 999 {
                0x07
            } else {
                b' ' + (state % 95) as u8
            }
        })
        .collect()
}
