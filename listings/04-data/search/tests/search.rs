//! Each fast search against its brute-force twin, and BM25's shape.

use search::{corpus, hnsw, index, trie};
use seeded::{SplitMix64, Zipf};

#[test]
fn idf_is_lucenes_and_stays_positive() {
    // Half the documents: ln(1 + 5.5/5.5) = ln 2.
    assert!((index::idf(10, 5) - 2f64.ln()).abs() < 1e-12);
    // In every document: small but positive (classic RSJ would be negative).
    let all = index::idf(10, 10);
    assert!(all > 0.0 && all < 0.05, "{all}");
    assert!(index::idf(1000, 1) > index::idf(1000, 100));
}

#[test]
fn term_frequency_saturates_and_long_documents_count_less() {
    let w = 2.0;
    let one = index::term_score(w, 1, 5, 5.0);
    assert!((one - w).abs() < 1e-12, "tf 1 at average length scores idf");
    let many = index::term_score(w, 1000, 5, 5.0);
    assert!(many < w * (index::K1 + 1.0) && many > w * 2.1);
    assert!(index::term_score(w, 1, 20, 5.0) < index::term_score(w, 1, 3, 5.0));
}

#[test]
fn the_index_ranks_exactly_as_brute_force() {
    let docs = corpus::titles(11, 3_000, 800);
    let idx = index::Index::build(&docs);
    let zipf = Zipf::new(800);
    let mut rng = SplitMix64(12);
    for _ in 0..150 {
        let mut words: Vec<String> = (0..1 + rng.below(4))
            .map(|_| corpus::word(zipf.sample(&mut rng)))
            .collect();
        // A repeated word and a word in no title must not change anything.
        words.push(words[0].clone());
        words.push("zzz".into());
        let q: Vec<&str> = words.iter().map(|s| s.as_str()).collect();
        let (fast, work) = index::search(&idx, &q, 10);
        let (slow, _) = index::brute_force(&docs, &q, 10);
        assert_eq!(fast, slow, "query {q:?}");
        let expected: usize = index::distinct(&q)
            .iter()
            .filter_map(|t| idx.postings.get(t))
            .map(Vec::len)
            .sum();
        assert_eq!(work.postings_read, expected);
        assert!(work.docs_scored <= work.postings_read);
    }
}

#[test]
fn postings_count_each_word_once_per_title() {
    let docs: Vec<Vec<String>> = [["a", "b", "a"], ["b", "c", "c"]]
        .iter()
        .map(|d| d.iter().map(|w| w.to_string()).collect())
        .collect();
    let idx = index::Index::build(&docs);
    assert_eq!(idx.postings["a"], vec![(0, 2)]);
    assert_eq!(idx.postings["b"], vec![(0, 1), (1, 1)]);
    assert_eq!(idx.avg_len, 3.0);
    let (top, _) = index::search(&idx, &["c"], 5);
    assert_eq!(top.len(), 1);
    assert_eq!(top[0].0, 1);
}

fn log() -> Vec<(String, u64)> {
    let mut rng = SplitMix64(21);
    let zipf = Zipf::new(600);
    let phrases: Vec<String> = (0..600)
        .map(|_| {
            let n = 1 + rng.below(3);
            let w: Vec<String> = (0..n).map(|_| corpus::word(rng.below(400))).collect();
            w.join(" ")
        })
        .collect();
    let mut counts = std::collections::BTreeMap::<String, u64>::new();
    for _ in 0..5_000 {
        *counts
            .entry(phrases[zipf.sample(&mut rng)].clone())
            .or_default() += 1;
    }
    counts.into_iter().collect()
}

#[test]
fn the_trie_completes_as_the_sorted_scan_does() {
    let sorted = log();
    let t = trie::Trie::build(&sorted, 4);
    let mut prefixes = vec![String::new(), "q".to_string(), "babababa".to_string()];
    for (p, _) in &sorted {
        for len in 1..=p.len() {
            prefixes.push(p[..len].to_string());
        }
    }
    for p in &prefixes {
        let (a, visited) = t.complete(p);
        let (b, _) = trie::scan(&sorted, p, 4);
        assert_eq!(a, b, "prefix {p:?}");
        assert!(visited <= p.len() + 1);
    }
}

#[test]
fn completions_are_by_popularity_then_alphabet() {
    let sorted: Vec<(String, u64)> = [("car", 5), ("cart", 9), ("cat", 5), ("dog", 50)]
        .iter()
        .map(|(p, c)| (p.to_string(), *c))
        .collect();
    let t = trie::Trie::build(&sorted, 2);
    let (top, visited) = t.complete("ca");
    assert_eq!(top, vec![("cart".to_string(), 9), ("car".to_string(), 5)]);
    assert_eq!(visited, 3);
    assert!(t.complete("x").0.is_empty());
}

fn recall(graph: &hnsw::Hnsw, queries: &[Vec<f32>], ef: usize) -> f64 {
    let mut hits = 0;
    for q in queries {
        let truth = hnsw::brute_force(&graph.space, q, 10);
        hits += graph
            .search(q, 10, ef)
            .iter()
            .filter(|f| truth.contains(f))
            .count();
    }
    hits as f64 / (10 * queries.len()) as f64
}

#[test]
fn brute_force_is_exact_and_the_graph_finds_most_of_it() {
    // Queries around the data's own centres: the last 40 of 1,040 points.
    let mut points = hnsw::clustered(31, 1_040, 8, 10);
    let queries = points.split_off(1_000);
    let params = hnsw::Params {
        m: 8,
        ef_construction: 64,
        seed: 33,
    };
    let graph = hnsw::Hnsw::build(points.clone(), &params);
    // The brute-force answer really is the 10 nearest.
    let q = &queries[0];
    let d = |i: usize| -> f32 {
        q.iter()
            .zip(&points[i])
            .map(|(a, b)| (a - b) * (a - b))
            .sum()
    };
    let truth = hnsw::brute_force(&graph.space, q, 10);
    let worst = truth.iter().map(|&i| d(i)).fold(0.0, f32::max);
    assert!(
        (0..points.len())
            .filter(|i| !truth.contains(i))
            .all(|i| d(i) >= worst)
    );
    // Wider searches find more, and a wide one finds nearly all.
    let low = recall(&graph, &queries, 10);
    let high = recall(&graph, &queries, 200);
    assert!(high >= low, "{low} {high}");
    assert!(low >= 0.9, "{low}");
    assert!(high >= 0.99, "{high}");
    // And read far fewer points than brute force.
    graph.space.computed.set(0);
    graph.search(q, 10, 40);
    assert!(graph.space.computed.get() < points.len() as u64 / 2);
}

#[test]
fn the_same_seed_builds_the_same_graph() {
    let params = hnsw::Params {
        m: 6,
        ef_construction: 32,
        seed: 41,
    };
    let a = hnsw::Hnsw::build(hnsw::clustered(42, 500, 8, 5), &params);
    let b = hnsw::Hnsw::build(hnsw::clustered(42, 500, 8, 5), &params);
    let q = hnsw::clustered(43, 5, 8, 5);
    for q in &q {
        assert_eq!(a.search(q, 10, 20), b.search(q, 10, 20));
    }
    assert_eq!(a.space.computed.get(), b.space.computed.get());
}
