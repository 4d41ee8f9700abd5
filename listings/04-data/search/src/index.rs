//! An inverted index ranked by BM25, and the brute-force scorer it must match.

use std::collections::HashMap;

// ANCHOR: bm25
/// Okapi BM25 (Robertson and Zaragoza, "The Probabilistic Relevance
/// Framework: BM25 and Beyond", 2009) with the idf, k1 and b of Lucene's
/// `BM25Similarity`.
pub const K1: f64 = 1.2;
pub const B: f64 = 0.75;

/// Rarer terms weigh more; the +1 inside the log keeps the weight positive
/// even for a term in more than half the documents.
pub fn idf(docs: usize, df: usize) -> f64 {
    (1.0 + (docs as f64 - df as f64 + 0.5) / (df as f64 + 0.5)).ln()
}

/// One term's share of a document's score: it saturates in `tf` (k1) and
/// is discounted in long documents (b).
pub fn term_score(idf: f64, tf: u32, len: u32, avg_len: f64) -> f64 {
    let tf = tf as f64;
    idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len as f64 / avg_len))
}
// ANCHOR_END: bm25

// ANCHOR: index
pub struct Index {
    /// term -> (document, term frequency), in document order.
    pub postings: HashMap<String, Vec<(u32, u32)>>,
    pub lengths: Vec<u32>,
    pub avg_len: f64,
}

impl Index {
    pub fn build(docs: &[Vec<String>]) -> Index {
        let mut postings: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
        for (d, words) in docs.iter().enumerate() {
            for w in words {
                let list = postings.entry(w.clone()).or_default();
                match list.last_mut() {
                    Some((last, tf)) if *last == d as u32 => *tf += 1,
                    _ => list.push((d as u32, 1)),
                }
            }
        }
        let lengths: Vec<u32> = docs.iter().map(|d| d.len() as u32).collect();
        let avg_len = lengths.iter().map(|&l| l as f64).sum::<f64>() / lengths.len() as f64;
        Index {
            postings,
            lengths,
            avg_len,
        }
    }
}
// ANCHOR_END: index

/// The work a search did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Work {
    pub postings_read: usize,
    pub docs_scored: usize,
}

/// Query terms once each, in first-seen order.
pub fn distinct(query: &[&str]) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for t in query {
        if !seen.iter().any(|s| s == t) {
            seen.push(t.to_string());
        }
    }
    seen
}

/// Best first; equal scores by document id, so both scorers agree exactly.
pub fn top_k(mut scored: Vec<(u32, f64)>, k: usize) -> Vec<(u32, f64)> {
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.truncate(k);
    scored
}

// ANCHOR: search
/// Term at a time: read each query term's postings and add its share to
/// an accumulator per document; documents without a query term are never
/// touched.
pub fn search(index: &Index, query: &[&str], k: usize) -> (Vec<(u32, f64)>, Work) {
    let docs = index.lengths.len();
    let mut acc: HashMap<u32, f64> = HashMap::new();
    let mut work = Work::default();
    for term in distinct(query) {
        let Some(list) = index.postings.get(&term) else {
            continue;
        };
        let w = idf(docs, list.len());
        for &(d, tf) in list {
            work.postings_read += 1;
            let len = index.lengths[d as usize];
            *acc.entry(d).or_insert(0.0) += term_score(w, tf, len, index.avg_len);
        }
    }
    work.docs_scored = acc.len();
    (top_k(acc.into_iter().collect(), k), work)
}
// ANCHOR_END: search

/// Scores every document from its own words: the answer `search` must give.
pub fn brute_force(docs: &[Vec<String>], query: &[&str], k: usize) -> (Vec<(u32, f64)>, Work) {
    let n = docs.len();
    let avg_len = docs.iter().map(|d| d.len() as f64).sum::<f64>() / n as f64;
    let terms = distinct(query);
    // One pass counts each term in each title; df is then the number of
    // titles where the count is above zero.
    let tfs: Vec<Vec<u32>> = docs
        .iter()
        .map(|words| {
            let count = |t: &String| words.iter().filter(|w| *w == t).count() as u32;
            terms.iter().map(count).collect()
        })
        .collect();
    let dfs: Vec<usize> = (0..terms.len())
        .map(|i| tfs.iter().filter(|tf| tf[i] > 0).count())
        .collect();
    let mut scored = Vec::new();
    for (d, (words, tf)) in docs.iter().zip(&tfs).enumerate() {
        let mut score = 0.0;
        let mut matched = false;
        for (&tf, &df) in tf.iter().zip(&dfs) {
            if tf > 0 {
                matched = true;
                score += term_score(idf(n, df), tf, words.len() as u32, avg_len);
            }
        }
        if matched {
            scored.push((d as u32, score));
        }
    }
    let work = Work {
        postings_read: 0,
        docs_scored: n,
    };
    (top_k(scored, k), work)
}
