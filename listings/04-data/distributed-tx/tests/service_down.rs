//! `cargo run -p distributed-tx -- postgres` with no server at the address:
//! it must exit 1 at once with one line that names `cargo xtask services up`.
//! Needs no service running.

#[test]
fn no_server_names_services_up() {
    service_smoke::assert_down_names_services_up(
        env!("CARGO_BIN_EXE_distributed-tx"),
        &["postgres"],
        "DATABASE_URL",
        "postgres://course@127.0.0.1:{port}/course",
    );
}
