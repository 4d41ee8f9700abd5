//! Three ways to configure the client that calls the payments provider.

use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentsClient {
    pub base_url: String,
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    pub retries: u32,
    pub pool_size: usize,
    pub user_agent: String,
}

// ANCHOR: positional
impl PaymentsClient {
    /// Every setting, in order, every time.
    pub fn new(
        base_url: &str,
        connect_timeout: Duration,
        request_timeout: Duration,
        retries: u32,
        pool_size: usize,
        user_agent: &str,
    ) -> PaymentsClient {
        PaymentsClient {
            base_url: base_url.to_string(),
            connect_timeout,
            request_timeout,
            retries,
            pool_size,
            user_agent: user_agent.to_string(),
        }
    }
}
// ANCHOR_END: positional

// ANCHOR: builder
/// The defaults both builders start from.
fn defaults(base_url: String) -> PaymentsClient {
    PaymentsClient {
        base_url,
        connect_timeout: Duration::from_secs(1),
        request_timeout: Duration::from_secs(10),
        retries: 2,
        pool_size: 10,
        user_agent: "checkout".to_string(),
    }
}

/// A builder: every setting has a name and a default; the one without a
/// default is checked when `build` runs.
#[derive(Debug, Default)]
pub struct ClientBuilder {
    base_url: Option<String>,
    request_timeout: Option<Duration>,
    retries: Option<u32>,
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("a payments client needs a base URL")]
pub struct MissingBaseUrl;

impl ClientBuilder {
    pub fn base_url(mut self, url: &str) -> Self {
        self.base_url = Some(url.to_string());
        self
    }

    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = Some(timeout);
        self
    }

    pub fn retries(mut self, retries: u32) -> Self {
        self.retries = Some(retries);
        self
    }

    pub fn build(self) -> Result<PaymentsClient, MissingBaseUrl> {
        let mut client = defaults(self.base_url.ok_or(MissingBaseUrl)?);
        client.request_timeout = self.request_timeout.unwrap_or(client.request_timeout);
        client.retries = self.retries.unwrap_or(client.retries);
        Ok(client)
    }
}
// ANCHOR_END: builder

// ANCHOR: typestate
/// The state of a builder that has no base URL yet.
pub struct NoUrl;
/// The state of a builder that has one.
pub struct HasUrl(String);

/// A typestate builder: whether the URL is set is part of the type, so
/// `build` exists only on `TypedBuilder<HasUrl>`.
pub struct TypedBuilder<U> {
    url: U,
    request_timeout: Duration,
    retries: u32,
}

impl PaymentsClient {
    pub fn builder() -> TypedBuilder<NoUrl> {
        let start = defaults(String::new());
        TypedBuilder {
            url: NoUrl,
            request_timeout: start.request_timeout,
            retries: start.retries,
        }
    }
}

impl TypedBuilder<NoUrl> {
    /// Moves the builder into its next state: the return type differs
    /// from `Self`, so the fields are listed one by one.
    pub fn base_url(self, url: &str) -> TypedBuilder<HasUrl> {
        TypedBuilder {
            url: HasUrl(url.to_string()),
            request_timeout: self.request_timeout,
            retries: self.retries,
        }
    }
}

/// Settings with defaults may be set in any state.
impl<U> TypedBuilder<U> {
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    pub fn retries(mut self, retries: u32) -> Self {
        self.retries = retries;
        self
    }
}

impl TypedBuilder<HasUrl> {
    /// Cannot fail: the type proves the URL is there.
    pub fn build(self) -> PaymentsClient {
        let mut client = defaults(self.url.0);
        client.request_timeout = self.request_timeout;
        client.retries = self.retries;
        client
    }
}
// ANCHOR_END: typestate
