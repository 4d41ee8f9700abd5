use account_actor::{AccountError, open};
use std::time::Duration;

/// Deposits and withdrawals change the balance, and each returns it.
#[tokio::test]
async fn deposits_and_withdrawals_return_the_balance() {
    let (account, _task) = open(100, 8);
    assert_eq!(account.deposit(50).await, Ok(150));
    assert_eq!(account.withdraw(30).await, Ok(120));
    assert_eq!(account.balance().await, Ok(120));
}

/// A withdrawal larger than the balance is refused, naming the balance,
/// and changes nothing.
#[tokio::test]
async fn an_overdraft_is_refused() {
    let (account, _task) = open(100, 8);
    assert_eq!(
        account.withdraw(101).await,
        Err(AccountError::Insufficient { balance: 100 })
    );
    assert_eq!(account.balance().await, Ok(100));
    assert_eq!(account.withdraw(100).await, Ok(0));
}

/// A thousand withdrawals of 1 race on a balance of 500 from clones of the
/// handle on several threads: exactly 500 succeed, and the balance ends at
/// 0, never below.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_withdrawals_never_overdraw() {
    let (account, _task) = open(500, 64);
    let mut calls = Vec::new();
    for _ in 0..1000 {
        let account = account.clone();
        calls.push(tokio::spawn(async move { account.withdraw(1).await }));
    }
    let mut succeeded = 0;
    for call in calls {
        if call.await.expect("no panic").is_ok() {
            succeeded += 1;
        }
    }
    assert_eq!(succeeded, 500);
    assert_eq!(account.balance().await, Ok(0));
}

/// A full mailbox makes `try_withdraw` refuse at once. The test fills the
/// one slot by polling a `withdraw` exactly once (its message goes into the
/// mailbox, then it waits for the answer), without ever yielding to the
/// actor, so the message is still there.
#[tokio::test]
async fn try_withdraw_refuses_when_the_mailbox_is_full() {
    let (account, _task) = open(100, 1);
    let waiting = account.withdraw(10);
    tokio::pin!(waiting);
    tokio::select! {
        biased;
        _ = &mut waiting => panic!("the actor has not run yet"),
        _ = std::future::ready(()) => {}
    }
    assert_eq!(account.try_withdraw(1).await, Err(AccountError::Busy));
    assert_eq!(waiting.await, Ok(90));
    assert_eq!(account.try_withdraw(1).await, Ok(89));
}

/// Dropping every handle stops the actor.
#[tokio::test]
async fn the_actor_stops_with_its_last_handle() {
    let (account, task) = open(1, 8);
    let other = account.clone();
    drop(account);
    assert_eq!(other.balance().await, Ok(1));
    drop(other);
    tokio::time::timeout(Duration::from_secs(5), task)
        .await
        .expect("the actor ended")
        .expect("the actor did not panic");
}
