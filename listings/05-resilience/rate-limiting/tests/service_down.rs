//! `cargo run -p rate-limiting -- redis` with no server at the address: it
//! must exit 1 at once with one line that names `cargo xtask services up`.

#[test]
fn no_server_names_services_up() {
    service_smoke::assert_down_names_services_up(
        env!("CARGO_BIN_EXE_rate-limiting"),
        &["redis"],
        "REDIS_URL",
        "redis://127.0.0.1:{port}",
    );
}
