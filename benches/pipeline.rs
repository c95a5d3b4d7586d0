//! Benchmarks of the pipeline, on documents made by `examples/gen_corpus.rs`:
//!
//! - `extract`: extraction alone, one thread, over 200 documents (criterion prints MB/s of text);
//! - `rdf`: mapping those extractions to quads (quads/s);
//! - `ingest`: `store::ingest` of 500 documents into an on-disk store, fresh (bulk loader) and
//!   already holding a document (one transaction per chunk), documents/s;
//! - `export`: the whole store of `CKG_BENCH_DOCS` (default 2,000) documents to Turtle, triples/s;
//! - `query`: competency questions on that store.
//!
//! `cargo bench` runs them all in about three minutes on two cores; `cargo bench -- query` runs
//! one group. See `docs/PERFORMANCE.md` for the figures and the end-to-end measurements.
use conflictkg::document::Document;
use conflictkg::export::{export, ExportFormat};
use conflictkg::extract::Extractor;

/// The allocator the binary uses (src/main.rs), so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use conflictkg::store::{ingest, IngestOptions, KgStore};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, SamplingMode, Throughput};
use std::path::{Path, PathBuf};
use std::time::Duration;

#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

use gen_corpus::Generator;

const SEED: u64 = 7;

/// Generated documents, parsed as `ingest` parses them.
fn documents(g: &Generator, n: usize) -> Vec<Document> {
    (0..n)
        .map(|i| {
            let name = Generator::file_name(i);
            Document::from_bytes(Path::new(&name), g.document(SEED, i).as_bytes(), None)
                .expect("generated document parses")
        })
        .collect()
}

