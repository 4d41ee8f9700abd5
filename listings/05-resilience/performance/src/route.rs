//! The request in front of the endpoint: method, path and credentials,
//! checked before any work, every bad request answered with a 4xx.

/// The token this demo accepts.
pub const TOKEN: &str = "demo-token";
/// Longest path accepted.
pub const MAX_PATH: usize = 256;

/// A refusal: the status and one line saying why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reject {
    pub status: u16,
    pub reason: &'static str,
}

fn reject(status: u16, reason: &'static str) -> Reject {
    Reject { status, reason }
}

/// The user of `GET /orders/{user}`, or why the request is refused.
pub fn parse(method: &str, path: &str, authorization: Option<&str>) -> Result<u64, Reject> {
    if path.len() > MAX_PATH {
        return Err(reject(414, "path too long"));
    }
    let Some(rest) = path.strip_prefix("/orders/") else {
        return Err(reject(404, "no such route; try GET /orders/{user}"));
    };
    if method != "GET" {
        return Err(reject(405, "only GET is allowed here"));
    }
    if authorization.and_then(|a| a.strip_prefix("Bearer ")) != Some(TOKEN) {
        return Err(reject(401, "missing or wrong bearer token"));
    }
    match rest.parse::<u64>() {
        Ok(user) if user > 0 => Ok(user),
        _ => Err(reject(400, "the user must be a positive integer")),
    }
}
