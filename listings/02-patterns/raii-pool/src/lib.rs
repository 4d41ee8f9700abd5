//! RAII and guards: a small connection pool two ways. With [`naive`], the
//! caller must hand each connection back; with [`guarded`], a guard hands
//! it back when it is dropped, on every way out of the code that holds it.
//! The "connections" are numbered stand-ins: what matters is who has them.

pub mod guarded;
pub mod naive;

/// A stand-in for a database connection.
#[derive(Debug, PartialEq, Eq)]
pub struct Conn {
    pub id: u32,
}

impl Conn {
    /// Runs a query; any text containing `DROP` is refused, standing in
    /// for a query that fails.
    pub fn query(&self, sql: &str) -> Result<String, String> {
        if sql.contains("DROP") {
            Err(format!("conn {}: refused: {sql}", self.id))
        } else {
            Ok(format!("conn {}: ok", self.id))
        }
    }
}