/// Write `n` generated documents to a fresh temporary directory.
fn corpus_dir(g: &Generator, n: usize) -> (tempfile::TempDir, u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut bytes = 0;
    for i in 0..n {
        let text = g.document(SEED, i);
        bytes += text.len() as u64;
        std::fs::write(dir.path().join(Generator::file_name(i)), text).expect("write");
    }
    (dir, bytes)
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn bench_extract(c: &mut Criterion) {
    let ex = Extractor::builtin().expect("built-in extractor");
    let g = Generator::new();
    let docs = documents(&g, 200);
    let bytes: u64 = docs.iter().map(|d| d.body.len() as u64).sum();
    eprintln!("extract: 200 documents, {:.2} MB of text", mb(bytes));
    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(4));
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("one_thread_200_docs", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &docs {
                n += ex.extract(d.clone()).sentences.len();
            }
            n
        })
    });
    group.finish();

    let extractions: Vec<_> = docs.iter().map(|d| ex.extract(d.clone())).collect();
    let quads: usize = extractions
        .iter()
        .map(|x| conflictkg::rdf::to_quads(x, &ex.catalogue).len())
        .sum();
    let mut group = c.benchmark_group("rdf");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    group.throughput(Throughput::Elements(quads as u64));
    eprintln!("rdf: 200 documents → {quads} quads");
    group.bench_function("to_quads_200_docs", |b| {
        b.iter(|| {
            extractions
                .iter()
                .map(|x| conflictkg::rdf::to_quads(x, &ex.catalogue).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

fn bench_ingest(c: &mut Criterion) {
    const DOCS: usize = 500;
    let ex = Extractor::builtin().expect("built-in extractor");
    let g = Generator::new();
    let (dir, bytes) = corpus_dir(&g, DOCS);
    let paths = vec![dir.path().to_path_buf()];
    let (one, _) = corpus_dir(&g, 1);
    let one_paths = vec![one.path().join(Generator::file_name(0))];
    eprintln!(
        "ingest: {DOCS} documents, {:.2} MB (MB/s = documents/s × {:.5})",
        mb(bytes),
        mb(bytes) / DOCS as f64
    );
    let opts = IngestOptions::default();
    let mut group = c.benchmark_group("ingest");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Elements(DOCS as u64));
    group.bench_function("fresh_store_500_docs", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("temp dir"),
            |store_dir| {
                let kg = KgStore::open(store_dir.path()).expect("store");
                let (stats, errors) = ingest(&kg, &ex, &paths, &opts).expect("ingest");
                assert!(errors.is_empty() && stats.ingested == DOCS);
                drop(kg);
                store_dir
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("existing_store_500_docs", |b| {
        b.iter_batched(
            || {
                // a store that already holds a document: ingest writes transactions
                let store_dir = tempfile::tempdir().expect("temp dir");
                let kg = KgStore::open(store_dir.path()).expect("store");
                ingest(&kg, &ex, &one_paths, &opts).expect("ingest");
                (store_dir, kg)
            },
            |(store_dir, kg)| {
                let (stats, errors) = ingest(&kg, &ex, &paths, &opts).expect("ingest");
                assert!(errors.is_empty() && stats.ingested == DOCS - 1);
                drop(kg);
                store_dir
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// Competency questions in the style of the seed questions (written for this benchmark, not
/// copied from them): lists of what the articles mention, questions about one entity (the TTP,
/// Pakistan), and whole-store aggregations.
pub const QUERIES: &[(&str, &str)] = &[
    (
        "states_mentioned",
        "SELECT ?state ?label WHERE { ?state a ckg:State ; rdfs:label ?label } ORDER BY ?label",
    ),
    (
        "armed_groups_mentioned",
        "SELECT ?label (COUNT(DISTINCT ?doc) AS ?docs) WHERE {
           ?g a ckg:ArmedGroup ; rdfs:label ?label ; ckg:mentionedIn ?doc }
         GROUP BY ?label ORDER BY DESC(?docs) ?label",
    ),
    (
        "mediators",
        "SELECT DISTINCT ?mediator WHERE {
           ?e ckg:mediator ?m . ?m rdfs:label ?mediator } ORDER BY ?mediator",
    ),
    (
        "who_leads_ttp",
        "SELECT DISTINCT ?leader ?title WHERE {
           ?p ckg:leaderOf <https://w3id.org/conflictkg/id/group/ttp> ; rdfs:label ?leader .
           OPTIONAL { ?p ckg:title ?title } } ORDER BY ?leader",
    ),
    (
        "who_claims_ttp_harbored",
        "SELECT ?claimant ?stance ?host (COUNT(*) AS ?claims) WHERE {
           ?c a ckg:Claim ; rdf:predicate ckg:harbors ;
              rdf:object <https://w3id.org/conflictkg/id/group/ttp> ;
              rdf:subject/rdfs:label ?host ; ckg:stance ?stance .
           OPTIONAL { ?c ckg:claimant/rdfs:label ?claimant } }
         GROUP BY ?claimant ?stance ?host ORDER BY ?claimant ?host",
    ),
    (
        "claims_by_stance",
        "SELECT ?stance ?predicate (COUNT(?c) AS ?claims) WHERE {
           ?c a ckg:Claim ; ckg:stance ?stance ; rdf:predicate ?predicate }
         GROUP BY ?stance ?predicate ORDER BY ?stance DESC(?claims)",
    ),
    (
        "pakistan_side_deaths",
        "SELECT ?event ?killed ?date WHERE {
           ?event ckg:casualties ?c . ?c ckg:killed ?killed ;
              ckg:victim <https://w3id.org/conflictkg/id/state/pakistan> .
           OPTIONAL { ?event ckg:date ?date } } ORDER BY ?date ?event",
    ),
    (
        "deaths_per_victim",
        "SELECT ?victim (SUM(?k) AS ?killed) (COUNT(DISTINCT ?e) AS ?events) WHERE {
           ?e ckg:casualties ?c . ?c ckg:killed ?k .
           OPTIONAL { ?c ckg:victim/rdfs:label ?v }
           BIND(COALESCE(?v, \"(unspecified)\") AS ?victim) }
         GROUP BY ?victim ORDER BY DESC(?killed)",
    ),
    (
        "where_pakistani_airstrikes_hit",
        "SELECT ?place (COUNT(DISTINCT ?e) AS ?strikes) WHERE {
           ?e a ckg:Airstrike ; ckg:agent <https://w3id.org/conflictkg/id/state/pakistan> ;
              ckg:location/rdfs:label ?place }
         GROUP BY ?place ORDER BY DESC(?strikes) ?place",
    ),
    (
        "airstrikes_by_agent",
        "SELECT ?agent (COUNT(DISTINCT ?e) AS ?strikes) WHERE {
           ?e a ckg:Airstrike ; ckg:agent/rdfs:label ?agent }
         GROUP BY ?agent ORDER BY DESC(?strikes) ?agent",
    ),
];

/// Count the rows of a query's results.
pub fn run(kg: &KgStore, q: &str) -> usize {
    match kg.query(q).expect("query runs") {
        oxigraph::sparql::QueryResults::Solutions(s) => s.fold(0, |n, r| {
            r.expect("row");
            n + 1
        }),
        oxigraph::sparql::QueryResults::Boolean(_) => 1,
        oxigraph::sparql::QueryResults::Graph(t) => t.fold(0, |n, r| {
            r.expect("triple");
            n + 1
        }),
    }
}

/// The store the export and query benchmarks read: `CKG_BENCH_DOCS` generated documents
/// (default 2,000), built on first use so that `cargo bench -- extract` does not pay for it.
struct BenchStore {
    _corpus: tempfile::TempDir,
    _dir: tempfile::TempDir,
    kg: KgStore,
    triples: usize,
}

fn bench_store_docs() -> usize {
    std::env::var("CKG_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

fn build_store(docs: usize) -> BenchStore {
    let ex = Extractor::builtin().expect("built-in extractor");
    let g = Generator::new();
    let (corpus, bytes) = corpus_dir(&g, docs);
    let dir = tempfile::tempdir().expect("temp dir");
    let kg = KgStore::open(dir.path()).expect("store");
    let paths: Vec<PathBuf> = vec![corpus.path().to_path_buf()];
    let (stats, _) = ingest(&kg, &ex, &paths, &IngestOptions::default()).expect("ingest");
    let triples = kg.len().expect("len");
    eprintln!(
        "store: {docs} documents, {:.1} MB, {triples} triples, ingested in {:.1} s",
        mb(bytes),
        stats.seconds
    );
    BenchStore {
        _corpus: corpus,
        _dir: dir,
        kg,
        triples,
    }
}

/// Whether the command line's benchmark filter (if any) may select `id`. Over-approximate:
/// a positional argument that `id` contains, or one that is not a plain word (a regex).
fn may_run(id: &str) -> bool {
    let mut filters = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a.starts_with("--") {
            if matches!(
                a.as_str(),
                "--profile-time"
                    | "--save-baseline"
                    | "--baseline"
                    | "--baseline-lenient"
                    | "--load-baseline"
                    | "--sample-size"
                    | "--warm-up-time"
                    | "--measurement-time"
                    | "--nresamples"
                    | "--noise-threshold"
                    | "--confidence-level"
                    | "--significance-level"
                    | "--plotting-backend"
                    | "--output-format"
                    | "--color"
                    | "--format"
            ) {
                args.next();
            }
            continue;
        }
        filters.push(a);
    }
    filters.is_empty()
        || filters.iter().any(|f| {
            id.contains(f.as_str())
                || !f
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '/')
        })
}

fn bench_store(c: &mut Criterion) {
    let docs = bench_store_docs();
    let cell: std::cell::OnceCell<BenchStore> = std::cell::OnceCell::new();
    let store = || cell.get_or_init(|| build_store(docs));

    let export_id = format!("export/turtle_{docs}_docs");
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(10));
    if may_run(&export_id) {
        // criterion wants the throughput before the benchmark: build the store now
        group.throughput(Throughput::Elements(store().triples as u64));
    }
    group.bench_function(format!("turtle_{docs}_docs"), |b| {
        let s = store();
        b.iter(|| {
            export(
                &s.kg.store,
                ExportFormat::Turtle,
                None,
                1,
                &mut std::io::sink(),
            )
            .expect("export")
            .triples
        })
    });
    group.finish();

    let mut group = c.benchmark_group("query");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    for (name, q) in QUERIES {
        let told = std::cell::Cell::new(false);
        group.bench_function(format!("{name}_{docs}_docs"), |b| {
            let s = store();
            if !told.replace(true) {
                eprintln!("query {name}: {} rows", run(&s.kg, q));
            }
            b.iter(|| run(&s.kg, q))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_extract, bench_ingest, bench_store);
criterion_main!(benches);
