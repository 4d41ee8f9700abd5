//! With no PostgreSQL, `-- postgres` says which service is down and how to
//! start it, instead of panicking.

#[test]
fn no_server_names_services_up() {
    service_smoke::assert_down_names_services_up(
        env!("CARGO_BIN_EXE_unique-ids"),
        &["postgres"],
        "DATABASE_URL",
        "postgres://course@127.0.0.1:{port}/course",
    );
}
