//! The router's rules, the HTTP story, and the SQL story on the real
//! servers (`cargo xtask services up`).

use proxies::sql_router::{Target, classify};

// Plain reads go to the replica; writes, locks, anything unknown and
// everything inside a transaction go to the primary.
#[test]
fn statements_are_classified() {
    let replica = [
        "SELECT * FROM orders",
        "select id from orders where id = 1;",
        "  SELECT 1",
        "SHOW work_mem",
    ];
    for sql in replica {
        assert_eq!(classify(sql, false), Target::Replica, "{sql}");
    }
    let primary = [
        "INSERT INTO orders VALUES (1)",
        "UPDATE orders SET paid = true",
        "SELECT * FROM orders FOR UPDATE",
        "select * from orders for share;",
        "SELECT * FROM orders FOR NO KEY UPDATE",
        "WITH moved AS (DELETE FROM a RETURNING *) SELECT * FROM moved",
        "",
    ];
    for sql in primary {
        assert_eq!(classify(sql, false), Target::Primary, "{sql}");
    }
    assert_eq!(classify("SELECT 1", true), Target::Primary);
}

// The rule's blind spot, pinned so the chapter's warning stays true: a
// SELECT that writes through a function looks like a read.
#[test]
fn a_select_that_writes_is_misrouted() {
    assert_eq!(
        classify("SELECT nextval('order_ids')", false),
        Target::Replica
    );
}

// The HTTP story, line by line: L4 balances connections, L7 requests;
// a crashed backend costs no request, and a health check takes it out.
#[tokio::test(flavor = "current_thread")]
async fn the_http_story() {
    let lines = proxies::story::http().await.unwrap();
    let expected =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/output.txt")).unwrap();
    let expected: Vec<&str> = expected.lines().skip(1).collect();
    assert_eq!(lines, expected);
    assert!(lines.iter().any(|l| l.ends_with("b1 30")));
    assert!(lines.iter().any(|l| l.ends_with("b1 10, b2 10, b3 10")));
}

// The SQL story: every statement answered by the server the router chose.
#[tokio::test(flavor = "current_thread")]
async fn the_sql_story() {
    let lines = proxies::story::sql()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    for line in &lines[1..] {
        let words: Vec<&str> = line.split_whitespace().collect();
        let (said, answered) = (words[words.len() - 2], words[words.len() - 1]);
        assert_eq!(said, answered, "{line}");
    }
}
