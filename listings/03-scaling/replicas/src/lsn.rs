//! A position in PostgreSQL's write-ahead log (WAL), as the server prints
//! it: `16/B374D848`, the high and low 32 bits in hex. Positions only grow,
//! so comparing two says which came first.

use std::fmt;
use std::str::FromStr;

/// A log sequence number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Lsn(pub u64);

impl FromStr for Lsn {
    type Err = String;

    fn from_str(text: &str) -> Result<Lsn, String> {
        let bad =
            || format!("`{text}` is not an LSN (expected two hex numbers, as in 16/B374D848)");
        let (high, low) = text.split_once('/').ok_or_else(bad)?;
        let part = |p: &str| {
            if p.is_empty() || p.len() > 8 || !p.chars().all(|c| c.is_ascii_hexdigit()) {
                return Err(bad());
            }
            u32::from_str_radix(p, 16).map_err(|_| bad())
        };
        Ok(Lsn((u64::from(part(high)?) << 32) | u64::from(part(low)?)))
    }
}

impl fmt::Display for Lsn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:X}/{:X}", self.0 >> 32, self.0 & 0xFFFF_FFFF)
    }
}

#[cfg(test)]
mod tests {
    use super::Lsn;

    // Parses what PostgreSQL prints, and prints it back the same way.
    #[test]
    fn round_trips() {
        for text in ["0/0", "16/B374D848", "FFFFFFFF/FFFFFFFF", "0/3000148"] {
            let lsn: Lsn = text.parse().unwrap();
            assert_eq!(lsn.to_string(), text);
        }
        assert_eq!("1/0".parse::<Lsn>().unwrap(), Lsn(1 << 32));
    }

    // Compares by position: a later high part wins whatever the low part.
    #[test]
    fn orders_by_position() {
        let a: Lsn = "0/FFFFFFFF".parse().unwrap();
        let b: Lsn = "1/0".parse().unwrap();
        assert!(a < b);
    }

    // Anything else is an error that shows the input.
    #[test]
    fn refuses_what_is_not_an_lsn() {
        for bad in [
            "",
            "16",
            "16/",
            "/1",
            "G/1",
            "1/2/3",
            "123456789/0",
            "-1/0",
            "+1/0",
        ] {
            let err = bad.parse::<Lsn>().unwrap_err();
            assert!(err.contains(&format!("`{bad}`")), "{err}");
        }
    }
}
