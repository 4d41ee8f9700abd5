//! A factory: configuration in, a ready notifier out.

// ANCHOR: notifier
/// Something that can tell a customer their order shipped. Each notifier
/// returns the message it would send, so the run can print it.
pub trait Notifier {
    fn notify(&self, customer: &str, text: &str) -> String;
}

#[derive(Debug)]
pub struct Email {
    pub from: String,
}

#[derive(Debug)]
pub struct Sms {
    pub sender_id: String,
}

#[derive(Debug)]
pub struct Webhook {
    pub url: String,
}

impl Notifier for Email {
    fn notify(&self, customer: &str, text: &str) -> String {
        format!("email from {} to {customer}: {text}", self.from)
    }
}

impl Notifier for Sms {
    fn notify(&self, customer: &str, text: &str) -> String {
        format!("sms from {} to {customer}: {text}", self.sender_id)
    }
}

impl Notifier for Webhook {
    fn notify(&self, customer: &str, text: &str) -> String {
        format!(
            "POST {} {{\"customer\":\"{customer}\",\"text\":\"{text}\"}}",
            self.url
        )
    }
}
// ANCHOR_END: notifier

// ANCHOR: factory
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum FactoryError {
    #[error("unknown notifier {0:?}: expected email, sms or webhook")]
    UnknownKind(String),
    #[error("notifier {kind} needs {setting}")]
    Missing {
        kind: &'static str,
        setting: &'static str,
    },
}

/// Builds the notifier a line of configuration asks for, such as
/// `sms sender=SHOP` or `webhook url=https://hooks.example/ship`. Callers
/// get a `Box<dyn Notifier>` and never name the concrete type.
pub fn notifier_from_config(line: &str) -> Result<Box<dyn Notifier>, FactoryError> {
    let mut words = line.split_whitespace();
    let kind = words.next().unwrap_or_default();
    let setting = |name: &str| {
        words
            .clone()
            .find_map(|word| word.strip_prefix(name)?.strip_prefix('='))
            .map(str::to_string)
    };
    match kind {
        "email" => Ok(Box::new(Email {
            from: setting("from").unwrap_or_else(|| "orders@shop.example".to_string()),
        })),
        "sms" => Ok(Box::new(Sms {
            sender_id: setting("sender").ok_or(FactoryError::Missing {
                kind: "sms",
                setting: "sender",
            })?,
        })),
        "webhook" => Ok(Box::new(Webhook {
            url: setting("url").ok_or(FactoryError::Missing {
                kind: "webhook",
                setting: "url",
            })?,
        })),
        other => Err(FactoryError::UnknownKind(other.to_string())),
    }
}
// ANCHOR_END: factory
