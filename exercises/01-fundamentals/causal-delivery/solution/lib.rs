// --- solution ---
//! Reference solution of the causal-delivery exercise: every new message
//! joins the held-back list, and the inbox delivers from that list, one
//! ready message at a time, until none is ready, because each delivery can
//! make another message ready.
// --- stub ---
// //! Your turn: a chat room where every member broadcasts to every other,
// //! and the network may reorder messages. A reply must never be shown before
// //! the message it answers. Each message carries a vector stamp that counts
// //! broadcasts, not events, and the inbox holds a message back until
// //! everything it depends on has been delivered.
// //!
// //! Layout: [`Message`] is what arrives; [`CausalInbox`] is one member's
// //! inbox, with [`CausalInbox::receive`], the method you write.
// //!
// //! Run `cargo test -p causal-delivery` until every test passes.
// --- end ---

/// A broadcast message. `stamp[p]` counts the messages of member `p` that
/// the sender had delivered (its own included, this one too) when it sent
/// this one, so `stamp[sender]` is this message's number among the
/// sender's messages, from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub sender: usize,
    pub stamp: Vec<u64>,
    pub body: String,
}

/// Why a message was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InboxError {
    /// The sender is not a member of the room.
    UnknownSender,
    /// The stamp does not have one entry per member.
    WrongStampLength,
}

/// One member's inbox.
#[derive(Debug, Clone)]
pub struct CausalInbox {
    /// `delivered[p]`: how many of member `p`'s messages were delivered here.
    delivered: Vec<u64>,
    /// Messages that arrived too early, in arrival order.
    waiting: Vec<Message>,
}

impl CausalInbox {
    /// An inbox in a room of `members` members, with nothing delivered.
    pub fn new(members: usize) -> Self {
        CausalInbox {
            delivered: vec![0; members],
            waiting: Vec::new(),
        }
    }

    /// How many of each member's messages were delivered so far.
    pub fn delivered(&self) -> &[u64] {
        &self.delivered
    }

    /// How many messages are held back.
    pub fn waiting(&self) -> usize {
        self.waiting.len()
    }

    /// Takes in a message from the network and returns every message that
    /// can now be delivered, in an order that respects causality: this one,
    /// if it is ready, and any held-back messages it unblocks. A message is
    /// ready when it is the next one from its sender and this inbox has
    /// already delivered every message the sender had delivered when it
    /// sent it. A message already delivered (a duplicate) is dropped, and
    /// so is a duplicate of a held-back message.
    pub fn receive(&mut self, message: Message) -> Result<Vec<Message>, InboxError> {
        // --- solution ---
        let members = self.delivered.len();
        if message.sender >= members {
            return Err(InboxError::UnknownSender);
        }
        if message.stamp.len() != members {
            return Err(InboxError::WrongStampLength);
        }
        let already_seen = message.stamp[message.sender] <= self.delivered[message.sender]
            || self.waiting.contains(&message);
        if !already_seen {
            self.waiting.push(message);
        }
        let mut out = Vec::new();
        // Each delivery can unblock others, so scan until a pass delivers nothing.
        while let Some(slot) = self.waiting.iter().position(|m| self.is_ready(m)) {
            let ready = self.waiting.remove(slot);
            self.delivered[ready.sender] += 1;
            out.push(ready);
        }
        Ok(out)
        // --- stub ---
        // let _ = message;
        // todo!("hold the message back until it is ready, then deliver it and whatever it unblocks")
        // --- end ---
    }
    // --- solution ---

    fn is_ready(&self, message: &Message) -> bool {
        message.stamp.iter().enumerate().all(|(p, &count)| {
            if p == message.sender {
                count == self.delivered[p] + 1
            } else {
                count <= self.delivered[p]
            }
        })
    }
    // --- end ---
}
