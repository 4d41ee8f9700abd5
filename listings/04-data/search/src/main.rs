use search::{corpus, hnsw, index, trie};
use seeded::SplitMix64;

const DOCS: usize = 20_000;
const VOCAB: usize = 5_000;

// ANCHOR: bm25_run
fn compare(label: &str, docs: &[Vec<String>], idx: &index::Index, queries: &[Vec<String>]) {
    let (mut same, mut postings, mut touched) = (0, 0, 0);
    for words in queries {
        let q: Vec<&str> = words.iter().map(|s| s.as_str()).collect();
        let (fast, work) = index::search(idx, &q, 10);
        let (slow, _) = index::brute_force(docs, &q, 10);
        same += usize::from(fast == slow);
        postings += work.postings_read;
        touched += work.docs_scored;
    }
    let n = queries.len();
    println!("{n} queries, {label}:");
    println!("  top-10 identical to brute force: {same} of {n}");
    println!(
        "  per query: {} postings read, {} documents touched, brute force scores {DOCS}",
        postings / n,
        touched / n
    );
    println!(
        "  brute force does {:.1}x the work",
        (DOCS * n) as f64 / postings as f64
    );
}
// ANCHOR_END: bm25_run

fn main() {
    let docs = corpus::titles(1, DOCS, VOCAB);
    let idx = index::Index::build(&docs);
    println!(
        "BM25 over {DOCS} titles, {} distinct words",
        idx.postings.len()
    );
    let mut rng = SplitMix64(2);
    let zipf = seeded::Zipf::new(VOCAB);
    let common: Vec<Vec<String>> = (0..100)
        .map(|_| {
            let n = 2 + rng.below(2);
            (0..n)
                .map(|_| corpus::word(zipf.sample(&mut rng)))
                .collect()
        })
        .collect();
    let rare: Vec<Vec<String>> = (0..100)
        .map(|_| {
            let n = 2 + rng.below(2);
            (0..n).map(|_| corpus::word(rng.below(VOCAB))).collect()
        })
        .collect();
    compare("words drawn as titles' words are", &docs, &idx, &common);
    compare("words drawn uniformly (mostly rare)", &docs, &idx, &rare);
    let q = [corpus::word(3).as_str(), corpus::word(700).as_str()].map(String::from);
    let q: Vec<&str> = q.iter().map(|s| s.as_str()).collect();
    let (top, _) = index::search(&idx, &q, 3);
    for t in &q {
        let df = idx.postings[*t].len();
        println!("{t:?}: in {df} titles, idf {:.3}", index::idf(DOCS, df));
    }
    println!("query {q:?}:");
    for (d, s) in top {
        println!("  doc {d:>5} {s:.3}  {}", docs[d as usize].join(" "));
    }
    println!();

    // ANCHOR: trie_run
    // A search log: 200,000 searches for 5,000 phrases, by Zipf.
    let zipf = seeded::Zipf::new(5_000);
    let phrases: Vec<String> = (0..5_000)
        .map(|_| {
            let n = 1 + rng.below(3);
            let w: Vec<String> = (0..n).map(|_| corpus::word(rng.below(VOCAB))).collect();
            w.join(" ")
        })
        .collect();
    let mut counts = std::collections::BTreeMap::<String, u64>::new();
    for _ in 0..200_000 {
        *counts
            .entry(phrases[zipf.sample(&mut rng)].clone())
            .or_default() += 1;
    }
    let sorted: Vec<(String, u64)> = counts.into_iter().collect();
    let t = trie::Trie::build(&sorted, 5);
    // ANCHOR_END: trie_run
    println!(
        "autocomplete: {} phrases, trie of {} nodes, top 5",
        sorted.len(),
        t.nodes()
    );
    for len in 1..=4 {
        let (mut same, mut visited, mut read) = (0, 0, 0);
        let prefixes: Vec<String> = sorted
            .iter()
            .step_by(25)
            .map(|(p, _)| p.chars().take(len).collect())
            .collect();
        for p in &prefixes {
            let (a, v) = t.complete(p);
            let (b, r) = trie::scan(&sorted, p, 5);
            same += usize::from(a == b);
            visited += v;
            read += r;
        }
        let n = prefixes.len() as f64;
        println!(
            "prefix of {len}: same answers {same}/{}, trie visits {:.1} nodes, scan reads {:.1} entries",
            prefixes.len(),
            visited as f64 / n,
            read as f64 / n
        );
    }
    let (top, _) = t.complete("ba");
    println!("\"ba\" -> {top:?}");
    println!();

    // ANCHOR: hnsw_run
    // 5,100 points around the same 20 centres: the last 100 are the queries.
    let mut points = hnsw::clustered(3, 5_100, 16, 20);
    let queries = points.split_off(5_000);
    let params = hnsw::Params {
        m: 8,
        ef_construction: 64,
        seed: 5,
    };
    let graph = hnsw::Hnsw::build(points, &params);
    let built = graph.space.computed.get();
    // ANCHOR_END: hnsw_run
    println!("HNSW: 5000 points in 16 dimensions, M = 8, ef_construction = 64");
    println!(
        "building: {built} distances ({:.0} per point)",
        built as f64 / 5_000.0
    );
    let exact: Vec<Vec<usize>> = queries
        .iter()
        .map(|q| hnsw::brute_force(&graph.space, q, 10))
        .collect();
    for ef in [10, 20, 40, 80, 160] {
        let (recall, per) = measure(&graph, &queries, &exact, ef);
        println!(
            "ef_search {ef:>3}: recall@10 {recall:.3}, {per:>5.0} distances per query, {:>4.1}x fewer than brute force",
            5_000.0 / per
        );
    }
    // Queries around 20 other centres, where there are no points.
    let away = hnsw::clustered(4, 100, 16, 20);
    let exact: Vec<Vec<usize>> = away
        .iter()
        .map(|q| hnsw::brute_force(&graph.space, q, 10))
        .collect();
    println!("queries away from the data:");
    for ef in [10, 40, 160] {
        let (recall, per) = measure(&graph, &away, &exact, ef);
        println!("ef_search {ef:>3}: recall@10 {recall:.3}, {per:>5.0} distances per query");
    }
}

/// Recall@10 and distance computations per query at one `ef_search`.
fn measure(
    graph: &hnsw::Hnsw,
    queries: &[Vec<f32>],
    exact: &[Vec<usize>],
    ef: usize,
) -> (f64, f64) {
    graph.space.computed.set(0);
    let mut hits = 0;
    for (q, truth) in queries.iter().zip(exact) {
        let found = graph.search(q, 10, ef);
        hits += found.iter().filter(|f| truth.contains(f)).count();
    }
    let n = queries.len() as f64;
    (
        hits as f64 / (10.0 * n),
        graph.space.computed.get() as f64 / n,
    )
}
