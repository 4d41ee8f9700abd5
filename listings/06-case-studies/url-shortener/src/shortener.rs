//! The rules of the service, with no HTTP in sight: what a valid URL and
//! alias are, how a code is allocated, how a code is resolved.

use std::fmt;

use crate::base62;
use crate::store::{InsertError, LinkStore};

/// Longest URL we accept. Browsers cope with longer ones; 2,048 is a common
/// bound (the sitemaps protocol at sitemaps.org uses the same figure).
pub const MAX_URL_LEN: usize = 2048;
pub const MIN_ALIAS_LEN: usize = 4;
pub const MAX_ALIAS_LEN: usize = 32;
/// A generated code can land on a custom alias; after this many tries in a
/// row we give up instead of looping forever.
pub const MAX_CODE_ATTEMPTS: usize = 8;

/// 301 or 302: see the chapter for why the choice matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedirectKind {
    /// 301 Moved Permanently: browsers and proxies may cache it.
    Permanent,
    /// 302 Found: every click comes back to us.
    Temporary,
}

#[derive(Debug, Clone)]
pub struct Config {
    /// Prefix of every `short_url`, e.g. `https://sho.rt`.
    pub base_url: String,
    pub redirect: RedirectKind,
}

/// A created link, as the API returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub code: String,
    pub short_url: String,
}

/// Everything that can go wrong in the core. The HTTP layer maps each one
/// to a status code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShortenError {
    InvalidUrl(&'static str),
    UnsupportedScheme(String),
    UrlTooLong { len: usize },
    InvalidAlias(&'static str),
    AliasTaken(String),
    NotFound,
    NoFreeCode,
}

impl fmt::Display for ShortenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShortenError::InvalidUrl(why) => write!(f, "url is not valid: {why}"),
            ShortenError::UnsupportedScheme(scheme) => {
                write!(f, "scheme {scheme:?} is not allowed; use http or https")
            }
            ShortenError::UrlTooLong { len } => {
                write!(f, "url is {len} bytes; the limit is {MAX_URL_LEN}")
            }
            ShortenError::InvalidAlias(why) => write!(f, "alias is not valid: {why}"),
            ShortenError::AliasTaken(alias) => write!(f, "alias {alias:?} is already taken"),
            ShortenError::NotFound => write!(f, "no link has this code"),
            ShortenError::NoFreeCode => write!(f, "could not allocate a free code; retry"),
        }
    }
}

impl std::error::Error for ShortenError {}

// ANCHOR: validate_url
/// Accepts absolute `http` and `https` URLs with a host, nothing else.
/// `javascript:` and `data:` URLs would turn our domain into a launcher
/// for someone else's script, so an unknown scheme is refused by name.
pub fn validate_url(raw: &str) -> Result<(), ShortenError> {
    if raw.len() > MAX_URL_LEN {
        return Err(ShortenError::UrlTooLong { len: raw.len() });
    }
    // RFC 3986: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
    let scheme = match raw.split_once(':') {
        Some((scheme, _))
            if scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) =>
        {
            scheme
        }
        _ => return Err(ShortenError::InvalidUrl("missing scheme such as https://")),
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Err(ShortenError::UnsupportedScheme(scheme.to_string()));
    }
    let uri: http::Uri = raw
        .parse()
        .map_err(|_| ShortenError::InvalidUrl("not a well-formed URL"))?;
    match uri.host() {
        Some(host) if !host.is_empty() => Ok(()),
        _ => Err(ShortenError::InvalidUrl("missing host")),
    }
}
// ANCHOR_END: validate_url

/// Letters, digits, `-` and `_`: safe in a path segment without escaping.
fn is_code_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

pub fn validate_alias(alias: &str) -> Result<(), ShortenError> {
    if alias.len() < MIN_ALIAS_LEN {
        return Err(ShortenError::InvalidAlias("shorter than 4 characters"));
    }
    if alias.len() > MAX_ALIAS_LEN {
        return Err(ShortenError::InvalidAlias("longer than 32 characters"));
    }
    if !alias.chars().all(is_code_char) {
        return Err(ShortenError::InvalidAlias(
            "only letters, digits, '-' and '_' are allowed",
        ));
    }
    Ok(())
}

