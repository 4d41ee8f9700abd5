//! The specification of `top_k`.

use bm25_topk::{B, Index, K1, top_k};
use seeded::{SplitMix64, Zipf};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// BM25 of every document, from the texts: the reference.
fn reference(docs: &[&str], query: &str) -> Vec<f64> {
    let n = docs.len() as f64;
    let split: Vec<Vec<&str>> = docs
        .iter()
        .map(|t| t.split_whitespace().collect())
        .collect();
    let avg = split.iter().map(|w| w.len() as f64).sum::<f64>() / n;
    let mut terms: Vec<&str> = query.split_whitespace().collect();
    terms.sort();
    terms.dedup();
    let dfs: Vec<f64> = terms
        .iter()
        .map(|t| split.iter().filter(|w| w.contains(t)).count() as f64)
        .collect();
    split
        .iter()
        .map(|words| {
            let mut score = 0.0;
            for (t, df) in terms.iter().zip(&dfs) {
                let tf = words.iter().filter(|w| *w == t).count() as f64;
                if tf > 0.0 {
                    let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                    let norm = 1.0 - B + B * words.len() as f64 / avg;
                    score += idf * tf * (K1 + 1.0) / (tf + K1 * norm);
                }
            }
            score
        })
        .collect()
}

#[test]
fn one_word_one_document() {
    // N = 4, df = 1: idf = ln(1 + 3.5/1.5). tf 1 in a document of average
    // length (2 words): the score is the idf itself.
    let docs = ["red shoe", "blue hat", "green coat", "grey sock"];
    let idx = Index::build(&docs);
    let got = top_k(&idx, "shoe", 10);
    assert_eq!(got.len(), 1, "only documents with the word: {got:?}");
    assert_eq!(got[0].0, 0);
    assert!(close(got[0].1, (1.0f64 + 3.5 / 1.5).ln()), "{got:?}");
}

#[test]
fn a_word_in_most_documents_still_scores_above_zero() {
    // df = 3 of N = 4: the classic idf ln((N - df + 0.5)/(df + 0.5)) is
    // negative here; Lucene's +1 keeps it positive.
    let docs = ["cheap shoe", "cheap hat", "cheap coat", "warm sock"];
    let idx = Index::build(&docs);
    let got = top_k(&idx, "cheap", 10);
    assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), vec![0, 1, 2]);
    let idf = (1.0f64 + 1.5 / 3.5).ln();
    for (_, s) in &got {
        assert!(close(*s, idf), "{got:?}");
    }
}

#[test]
fn long_documents_and_repeats_are_weighed_as_bm25_says() {
    let docs = [
        "lamp lamp lamp desk",
        "lamp",
        "desk chair table sofa bed shelf lamp rug",
        "rug",
    ];
    let idx = Index::build(&docs);
    let got = top_k(&idx, "lamp", 10);
    assert_eq!(got.len(), 3);
    for (d, s) in &got {
        assert!(
            close(*s, reference(&docs, "lamp")[*d as usize]),
            "doc {d}: {s}"
        );
    }
    // Three lamps beat one, and the short title beats the long one.
    assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), vec![0, 1, 2]);
}

#[test]
fn a_word_repeated_in_the_query_counts_once() {
    let docs = ["oak table", "pine table", "oak chair", "steel desk"];
    let idx = Index::build(&docs);
    let once = top_k(&idx, "oak table", 10);
    let twice = top_k(&idx, "oak oak table", 10);
    assert_eq!(once, twice);
}

#[test]
fn equal_scores_go_by_document_id_and_k_cuts() {
    let docs = ["mug", "cup", "mug", "mug", "plate", "mug"];
    let idx = Index::build(&docs);
    let got = top_k(&idx, "mug nothing", 3);
    assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), vec![0, 2, 3]);
    assert!(top_k(&idx, "nothing", 3).is_empty());
    assert!(top_k(&idx, "mug", 0).is_empty());
}

#[test]
fn seeded_titles_rank_as_the_reference_does() {
    let vocab: Vec<String> = (0..300).map(|i| format!("w{i}")).collect();
    let zipf = Zipf::new(vocab.len());
    let mut rng = SplitMix64(7);
    let titles: Vec<String> = (0..400)
        .map(|_| {
            let n = 2 + rng.below(7);
            (0..n)
                .map(|_| vocab[zipf.sample(&mut rng)].as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let docs: Vec<&str> = titles.iter().map(|s| s.as_str()).collect();
    let idx = Index::build(&docs);
    for _ in 0..30 {
        let n = 1 + rng.below(3);
        let query: Vec<&str> = (0..n)
            .map(|_| vocab[zipf.sample(&mut rng)].as_str())
            .collect();
        let query = query.join(" ");
        let mut want: Vec<(u32, f64)> = reference(&docs, &query)
            .into_iter()
            .enumerate()
            .map(|(d, s)| (d as u32, s))
            .filter(|(_, s)| *s > 0.0)
            .collect();
        want.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        want.truncate(10);
        let got = top_k(&idx, &query, 10);
        assert_eq!(got.len(), want.len(), "query {query:?}");
        for (g, w) in got.iter().zip(&want) {
            assert!(
                close(g.1, w.1),
                "query {query:?}: got {got:?}, want {want:?}"
            );
        }
        // Ties may differ by a rounding bit between summation orders, so
        // the ids are compared where the scores clearly differ.
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            let tied = want
                .iter()
                .enumerate()
                .any(|(j, x)| j != i && close(x.1, w.1));
            if !tied {
                assert_eq!(g.0, w.0, "query {query:?}");
            }
        }
    }
}
