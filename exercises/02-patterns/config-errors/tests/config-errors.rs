use config_errors::{Config, ConfigError, parse_config};
use std::error::Error;

/// A good file, with a comment, a blank line and spaces, parses; `workers`
/// defaults to 4.
#[test]
fn a_good_file_parses() {
    let text = "# checkout service\nname = checkout\n\n  port=8080  \n";
    assert_eq!(
        parse_config(text),
        Ok(Config {
            name: "checkout".to_string(),
            port: 8080,
            workers: 4
        })
    );
    let text = "name = api\nport = 443\nworkers = 16\n";
    assert_eq!(parse_config(text).map(|c| c.workers), Ok(16));
}

/// A line without `=` is a syntax error at its own line number, counted
/// from 1 and counting skipped lines.
#[test]
fn a_line_without_equals_is_a_syntax_error_on_that_line() {
    let text = "# config\nname = api\nport 8080\n";
    assert_eq!(parse_config(text), Err(ConfigError::Syntax { line: 3 }));
    // An `=` with nothing before it has no key either.
    let text = "name = api\n\n  = 8080\n";
    assert_eq!(parse_config(text), Err(ConfigError::Syntax { line: 3 }));
}

/// A misspelt key is an error, not a silently ignored line that leaves the
/// default in place.
#[test]
fn an_unknown_key_is_refused() {
    let text = "name = api\nport = 80\nwokers = 64\n";
    let error = parse_config(text).expect_err("wokers is a typo");
    assert_eq!(error.to_string(), r#"line 3: unknown key "wokers""#);
}

/// A key set twice is refused, naming both lines: last-one-wins hides
/// which value the service really uses.
#[test]
fn a_key_set_twice_names_both_lines() {
    let text = "name = api\nport = 80\nname = web\n";
    assert_eq!(
        parse_config(text),
        Err(ConfigError::Duplicate {
            line: 3,
            key: "name".to_string(),
            first: 1
        })
    );
}

/// A bad number names the line, the key and the text, and carries the
/// parse error as its source, without repeating it in the message.
#[test]
fn a_bad_number_keeps_its_cause_as_the_source() {
    let error = parse_config("name = api\nport = 80\nworkers = four\n").expect_err("four");
    assert_eq!(
        error.to_string(),
        r#"line 3: workers = "four" is not a valid number"#
    );
    let source = error.source().expect("the ParseIntError");
    assert_eq!(source.to_string(), "invalid digit found in string");
    let error = parse_config("name = api\nport = 70000\n").expect_err("too large");
    assert_eq!(
        error.to_string(),
        r#"line 2: port = "70000" is not a valid number"#
    );
    assert_eq!(
        error.source().map(|s| s.to_string()).as_deref(),
        Some("number too large to fit in target type")
    );
}

/// Port 0 parses as a number but is not a port.
#[test]
fn port_zero_is_refused() {
    assert_eq!(
        parse_config("port = 0\nname = api\n"),
        Err(ConfigError::PortZero { line: 1 })
    );
}

/// Required keys must be there; an empty file names the first one missing.
#[test]
fn a_missing_key_is_named() {
    assert_eq!(
        parse_config("port = 80\n"),
        Err(ConfigError::Missing("name"))
    );
    assert_eq!(
        parse_config("name = api\n"),
        Err(ConfigError::Missing("port"))
    );
    assert_eq!(parse_config(""), Err(ConfigError::Missing("name")));
}
