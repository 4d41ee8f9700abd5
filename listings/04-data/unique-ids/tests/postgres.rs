//! On the course's PostgreSQL (`cargo xtask services up`): random keys make
//! a larger primary-key index than time-first keys of the same size.

#[tokio::test(flavor = "current_thread")]
async fn random_keys_make_a_larger_index_than_time_first_keys() {
    let sizes = unique_ids::pg::index_sizes(100_000)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let pages = |key: &str| {
        sizes
            .iter()
            .find(|s| s.key == key)
            .map(|s| s.pages)
            .expect(key)
    };
    assert!(
        pages("UUID v4") as f64 > 1.3 * pages("UUID v7") as f64,
        "v4 {} pages, v7 {} pages",
        pages("UUID v4"),
        pages("UUID v7")
    );
    assert!(
        pages("Snowflake") < pages("UUID v7"),
        "8-byte keys in fewer pages than 16-byte keys"
    );
}

#[test]
fn the_keys_are_what_the_chapter_says() {
    let [(v4_name, _, v4), (v7_name, _, v7), (_, _, snowflakes)] =
        unique_ids::pg::keys(1_000, 5_000);
    assert_eq!((v4_name, v7_name), ("UUID v4", "UUID v7"));
    let sorted = |keys: &[String]| keys.windows(2).all(|w| w[0] < w[1]);
    assert!(!sorted(&v4), "v4 keys arrive in random order");
    assert!(!sorted(&v7), "v7 keys are random within a millisecond");
    assert!(
        v7.windows(2).all(|w| w[0][..13] <= w[1][..13]),
        "the time prefix (first 12 hex digits) never goes down"
    );
    let numbers: Vec<u64> = snowflakes.iter().map(|s| s.parse().unwrap()).collect();
    assert!(numbers.windows(2).all(|w| w[0] < w[1]));
}
