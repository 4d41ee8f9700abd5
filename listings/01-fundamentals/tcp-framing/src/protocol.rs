//! The messages, as JSON, and the store that answers them.

use std::collections::BTreeMap;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

// ANCHOR: messages
/// A request, as JSON: `{"op":"get","key":"a"}` or
/// `{"op":"put","key":"a","value":"1"}`. The `op` field picks the variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Request {
    Get { key: String },
    Put { key: String, value: String },
}

/// A response: `{"status":"ok","value":"1"}` (`value` is `null` for a
/// missing key or after a put) or `{"status":"error","message":"..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Response {
    Ok { value: Option<String> },
    Error { message: String },
}
// ANCHOR_END: messages

impl Response {
    pub fn error(message: impl Into<String>) -> Self {
        Response::Error {
            message: message.into(),
        }
    }

    /// The response as one line of JSON, without a newline.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a Response always serializes")
    }
}

// ANCHOR: parse
/// Parses one frame's bytes as a request. A frame that is not a valid
/// request becomes an error response, never a panic.
pub fn parse_request(frame: &[u8]) -> Result<Request, Response> {
    serde_json::from_slice(frame).map_err(|e| Response::error(format!("bad json: {e}")))
}
// ANCHOR_END: parse

/// An in-memory key-value store shared by every connection of a server.
#[derive(Debug, Default)]
pub struct Store {
    // A std Mutex is fine here: it is never held across an `.await`.
    entries: Mutex<BTreeMap<String, String>>,
}

impl Store {
    pub fn handle(&self, request: Request) -> Response {
        let mut entries = self.entries.lock().expect("store lock");
        match request {
            Request::Get { key } => Response::Ok {
                value: entries.get(&key).cloned(),
            },
            Request::Put { key, value } => {
                entries.insert(key, value);
                Response::Ok { value: None }
            }
        }
    }
}