/// The service: a store plus the rules.
#[derive(Debug)]
pub struct Shortener<S> {
    store: S,
    config: Config,
}

impl<S: LinkStore> Shortener<S> {
    pub fn new(store: S, config: Config) -> Self {
        Shortener { store, config }
    }

    pub fn store(&self) -> &S {
        &self.store
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    // ANCHOR: create
    pub async fn create(&self, url: &str, alias: Option<&str>) -> Result<Link, ShortenError> {
        validate_url(url)?;
        let code = match alias {
            Some(alias) => {
                validate_alias(alias)?;
                self.store
                    .insert_new(alias, url)
                    .await
                    .map_err(|InsertError::Taken| ShortenError::AliasTaken(alias.to_string()))?;
                alias.to_string()
            }
            None => self.allocate(url).await?,
        };
        let short_url = format!("{}/{}", self.config.base_url.trim_end_matches('/'), code);
        Ok(Link { code, short_url })
    }

    /// Counter + base62. The counter alone never repeats, but a custom
    /// alias may already own the next code (alias "abcd" is also the code
    /// for id 8,724,431), so a taken code is skipped, a bounded number of
    /// times.
    async fn allocate(&self, url: &str) -> Result<String, ShortenError> {
        for _ in 0..MAX_CODE_ATTEMPTS {
            let code = base62::encode(self.store.next_id().await);
            match self.store.insert_new(&code, url).await {
                Ok(()) => return Ok(code),
                Err(InsertError::Taken) => continue,
            }
        }
        Err(ShortenError::NoFreeCode)
    }
    // ANCHOR_END: create

    // ANCHOR: resolve
    pub async fn resolve(&self, code: &str) -> Result<String, ShortenError> {
        // A code we could never have issued is answered without a store
        // read, so scanners with junk paths cost nothing downstream.
        if code.is_empty() || code.len() > MAX_ALIAS_LEN || !code.chars().all(is_code_char) {
            return Err(ShortenError::NotFound);
        }
        self.store.get(code).await.ok_or(ShortenError::NotFound)
    }
    // ANCHOR_END: resolve
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::InMemoryStore;

    fn shortener(store: InMemoryStore) -> Shortener<InMemoryStore> {
        Shortener::new(
            store,
            Config {
                base_url: "https://sho.rt/".to_string(),
                redirect: RedirectKind::Temporary,
            },
        )
    }

    // Pins the URLs we accept: http(s) with a host, any case of scheme,
    // with path, query and port.
    #[test]
    fn accepts_http_and_https() {
        for url in [
            "https://example.com",
            "http://example.com/a/b?c=d",
            "HTTPS://example.com:8443/x",
            "https://127.0.0.1/",
            "https://example.com/docs#section-2",
        ] {
            assert_eq!(validate_url(url), Ok(()), "{url}");
        }
    }

    // Pins that other schemes are refused by name, including script URLs.
    #[test]
    fn refuses_other_schemes() {
        for (url, scheme) in [
            ("ftp://example.com/file", "ftp"),
            ("javascript:alert(1)", "javascript"),
            ("data:text/html,hi", "data"),
        ] {
            assert_eq!(
                validate_url(url),
                Err(ShortenError::UnsupportedScheme(scheme.to_string()))
            );
        }
    }

    // Pins the malformed cases: no scheme, no host, spaces, empty.
    #[test]
    fn refuses_malformed_urls() {
        for url in [
            "",
            "example.com",
            "://example.com",
            " https://example.com",
            "https://",
            "https:///path-only",
            "https://exa mple.com",
        ] {
            assert!(
                matches!(validate_url(url), Err(ShortenError::InvalidUrl(_))),
                "{url:?} gave {:?}",
                validate_url(url)
            );
        }
    }

    // Pins the length bound: 2,048 bytes pass, 2,049 do not.
    #[test]
    fn url_length_limit() {
        let base = "https://example.com/";
        let exact = format!("{base}{}", "a".repeat(MAX_URL_LEN - base.len()));
        assert_eq!(validate_url(&exact), Ok(()));
        let over = format!("{exact}a");
        assert_eq!(
            validate_url(&over),
            Err(ShortenError::UrlTooLong {
                len: MAX_URL_LEN + 1
            })
        );
    }

    // Pins alias rules: 4 to 32 characters from [A-Za-z0-9_-].
    #[test]
    fn alias_rules() {
        assert_eq!(validate_alias("rust"), Ok(()));
        assert_eq!(validate_alias("my_link-2"), Ok(()));
        assert!(validate_alias("abc").is_err());
        assert!(validate_alias(&"a".repeat(33)).is_err());
        assert!(validate_alias("has space").is_err());
        assert!(validate_alias("ünï").is_err());
        assert!(validate_alias("a/b/c").is_err());
    }

    // Pins counter codes: 1, 2, 3 ... in base62, with the base URL's
    // trailing slash not doubled.
    #[tokio::test]
    async fn generated_codes_count_up() {
        let s = shortener(InMemoryStore::new());
        let first = s.create("https://a.example", None).await.unwrap();
        let second = s.create("https://b.example", None).await.unwrap();
        assert_eq!(first.code, "1");
        assert_eq!(first.short_url, "https://sho.rt/1");
        assert_eq!(second.code, "2");
        assert_eq!(s.resolve("2").await.as_deref(), Ok("https://b.example"));
    }

    // Pins that a generated code skips over a custom alias that owns it.
    #[tokio::test]
    async fn generated_code_skips_taken_alias() {
        // a=36, b=37, c=38, d=39 in the alphabet.
        let id_of_abcd = 36 * 62u64.pow(3) + 37 * 62 * 62 + 38 * 62 + 39;
        assert_eq!(base62::encode(id_of_abcd), "abcd");
        let s = shortener(InMemoryStore::starting_at(id_of_abcd));
        s.create("https://alias.example", Some("abcd"))
            .await
            .unwrap();
        let link = s.create("https://next.example", None).await.unwrap();
        assert_eq!(link.code, "abce");
        assert_eq!(
            s.resolve("abcd").await.as_deref(),
            Ok("https://alias.example")
        );
    }

    // Pins the bound on retries: a wall of taken codes gives NoFreeCode,
    // not an endless loop.
    #[tokio::test]
    async fn gives_up_after_bounded_attempts() {
        let s = shortener(InMemoryStore::starting_at(1_000_000));
        for id in 1_000_000..1_000_000 + MAX_CODE_ATTEMPTS as u64 {
            let code = base62::encode(id);
            s.store()
                .insert_new(&code, "https://x.example")
                .await
                .unwrap();
        }
        assert_eq!(
            s.create("https://y.example", None).await,
            Err(ShortenError::NoFreeCode)
        );
    }

    // Pins that a second request for the same alias gets AliasTaken and the
    // first link is untouched.
    #[tokio::test]
    async fn alias_taken() {
        let s = shortener(InMemoryStore::new());
        s.create("https://a.example", Some("rust")).await.unwrap();
        assert_eq!(
            s.create("https://b.example", Some("rust")).await,
            Err(ShortenError::AliasTaken("rust".to_string()))
        );
        assert_eq!(s.resolve("rust").await.as_deref(), Ok("https://a.example"));
    }

    // Pins that junk codes are NotFound without reaching the store.
    #[tokio::test]
    async fn junk_codes_are_not_found() {
        let s = shortener(InMemoryStore::new());
        for code in ["", "a b", "../etc", &"a".repeat(33)] {
            assert_eq!(s.resolve(code).await, Err(ShortenError::NotFound));
        }
    }
}
