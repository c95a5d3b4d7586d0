//! End-to-end tests of every subcommand on the real binary and a temporary on-disk store.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_conflictkg"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("binary runs")
}

fn ok(args: &[&str]) -> String {
    let o = run(args);
    assert!(
        o.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("utf-8 output")
}

fn store_with_examples() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store").display().to_string();
    let articles = root().join("examples/articles").display().to_string();
    ok(&["ingest", "--store", &store, &articles]);
    (dir, store)
}

fn count(store: &str) -> u64 {
    let out = ok(&[
        "query",
        "--store",
        store,
        "--format",
        "csv",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    ]);
    out.lines()
        .nth(1)
        .and_then(|l| l.trim().parse().ok())
        .expect("a count")
}

#[test]
fn reingesting_the_same_files_adds_nothing() {
    let (_d, store) = store_with_examples();
    let before = count(&store);
    assert!(before > 500, "{before} triples");
    let articles = root().join("examples/articles").display().to_string();
    let o = run(&["ingest", "--store", &store, &articles]);
    assert!(o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("0 documents ingested"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(count(&store), before);
}

#[test]
fn query_formats_follow_the_sparql_results_standards() {
    let (_d, store) = store_with_examples();
    let q = "SELECT ?l WHERE { ?s a ckg:State ; rdfs:label ?l } ORDER BY ?l";
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["query", "--store", &store, "--format", "json", q]))
            .expect("json");
    let labels: Vec<&str> = json["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .filter_map(|b| b["l"]["value"].as_str())
        .collect();
    assert!(labels.contains(&"Pakistan"), "{labels:?}");
    let csv = ok(&["query", "--store", &store, "--format", "csv", q]);
    assert!(
        csv.starts_with("l\r\n") && csv.contains("Pakistan"),
        "{csv}"
    );
    let tsv = ok(&["query", "--store", &store, "--format", "tsv", q]);
    assert!(
        tsv.starts_with("?l\n") && tsv.contains("\"Pakistan\"@en"),
        "{tsv}"
    );
    let table = ok(&["query", "--store", &store, q]);
    assert!(
        table.contains("?l") && table.contains("Pakistan") && table.contains("rows)"),
        "{table}"
    );
    let ask = ok(&[
        "query",
        "--store",
        &store,
        "--format",
        "json",
        "ASK { ?d a ckg:Document }",
    ]);
    assert!(ask.contains("\"boolean\":true"), "{ask}");
}

#[test]
fn query_from_file_and_bad_query_reports_its_position() {
    let (d, store) = store_with_examples();
    let f = d.path().join("q.rq");
    std::fs::write(&f, "SELECT (COUNT(?d) AS ?n) WHERE { ?d a ckg:Document }").expect("write");
    let out = ok(&[
        "query",
        "--store",
        &store,
        "--format",
        "csv",
        "--file",
        &f.display().to_string(),
    ]);
    assert!(
        out.lines()
            .nth(1)
            .is_some_and(|l| l.trim().parse::<u32>().is_ok_and(|n| n >= 5)),
        "{out}"
    );
    let o = run(&["query", "--store", &store, "SELECT ?x WHERE { ?x ?y }"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("conflictkg: query:") && err.contains("line 1"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

#[test]
fn export_writes_all_formats_and_turtle_is_deterministic() {
    let (d, store) = store_with_examples();
    let a = ok(&["export", "--store", &store]);
    let b = ok(&["export", "--store", &store, "--format", "turtle"]);
    assert_eq!(a, b, "two Turtle exports of one store differ");
    assert!(a.contains("@prefix ckg:"));
    // it parses back to as many triples as the store holds
    let parsed = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
        .for_slice(a.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("Turtle parses");
    assert_eq!(parsed.len() as u64, count(&store));
    for (fmt, probe) in [
        ("ntriples", "<https://w3id.org/conflictkg/"),
        ("nquads", " ."),
        ("trig", "@prefix"),
        ("jsonld", "\"@id\""),
        ("dot", "digraph"),
    ] {
        let out = d.path().join(format!("out.{fmt}"));
        ok(&[
            "export",
            "--store",
            &store,
            "--format",
            fmt,
            "--out",
            &out.display().to_string(),
        ]);
        let text = std::fs::read_to_string(&out).expect("export file");
        assert!(
            text.contains(probe),
            "{fmt}: {}",
            &text[..text.len().min(300)]
        );
    }
    let around = ok(&[
        "export", "--store", &store, "--format", "dot", "--around", "Pakistan", "--depth", "1",
    ]);
    assert!(around.contains("Pakistan"));
    let o = run(&[
        "export",
        "--store",
        &store,
        "--format",
        "dot",
        "--around",
        "No Such Entity Anywhere",
    ]);
    assert!(!o.status.success());
}

#[test]
fn extract_shows_one_text_without_a_store() {
    let f = root()
        .join("examples/articles")
        .read_dir()
        .expect("articles")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == "txt"))
        .expect("an article");
    let f = f.display().to_string();
    let ttl = ok(&["extract", &f]);
    assert!(
        ttl.contains("ckg:Document") && ttl.contains("ckg:Evidence"),
        "{}",
        &ttl[..ttl.len().min(500)]
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["extract", "--format", "json", &f])).expect("json");
    assert!(json["entities"].as_array().is_some_and(|e| !e.is_empty()));
    assert!(json["document"]["sha256"]
        .as_str()
        .is_some_and(|h| h.len() == 64));
}

#[test]
fn bad_input_fails_cleanly_and_leaves_the_store_as_it_was() {
    let (d, store) = store_with_examples();
    let before = count(&store);
    let bad = d.path().join("bad.txt");
    std::fs::write(&bad, b"title: x\n---\nValid start \xff\xfe then garbage").expect("write");
    let o = run(&["ingest", "--store", &store, &bad.display().to_string()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.txt") && err.contains("UTF-8"), "{err}");
    let bad_date = d.path().join("date.txt");
    std::fs::write(&bad_date, "title: x\npublished: 2025-02-31\n---\nText.").expect("write");
    let o = run(&["ingest", "--store", &store, &bad_date.display().to_string()]);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("date.txt:2:"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(count(&store), before);
    let o = run(&[
        "query",
        "--store",
        &d.path().join("nowhere").display().to_string(),
        "ASK {}",
    ]);
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("no store"));
}

#[test]
fn every_fact_has_evidence_with_exact_offsets() {
    let (_d, store) = store_with_examples();
    let q = "SELECT ?s ?st ?en ?src WHERE { ?e a ckg:Evidence ; ckg:sentence ?s ; ckg:start ?st ; ckg:end ?en ; ckg:document ?d . ?d dcterms:source ?src }";
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["query", "--store", &store, "--format", "json", q]))
            .expect("json");
    let rows = json["results"]["bindings"].as_array().expect("rows");
    assert!(rows.len() > 20);
    let articles = root().join("examples/articles");
    for r in rows {
        let src = r["src"]["value"].as_str().expect("source");
        let path = Path::new(&articles).join(src);
        let Ok(raw) = std::fs::read_to_string(&path) else {
            continue;
        };
        let doc =
            conflictkg::document::Document::from_bytes(&path, raw.as_bytes(), None).expect("doc");
        let chars: Vec<char> = doc.body.chars().collect();
        let st: usize = r["st"]["value"]
            .as_str()
            .and_then(|v| v.parse().ok())
            .expect("start");
        let en: usize = r["en"]["value"]
            .as_str()
            .and_then(|v| v.parse().ok())
            .expect("end");
        let slice: String = chars[st..en].iter().collect();
        assert_eq!(slice, r["s"]["value"].as_str().expect("sentence"));
    }
    // a plain fact without evidence would be a defect
    let missing = ok(&["query", "--store", &store, "--format", "csv", "SELECT (COUNT(*) AS ?n) WHERE { ?s ckg:leaderOf ?o FILTER NOT EXISTS { ?e rdf:subject ?s ; rdf:predicate ckg:leaderOf ; rdf:object ?o } }"]);
    assert_eq!(missing.lines().nth(1).map(str::trim), Some("0"));
}

#[test]
fn results_do_not_depend_on_the_number_of_threads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let articles = root().join("examples/articles").display().to_string();
    let mut exports = Vec::new();
    for threads in ["1", "4"] {
        let store = dir.path().join(format!("s{threads}")).display().to_string();
        ok(&["ingest", "--threads", threads, "--store", &store, &articles]);
        exports.push(ok(&["export", "--store", &store, "--format", "ntriples"]));
    }
    assert_eq!(exports[0], exports[1]);
}

#[test]
fn explain_separates_facts_and_claims() {
    let (_d, store) = store_with_examples();
    let out = ok(&["explain", "--store", &store, "Pakistan"]);
    assert!(
        out.contains("Facts (stated by the texts):")
            && out.contains("Claims (attributed, not facts):")
            && out.contains("Events:"),
        "{out}"
    );
    assert!(out.contains("“"), "sentences are quoted: {out}");
    assert!(
        !run(&["explain", "--store", &store, "Atlantis Liberation Front"])
            .status
            .success()
    );
}

#[test]
fn demo_ingests_the_examples_and_answers_questions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("demo").display().to_string();
    let out = ok(&["demo", "--store", &store]);
    assert!(
        out.contains("documents ingested") && out.contains("━━"),
        "{out}"
    );
}

#[test]
fn user_catalogue_extends_the_built_in_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cat = dir.path().join("extra.toml");
    std::fs::write(&cat, "[[entity]]\nid = \"zorvian-front\"\ntype = \"ArmedGroup\"\nlabel = \"Zorvian Liberation Front\"\naliases = [\"ZLF\"]\n").expect("write");
    let text = dir.path().join("t.txt");
    std::fs::write(
        &text,
        "published: 2025-05-02\n---\nThe ZLF attacked a convoy in Kabul on Tuesday.\n",
    )
    .expect("write");
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "extract",
        "--format",
        "json",
        "--catalogue",
        &cat.display().to_string(),
        &text.display().to_string(),
    ]))
    .expect("json");
    let ev = &json["events"][0];
    assert_eq!(ev["agents"][0], "Zorvian Liberation Front", "{json}");
    assert_eq!(ev["date"], "2025-04-29", "{json}");
    std::fs::write(
        &cat,
        "[[entity]]\nid = \"x\"\ntype = \"Planet\"\nlabel = \"X\"\n",
    )
    .expect("write");
    let o = run(&[
        "extract",
        "--catalogue",
        &cat.display().to_string(),
        &text.display().to_string(),
    ]);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("extra.toml:3:"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Enough documents (≥ 64) for the bulk loader: the example articles, each with an extra
/// sentence so that every copy has its own content hash.
fn many_documents(dir: &Path, n: usize) -> PathBuf {
    let out = dir.join(format!("many{n}"));
    std::fs::create_dir_all(&out).expect("mkdir");
    let mut articles: Vec<PathBuf> = std::fs::read_dir(root().join("examples/articles"))
        .expect("articles")
        .map(|e| e.expect("entry").path())
        .collect();
    articles.sort();
    for i in 0..n {
        let src = &articles[i % articles.len()];
        let mut text = std::fs::read_to_string(src).expect("article");
        text.push_str(&format!("\n\nThis is copy number {i} of the article.\n"));
        std::fs::write(out.join(format!("copy{i:03}.txt")), text).expect("write");
    }
    out
}

#[test]
fn ingest_of_many_documents_into_a_store_with_data_is_idempotent_and_matches_a_fresh_ingest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let articles = root().join("examples/articles").display().to_string();
    let many = many_documents(dir.path(), 80).display().to_string();
    // A store that already holds the examples gets 80 more documents (in transactions).
    let a = dir.path().join("a").display().to_string();
    ok(&["ingest", "--store", &a, &articles]);
    let before = count(&a);
    let o = run(&["ingest", "--store", &a, &many]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("80 documents ingested"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let after = count(&a);
    assert!(after > before, "{before} → {after}");
    // Again: nothing new.
    let o = run(&["ingest", "--store", &a, &many, &articles]);
    assert!(o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("0 documents ingested (88 already present"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(count(&a), after);
    // The same documents in one fresh ingest give the same graph.
    let b = dir.path().join("b").display().to_string();
    ok(&["ingest", "--store", &b, &articles, &many]);
    assert_eq!(
        ok(&["export", "--store", &a, "--format", "nquads"]),
        ok(&["export", "--store", &b, "--format", "nquads"])
    );
}
