use anyhow::Context;
use error_context::orders::{ImportError, import_file, parse_line};
use error_context::{data_dir, naive};
use std::error::Error;
use std::io;

/// The naive import stops at the first bad quantity with an error that
/// names no file, no line and no field.
#[test]
fn the_naive_error_names_nothing() {
    let files = ["orders-1.csv", "orders-2.csv", "orders-3.csv"];
    let error = naive::import(&data_dir(), &files).expect_err("orders-2.csv has a bad line");
    assert_eq!(format!("{error:?}"), "ParseIntError { kind: InvalidDigit }");
    assert_eq!(error.to_string(), "invalid digit found in string");
}

/// The swallowing "fix" imports the broken lines as orders of 0 and never
/// says so.
#[test]
fn the_swallowing_import_invents_orders_of_zero() {
    let files = ["orders-1.csv", "orders-2.csv", "orders-3.csv"];
    let orders = naive::import_swallowing(&data_dir(), &files);
    assert_eq!(orders.len(), 7);
    let zero: Vec<&str> = orders
        .iter()
        .filter(|o| o.quantity == 0)
        .map(|o| o.id.as_str())
        .collect();
    assert_eq!(zero, ["B-2002", "B-2003"]);
}

/// Each bad line becomes its own variant, whose message names the file,
/// the line and what was wrong.
#[test]
fn a_bad_line_says_where_and_what() {
    let error = parse_line("f.csv", 7, "A-1,SKU-1,12x").expect_err("12x is not a number");
    assert!(matches!(error, ImportError::Quantity { line: 7, .. }));
    assert_eq!(
        error.to_string(),
        r#"f.csv, line 7: quantity "12x" is not a whole number"#
    );
    let error = parse_line("f.csv", 8, "A-1,SKU-1").expect_err("two fields");
    assert_eq!(
        error.to_string(),
        "f.csv, line 8: expected 3 fields, found 2"
    );
    assert_eq!(
        parse_line("f.csv", 9, "A-1,SKU-1,3")
            .expect("a good line")
            .quantity,
        3
    );
}

/// The cause travels as `source()`, not inside the message, so a report
/// that prints the whole chain prints each part once.
#[test]
fn the_cause_is_the_source_and_not_repeated_in_the_message() {
    let error = parse_line("f.csv", 7, "A-1,SKU-1,12x").expect_err("12x");
    let source = error.source().expect("the ParseIntError");
    assert_eq!(source.to_string(), "invalid digit found in string");
    assert!(!error.to_string().contains("invalid digit"));
}

/// A file that cannot be read is the only `Err`; bad lines are rejected
/// into the report and the good lines still count.
#[test]
fn bad_lines_are_rejected_and_a_missing_file_is_an_error() {
    let report = import_file(&data_dir(), "orders-2.csv").expect("the file exists");
    assert_eq!(report.orders.len(), 2);
    assert_eq!(report.rejected.len(), 2);
    let error = import_file(&data_dir(), "orders-3.csv").expect_err("no such file");
    let ImportError::Read { source, .. } = &error else {
        panic!("expected Read, got {error:?}");
    };
    assert_eq!(source.kind(), io::ErrorKind::NotFound);
}

/// Context wraps the library error without hiding it: the chain has all
/// three levels, and a caller can still find the typed error inside.
#[test]
fn context_adds_a_level_and_keeps_the_typed_error() {
    let error = import_file(&data_dir(), "orders-3.csv")
        .context("nightly import")
        .expect_err("no such file");
    assert_eq!(error.chain().count(), 3);
    assert!(format!("{error:#}").starts_with("nightly import: cannot read orders-3.csv: "));
    assert!(matches!(
        error.downcast_ref::<ImportError>(),
        Some(ImportError::Read { .. })
    ));
}
