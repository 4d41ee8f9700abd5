//! Two independent calls: awaited one after the other, then together.

use crate::calls::remote_call;
use crate::ms;
use crate::timeline::Timeline;

/// What a profile page needs from two backends.
#[derive(Debug, PartialEq, Eq)]
pub struct ProfilePage {
    pub profile: String,
    pub orders: String,
}

// ANCHOR: sequential
/// Naive: the orders call does not start until the profile call is done.
pub async fn load_page_sequential(timeline: &Timeline) -> ProfilePage {
    let profile = remote_call("profile service", ms(100), timeline).await;
    let orders = remote_call("orders service", ms(100), timeline).await;
    ProfilePage { profile, orders }
}
// ANCHOR_END: sequential

// ANCHOR: joined
/// Both calls are in flight at once; `join!` waits for both.
pub async fn load_page_joined(timeline: &Timeline) -> ProfilePage {
    let (profile, orders) = tokio::join!(
        remote_call("profile service", ms(100), timeline),
        remote_call("orders service", ms(100), timeline),
    );
    ProfilePage { profile, orders }
}
// ANCHOR_END: joined
