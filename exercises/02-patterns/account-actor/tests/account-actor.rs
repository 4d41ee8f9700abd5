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

/// Polls `call` exactly once, so its message goes into the mailbox (or it
/// waits for room), without yielding to the actor. `pin!` fixes the future
/// in place, which `select!` needs to poll it through `&mut`; `biased`
/// makes `select!` try the branches in order.
async fn poll_once<F: Future>(call: std::pin::Pin<&mut F>) {
    tokio::select! {
        biased;
        _ = call => panic!("the call finished before the actor ran"),
        _ = std::future::ready(()) => {}
    }
}

/// A full mailbox makes `try_withdraw` refuse at once. The test fills the
/// one slot with a `withdraw` polled once: the actor has not run, so the
/// message is still there.
#[tokio::test]
async fn try_withdraw_refuses_when_the_mailbox_is_full() {
    let (account, _task) = open(100, 1);
    let waiting = account.withdraw(10);
    tokio::pin!(waiting);
    poll_once(waiting.as_mut()).await;
    assert_eq!(account.try_withdraw(1).await, Err(AccountError::Busy));
    assert_eq!(waiting.await, Ok(90));
    assert_eq!(account.try_withdraw(1).await, Ok(89));
}

/// The mailbox holds `capacity` messages: with 3, two waiting withdrawals
/// leave room, and a third fills it.
#[tokio::test]
async fn the_mailbox_holds_capacity_messages() {
    let (account, _task) = open(100, 3);
    let (a, b, c) = (
        account.withdraw(1),
        account.withdraw(1),
        account.withdraw(1),
    );
    tokio::pin!(a, b, c);
    poll_once(a.as_mut()).await;
    poll_once(b.as_mut()).await;
    let room = account.try_withdraw(1);
    tokio::pin!(room);
    poll_once(room.as_mut()).await;
    assert_eq!(account.try_withdraw(1).await, Err(AccountError::Busy));
    poll_once(c.as_mut()).await;
    assert_eq!((a.await, b.await, room.await), (Ok(99), Ok(98), Ok(97)));
    assert_eq!(c.await, Ok(96));
}

/// A deposit that would overflow the balance is refused, changes nothing,
/// and the actor keeps serving.
#[tokio::test]
async fn an_overflowing_deposit_is_refused() {
    let (account, _task) = open(1, 8);
    assert_eq!(
        account.deposit(u64::MAX).await,
        Err(AccountError::Overflow { balance: 1 })
    );
    assert_eq!(account.balance().await, Ok(1));
    assert_eq!(account.deposit(u64::MAX - 1).await, Ok(u64::MAX));
}

/// A handle whose actor has died answers `Gone` at once: no panic, no hang,
/// both for calls made afterwards and for calls whose message was already
/// in the mailbox when the actor died.
#[tokio::test]
async fn a_dead_actor_answers_gone() {
    let (account, task) = open(100, 8);
    let (queued_balance, queued_withdraw) = (account.balance(), account.withdraw(1));
    tokio::pin!(queued_balance, queued_withdraw);
    poll_once(queued_balance.as_mut()).await;
    poll_once(queued_withdraw.as_mut()).await;
    task.abort();
    assert!(task.await.is_err(), "the task was aborted");
    let calls = async {
        (
            queued_balance.await,
            queued_withdraw.await,
            account.deposit(1).await,
            account.withdraw(1).await,
            account.balance().await,
            account.try_withdraw(1).await,
        )
    };
    let answers = tokio::time::timeout(Duration::from_secs(5), calls)
        .await
        .expect("a call to a dead actor must not hang");
    let gone = || Err(AccountError::Gone);
    assert_eq!(answers, (gone(), gone(), gone(), gone(), gone(), gone()));
}

/// Dropping every handle stops the actor.
#[tokio::test]
#[allow(clippy::drop_non_drop)] // the stub's handle has no fields yet
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
