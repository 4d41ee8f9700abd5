//! BM25 top-k over an inverted index.
//!
//! Your task: implement [`top_k`] until `cargo test -p bm25-topk`
//! passes. The tests in `tests/bm25-topk.rs` are the specification.

use std::collections::HashMap;

pub const K1: f64 = 1.2;
pub const B: f64 = 0.75;

pub struct Index {
    /// term -> (document, term frequency), one entry per document that has
    /// the term, in document order.
    pub postings: HashMap<String, Vec<(u32, u32)>>,
    /// Words in each document.
    pub lengths: Vec<u32>,
    pub avg_len: f64,
}

impl Index {
    pub fn build(docs: &[&str]) -> Index {
        let mut postings: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
        let mut lengths = Vec::new();
        for (d, text) in docs.iter().enumerate() {
            let mut len = 0;
            for w in text.split_whitespace() {
                len += 1;
                let list = postings.entry(w.to_string()).or_default();
                match list.last_mut() {
                    Some((last, tf)) if *last == d as u32 => *tf += 1,
                    _ => list.push((d as u32, 1)),
                }
            }
            lengths.push(len);
        }
        let avg_len = lengths.iter().map(|&l| l as f64).sum::<f64>() / lengths.len().max(1) as f64;
        Index {
            postings,
            lengths,
            avg_len,
        }
    }
}

/// The `k` best documents for `query` (words separated by spaces) by BM25
/// with Lucene's idf, `ln(1 + (N - df + 0.5) / (df + 0.5))`: best first,
/// equal scores by smaller document id. Only documents that contain at
/// least one query word are returned; a word repeated in the query counts
/// once.
pub fn top_k(index: &Index, query: &str, k: usize) -> Vec<(u32, f64)> {
    let _ = (index, query, k);
    todo!("read each query word's postings once and add up BM25 per document")
}
