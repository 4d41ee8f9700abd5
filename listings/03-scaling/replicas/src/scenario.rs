//! The chapter's story, on the real servers: one order, two users, and a
//! replica held back.

use std::time::Duration;

use crate::cluster::{Cluster, Error};
use crate::reads::{Route, Server, Session, read, write};

/// How long a read waits for the replica before going to the primary.
pub const WAIT: Duration = Duration::from_millis(100);
/// How long after a write a user's reads go to the primary.
pub const WINDOW: Duration = Duration::from_secs(5);

fn shown((status, server): (Option<String>, Server)) -> String {
    let status = status.map_or("no such order".to_string(), |s| format!("'{s}'"));
    let server = match server {
        Server::Primary => "primary",
        Server::Replica => "replica",
    };
    format!("{status} from the {server}")
}

/// Waits until the replica has everything the primary has now.
async fn catch_up(cluster: &Cluster) -> Result<(), Error> {
    let now = cluster.primary_lsn().await?;
    if cluster.wait_for(now, Duration::from_secs(5)).await? {
        Ok(())
    } else {
        Err("the replica did not catch up within 5 s".to_string())
    }
}

// ANCHOR: story
/// Runs the story and returns the lines it prints.
pub async fn story(cluster: &Cluster) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    let mut alice = Session::new();
    let always = Route::Replica;
    let after_write = Route::PrimaryAfterWrite { window: WINDOW };
    let caught_up = Route::CaughtUp { wait: WAIT };

    write(cluster, &mut Session::new(), 7, "pending").await?;
    catch_up(cluster).await?;
    out.push("order 7 is 'pending' on both servers; the replica's replay is paused".into());
    cluster.pause_replay().await?;

    write(cluster, &mut alice, 7, "paid").await?;
    out.push("alice sets order 7 to 'paid' on the primary, then reads it".into());
    for (how, route) in [
        ("every read from the replica", always),
        ("the primary for 5 s after a write", after_write),
        ("the replica once it has her write", caught_up),
    ] {
        let answer = read(cluster, &mut alice, route, 7).await?;
        out.push(format!("  {how:<36} {}", shown(answer)));
    }

    out.push("bob wrote nothing; a balancer sends his first read to the primary".into());
    for (how, route) in [
        ("every read from the replica", always),
        ("the primary for 5 s after a write", after_write),
        ("the replica once it has what he saw", caught_up),
    ] {
        let mut bob = Session::new();
        let (first, _) = read(cluster, &mut bob, Route::Primary, 7).await?;
        let second = read(cluster, &mut bob, route, 7).await?;
        let first = first.map_or("no such order".to_string(), |s| format!("'{s}'"));
        out.push(format!("  {how:<36} {first}, then {}", shown(second)));
    }

    cluster.resume_replay().await?;
    catch_up(cluster).await?;
    out.push("the replica's replay resumes, and it catches up".into());
    let answer = read(cluster, &mut alice, caught_up, 7).await?;
    out.push(format!(
        "  {:<36} {}",
        "the replica once it has her write",
        shown(answer)
    ));
    Ok(out)
}
// ANCHOR_END: story
