//! A CDN cache key: two URLs that name the same content get the same key,
//! so the edge stores one copy instead of one per spelling.
//!
// --- solution ---
//! Reference solution of the exercise; the tests live in
//! `../tests/cache-key.rs`.
// --- stub ---
// //! Your task: implement [`cache_key`] until `cargo test -p cache-key`
// //! passes. The tests in `tests/cache-key.rs` are the specification.
// --- end ---

/// Why a URL has no cache key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    /// No `scheme://` at the start.
    NotAbsolute,
    /// A scheme other than `http` or `https`.
    UnsupportedScheme(String),
    /// Nothing between `://` and the path.
    NoHost,
    /// A port that is not a number from 1 to 65535.
    BadPort(String),
}

/// Query parameters that track where a click came from and never change
/// the content.
pub const TRACKING: [&str; 3] = ["utm_", "fbclid", "gclid"];

/// The cache key of an absolute `http` or `https` URL: scheme and host in
/// lower case, the scheme's default port left out, the path as it is (`/`
/// if empty), the fragment dropped, tracking parameters dropped, and the
/// remaining query parameters sorted.
pub fn cache_key(url: &str) -> Result<String, KeyError> {
    // --- solution ---
    let (scheme, rest) = url.split_once("://").ok_or(KeyError::NotAbsolute)?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => 80,
        "https" => 443,
        _ => return Err(KeyError::UnsupportedScheme(scheme)),
    };
    // The fragment never reaches the server.
    let rest = rest.split('#').next().unwrap_or_default();
    let (before_query, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (authority, path) = match before_query.find('/') {
        Some(slash) => before_query.split_at(slash),
        None => (before_query, "/"),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => {
            let number: u16 = port
                .parse()
                .ok()
                .filter(|&p| p > 0)
                .ok_or_else(|| KeyError::BadPort(port.to_string()))?;
            (host, Some(number))
        }
        None => (authority, None),
    };
    if host.is_empty() {
        return Err(KeyError::NoHost);
    }
    let mut key = format!("{scheme}://{}", host.to_ascii_lowercase());
    if let Some(port) = port.filter(|&p| p != default_port) {
        key.push_str(&format!(":{port}"));
    }
    key.push_str(path);
    let mut params: Vec<&str> = query
        .split('&')
        .filter(|param| !param.is_empty())
        .filter(|param| {
            let name = param.split('=').next().unwrap_or_default();
            !TRACKING.iter().any(|t| {
                if t.ends_with('_') {
                    name.starts_with(t)
                } else {
                    name == *t
                }
            })
        })
        .collect();
    params.sort_unstable();
    if !params.is_empty() {
        key.push('?');
        key.push_str(&params.join("&"));
    }
    Ok(key)
    // --- stub ---
    // let _ = url;
    // todo!("cache_key")
    // --- end ---
}
