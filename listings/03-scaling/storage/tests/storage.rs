//! The engines' counts, and the index and N+1 on real PostgreSQL
//! (`cargo xtask services up`).

use storage::engines::{BTree, FANOUT, Lsm, MEMTABLE, PAGE, RECORD};
use storage::pg::{Counted, JOIN, latest_orders, tables};

// With no cache, every insert writes its page: at least a page per record.
#[test]
fn a_btree_without_a_cache_writes_a_page_per_insert() {
    let mut t = BTree::new(0);
    for k in 0..1000u64 {
        t.insert(k * 7919 % 1000);
    }
    t.flush();
    assert!(t.pages_written >= 1000);
    assert!(t.height() >= 2);
}

// A small cache barely helps random keys spread over many more leaves than
// it holds, but keys in order keep hitting the same cached page.
#[test]
fn a_small_cache_helps_keys_in_order_not_random_keys() {
    let n = 100_000u64;
    let cache = MEMTABLE * RECORD / PAGE;
    let mut random = BTree::new(cache);
    let mut rng = seeded::SplitMix64(5);
    for _ in 0..n {
        random.insert(rng.next_u64());
    }
    random.flush();
    let mut in_order = BTree::new(cache);
    for k in 0..n {
        in_order.insert(k);
    }
    in_order.flush();
    assert!(
        random.pages_written > n * 9 / 10,
        "{}",
        random.pages_written
    );
    assert!(
        in_order.pages_written < n / 10,
        "{}",
        in_order.pages_written
    );
}

// A cache as big as the tree writes each page once, at the end.
#[test]
fn a_cache_that_holds_the_tree_writes_each_page_once() {
    let mut t = BTree::new(usize::MAX);
    let mut rng = seeded::SplitMix64(5);
    for _ in 0..10_000 {
        t.insert(rng.next_u64());
    }
    assert_eq!(t.pages_written, 0);
    t.flush();
    assert!(t.pages_written < 10_000 / 20, "{}", t.pages_written);
}

// An LSM writes each record once per level it passes through.
#[test]
fn an_lsm_writes_each_record_once_per_level() {
    let mut lsm = Lsm::new();
    for k in 0..(MEMTABLE * FANOUT) as u64 {
        lsm.insert(k);
    }
    // Four runs flushed to level 0, then merged once into level 1.
    assert_eq!(lsm.records_written, 2 * (MEMTABLE * FANOUT) as u64);
    assert_eq!(lsm.runs(), 1);
    // A key in the one run: the memtable, then the run.
    assert_eq!(lsm.probes(5), 2);
}

// A lookup stops at the newest place that has the key; a missing key looks everywhere.
#[test]
fn lsm_lookups_probe_newest_first() {
    let mut lsm = Lsm::new();
    for k in 0..MEMTABLE as u64 * 2 {
        lsm.insert(k);
    }
    assert_eq!(lsm.runs(), 2);
    assert_eq!(lsm.probes(MEMTABLE as u64 + 1), 2, "in the newest run");
    assert_eq!(lsm.probes(1), 3, "in the older run");
    assert_eq!(lsm.probes(u64::MAX), 3, "absent: every run");
}

// The index turns a scan of every row into one index lookup.
#[tokio::test(flavor = "current_thread")]
async fn an_index_replaces_the_scan() {
    let mut db = Counted::connect().await.unwrap_or_else(|e| panic!("{e}"));
    tables(&mut db).await.unwrap();
    let q = "SELECT * FROM customers WHERE email = 'c7@example.com'";
    let before = db.explain(q).await.unwrap();
    assert!(before[0].starts_with("Seq Scan on customers"), "{before:?}");
    assert!(
        before
            .iter()
            .any(|l| l.contains("Rows Removed by Filter: 9999"))
    );
    db.batch("CREATE INDEX customers_email ON customers (email); ANALYZE customers;")
        .await
        .unwrap();
    let after = db.explain(q).await.unwrap();
    assert!(
        after[0].starts_with("Index Scan using customers_email"),
        "{after:?}"
    );
}

// N+1 costs N+1 statements for the same rows a join returns in one.
#[tokio::test(flavor = "current_thread")]
async fn n_plus_one_counts() {
    let mut db = Counted::connect().await.unwrap_or_else(|e| panic!("{e}"));
    tables(&mut db).await.unwrap();
    let results = latest_orders(&mut db).await.unwrap();
    let counts: Vec<u32> = results.iter().map(|r| r.1).collect();
    assert_eq!(counts, [21, 2, 1]);
    assert_eq!(results[0].2.len(), 20);
    assert!(results.windows(2).all(|w| w[0].2 == w[1].2));
}

// The join still looks up each order's customer, 20 times, inside the server.
#[tokio::test(flavor = "current_thread")]
async fn the_join_looks_up_each_customer_in_the_server() {
    let mut db = Counted::connect().await.unwrap_or_else(|e| panic!("{e}"));
    tables(&mut db).await.unwrap();
    let plan = db.explain(JOIN).await.unwrap();
    assert!(plan.iter().any(|l| l.contains("Nested Loop")), "{plan:?}");
    assert!(
        plan.iter()
            .any(|l| l.contains("Index Scan using customers_pkey") && l.contains("loops=20")),
        "{plan:?}"
    );
}
