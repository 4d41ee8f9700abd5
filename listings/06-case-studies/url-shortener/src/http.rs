//! The HTTP face of the service: two routes, JSON in and out, and one error
//! body for every 4xx.
//!
//! - `POST /api/links` `{"url": "...", "alias": "..."?}` -> 201
//!   `{"code", "short_url"}`
//! - `GET /{code}` -> 301 or 302 with `Location`, or 404

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use crate::shortener::{Config, Link, RedirectKind, ShortenError, Shortener};
use crate::store::LinkStore;

/// Largest request body: a 2,048-byte URL, a 32-byte alias and JSON
/// punctuation fit with room to spare. Anything bigger is refused before
/// it is parsed.
pub const MAX_BODY_BYTES: usize = 4 * 1024;

/// A 301 may be cached for a day, so a link taken down (phishing) stops
/// working in browsers within a day, not never.
pub const PERMANENT_CACHE_CONTROL: &str = "max-age=86400";
/// A 302 is not stored: every click comes back to be counted, and a link
/// taken down stops at once.
pub const TEMPORARY_CACHE_CONTROL: &str = "no-store";

// ANCHOR: dto
#[derive(Debug, Deserialize)]
// A typo such as "alais" is an error, not a silently random code.
#[serde(deny_unknown_fields)]
pub struct CreateLink {
    pub url: String,
    pub alias: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Created {
    pub code: String,
    pub short_url: String,
}

/// The one error body: a stable machine-readable `error` and a message
/// for humans.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct ErrorBody {
    pub error: String,
    pub message: String,
}
// ANCHOR_END: dto

// ANCHOR: api_error
/// Everything a request can fail with, at the HTTP level.
#[derive(Debug)]
pub enum ApiError {
    /// The body is not JSON, is the wrong shape, or is too big.
    BadRequestBody(JsonRejection),
    /// The path did not decode to a code, e.g. `/%FF` (not UTF-8).
    BadPath(PathRejection),
    /// No route matches the path (the router's own 404).
    UnknownRoute,
    /// The route exists, but not for this method (the router's own 405).
    MethodNotAllowed,
    Shorten(ShortenError),
}

impl ApiError {
    fn status_and_kind(&self) -> (StatusCode, &'static str) {
        match self {
            ApiError::BadRequestBody(rejection) => match rejection {
                JsonRejection::JsonSyntaxError(_) => (StatusCode::BAD_REQUEST, "malformed_json"),
                JsonRejection::JsonDataError(_) => (StatusCode::BAD_REQUEST, "invalid_body"),
                JsonRejection::MissingJsonContentType(_) => {
                    (StatusCode::UNSUPPORTED_MEDIA_TYPE, "expected_json")
                }
                // Includes the body-size limit (413) and broken uploads.
                other => match other.status() {
                    StatusCode::PAYLOAD_TOO_LARGE => {
                        (StatusCode::PAYLOAD_TOO_LARGE, "body_too_large")
                    }
                    _ => (StatusCode::BAD_REQUEST, "unreadable_body"),
                },
            },
            ApiError::BadPath(_) => (StatusCode::BAD_REQUEST, "invalid_path"),
            ApiError::UnknownRoute => (StatusCode::NOT_FOUND, "not_found"),
            ApiError::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            ApiError::Shorten(err) => match err {
                ShortenError::InvalidUrl(_) => (StatusCode::BAD_REQUEST, "invalid_url"),
                ShortenError::UnsupportedScheme(_) => {
                    (StatusCode::BAD_REQUEST, "unsupported_scheme")
                }
                ShortenError::UrlTooLong { .. } => (StatusCode::BAD_REQUEST, "url_too_long"),
                ShortenError::InvalidAlias(_) => (StatusCode::BAD_REQUEST, "invalid_alias"),
                ShortenError::AliasTaken(_) => (StatusCode::CONFLICT, "alias_taken"),
                ShortenError::NotFound => (StatusCode::NOT_FOUND, "not_found"),
                ShortenError::NoFreeCode => (StatusCode::SERVICE_UNAVAILABLE, "no_free_code"),
            },
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, kind) = self.status_and_kind();
        let message = match &self {
            ApiError::BadRequestBody(rejection) => rejection.body_text(),
            ApiError::BadPath(rejection) => rejection.body_text(),
            ApiError::UnknownRoute => "no such route".to_string(),
            ApiError::MethodNotAllowed => "method not allowed on this route".to_string(),
            ApiError::Shorten(err) => err.to_string(),
        };
        let body = ErrorBody {
            error: kind.to_string(),
            message,
        };
        (status, Json(body)).into_response()
    }
}

impl From<ShortenError> for ApiError {
    fn from(err: ShortenError) -> Self {
        ApiError::Shorten(err)
    }
}
// ANCHOR_END: api_error

// ANCHOR: handlers
async fn create_link<S: LinkStore>(
    State(app): State<Arc<Shortener<S>>>,
    // Taking the Result lets us turn axum's plain-text rejection into our
    // JSON error body.
    body: Result<Json<CreateLink>, JsonRejection>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let Json(req) = body.map_err(ApiError::BadRequestBody)?;
    let Link { code, short_url } = app.create(&req.url, req.alias.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(Created { code, short_url })))
}

async fn follow_link<S: LinkStore>(
    State(app): State<Arc<Shortener<S>>>,
    // `/%FF` decodes to bytes that are not UTF-8: a 400 in our JSON shape.
    code: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let Path(code) = code.map_err(ApiError::BadPath)?;
    let url = app.resolve(&code).await?;
    // axum's Redirect helpers send 303, 307 or 308; a link shortener wants
    // the classic 301 or 302, so the response is built by hand. Without
    // Cache-Control a browser may keep a 301 as long as it likes, so the
    // service always says how long.
    let (status, cache_control) = match app.config().redirect {
        RedirectKind::Permanent => (StatusCode::MOVED_PERMANENTLY, PERMANENT_CACHE_CONTROL),
        RedirectKind::Temporary => (StatusCode::FOUND, TEMPORARY_CACHE_CONTROL),
    };
    // validate_url only lets through URLs that http::Uri parsed, and those
    // are valid header values; map the impossible case to 404 anyway.
    let location = HeaderValue::from_str(&url).map_err(|_| ShortenError::NotFound)?;
    let headers = [
        (header::LOCATION, location),
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control),
        ),
    ];
    Ok((status, headers).into_response())
}

pub fn router<S: LinkStore>(app: Shortener<S>) -> Router {
    Router::new()
        .route("/api/links", post(create_link::<S>))
        .route("/{code}", get(follow_link::<S>))
        // The router's own 404 and 405 answer with the same JSON body.
        .fallback(|| async { ApiError::UnknownRoute })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(Arc::new(app))
}
// ANCHOR_END: handlers

/// Runs the service until the process is stopped
/// (`cargo run -p url-shortener -- serve`).
pub async fn serve(addr: SocketAddr, config: Config) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let app = router(Shortener::new(crate::store::InMemoryStore::new(), config));
    axum::serve(listener, app).await
}
