use cache_key::{KeyError, cache_key};

fn key(url: &str) -> String {
    cache_key(url).expect("a valid URL")
}

/// Spellings of one URL that differ only where the server cannot see or
/// does not care get one key.
#[test]
fn spellings_of_the_same_url_share_a_key() {
    let same = [
        "https://img.example.com/photos/cat.jpg",
        "HTTPS://IMG.Example.COM/photos/cat.jpg",
        "https://img.example.com:443/photos/cat.jpg",
        "https://img.example.com/photos/cat.jpg#top",
        "https://img.example.com/photos/cat.jpg?utm_source=mail&utm_campaign=x",
        "https://img.example.com/photos/cat.jpg?fbclid=abc",
        "https://img.example.com/photos/cat.jpg?gclid=1#frag",
        // The fragment starts at the first `#`: a `?` after it is part of it.
        "https://img.example.com/photos/cat.jpg#top?w=200",
    ];
    for url in same {
        assert_eq!(key(url), "https://img.example.com/photos/cat.jpg", "{url}");
    }
}

/// Parameters that do change the content stay, in one order.
#[test]
fn content_parameters_stay_sorted() {
    assert_eq!(
        key("https://img.example.com/cat.jpg?w=200&h=100&utm_medium=x"),
        "https://img.example.com/cat.jpg?h=100&w=200"
    );
    assert_eq!(
        key("https://img.example.com/cat.jpg?h=100&w=200"),
        key("https://img.example.com/cat.jpg?w=200&h=100")
    );
    // `utm` alone is not a tracking prefix, and neither is `fbclid2`.
    assert_eq!(
        key("http://a.example/x?utm=1&fbclid2=2"),
        "http://a.example/x?fbclid2=2&utm=1"
    );
}

/// What the server does see stays apart: the path's case, a port that is
/// not the default, and the scheme.
#[test]
fn different_content_keeps_different_keys() {
    assert_ne!(
        key("https://a.example/Cat.jpg"),
        key("https://a.example/cat.jpg")
    );
    assert_eq!(key("https://a.example:8443/x"), "https://a.example:8443/x");
    assert_eq!(key("http://a.example:80/x"), "http://a.example/x");
    assert_eq!(key("http://a.example:443/x"), "http://a.example:443/x");
    assert_ne!(key("http://a.example/x"), key("https://a.example/x"));
    // Query values are the server's to read, case and all.
    assert_ne!(
        key("https://a.example/x?q=A"),
        key("https://a.example/x?q=a")
    );
}

/// A host alone means its root path.
#[test]
fn an_empty_path_is_the_root() {
    assert_eq!(key("https://a.example"), "https://a.example/");
    assert_eq!(key("https://a.example?utm_source=x"), "https://a.example/");
    assert_eq!(key("https://a.example/"), "https://a.example/");
}

/// URLs the edge cannot key are refused with the reason.
#[test]
fn unreadable_urls_are_refused() {
    assert_eq!(cache_key("/img/cat.jpg"), Err(KeyError::NotAbsolute));
    assert_eq!(
        cache_key("ftp://a.example/x"),
        Err(KeyError::UnsupportedScheme("ftp".to_string()))
    );
    assert_eq!(cache_key("https:///x"), Err(KeyError::NoHost));
    assert_eq!(cache_key("https://:8080/x"), Err(KeyError::NoHost));
    assert_eq!(
        cache_key("https://a.example:99999/x"),
        Err(KeyError::BadPort("99999".to_string()))
    );
    assert_eq!(
        cache_key("https://a.example:0/x"),
        Err(KeyError::BadPort("0".to_string()))
    );
    assert_eq!(
        cache_key("https://a.example:http/x"),
        Err(KeyError::BadPort("http".to_string()))
    );
}
