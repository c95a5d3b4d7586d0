//! The persistent Oxigraph store: transactional, idempotent ingestion and SPARQL queries.
//!
//! A document is identified by the SHA-256 of its bytes; ingesting the same bytes again adds
//! nothing. A document's quads are written all at once (in a transaction, or in the bulk
//! loader's atomic commit), so a failure never leaves half a document behind. Extraction runs
//! in parallel (rayon); writing is sequential.
use crate::document::{self, Document};
use crate::error::{Error, Result};
use crate::extract::Extractor;
use crate::rdf;
use crate::vocab;
use chrono::NaiveDate;
use oxigraph::model::{GraphNameRef, Literal, NamedNode, NamedNodeRef, QuadRef, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// An opened store.
pub struct KgStore {
    pub store: Store,
    pub path: PathBuf,
}

fn store_err(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Store {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

impl KgStore {
    pub fn open(path: &Path) -> Result<KgStore> {
        let store = Store::open(path).map_err(|e| store_err(path, e))?;
        Ok(KgStore {
            store,
            path: path.to_path_buf(),
        })
    }

    /// Whether a document with this content hash is already in the store.
    pub fn has_document(&self, doc_id: &str, sha256: &str) -> Result<bool> {
        let doc = rdf::doc_iri(doc_id);
        let p = NamedNode::new_unchecked(vocab::ckg(vocab::term::SHA256));
        let lit = Literal::new_simple_literal(sha256);
        let t: Term = lit.into();
        self.store
            .contains(QuadRef::new(
                doc.as_ref(),
                p.as_ref(),
                t.as_ref(),
                GraphNameRef::DefaultGraph,
            ))
            .map_err(|e| store_err(&self.path, e))
    }

    /// Write quads in one transaction. Repeated quads are written once: documents repeat
    /// entity types, labels and catalogue facts, and RocksDB's write batch pays for every
    /// repeated put of the same key.
    pub fn insert(&self, quads: &[oxigraph::model::Quad]) -> Result<()> {
        let mut tx = self
            .store
            .start_transaction()
            .map_err(|e| store_err(&self.path, e))?;
        let mut written = std::collections::HashSet::with_capacity(quads.len());
        for q in quads {
            if written.insert(q) {
                tx.insert(q.as_ref());
            }
        }
        tx.commit().map_err(|e| store_err(&self.path, e))
    }

    /// Compact the store (RocksDB `compact_range` on every column family).
    pub fn optimize(&self) -> Result<()> {
        self.store.optimize().map_err(|e| store_err(&self.path, e))
    }

    pub fn len(&self) -> Result<usize> {
        self.store.len().map_err(|e| store_err(&self.path, e))
    }

    pub fn is_empty(&self) -> Result<bool> {
        self.store.is_empty().map_err(|e| store_err(&self.path, e))
    }

    /// Evaluate a query with the standard prefixes predeclared.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>> {
        run_query(&self.store, sparql)
    }
}

/// Parse and evaluate a query with the standard prefixes predeclared; parse errors point
/// into the user's text.
pub fn run_query(store: &Store, sparql: &str) -> Result<QueryResults<'static>> {
    let prologue = vocab::sparql_prologue();
    let full = format!("{prologue}{sparql}");
    let prepared = SparqlEvaluator::new()
        .parse_query(&full)
        .map_err(|e| Error::Query(shift_position(&e.to_string(), prologue.lines().count())))?;
    prepared
        .on_store(store)
        .execute()
        .map_err(|e| Error::Query(e.to_string()))
}

/// Parser messages count lines from the start of the full text; subtract the prologue.
fn shift_position(msg: &str, lines: usize) -> String {
    let re = regex::Regex::new(r"(\d+):(\d+)").expect("static regex");
    let mut done = false;
    re.replace(msg, |c: &regex::Captures| {
        let line: usize = c[1].parse().unwrap_or(0);
        if !done && line > lines {
            done = true;
            format!("line {} column {}", line - lines, &c[2])
        } else {
            c[0].to_string()
        }
    })
    .into_owned()
}

/// Documents extracted in parallel and written together.
const CHUNK_DOCS: usize = 256;
/// From this many documents on, a fresh store is filled with the bulk loader.
const BULK_MIN_DOCS: usize = 64;

/// Options of [`ingest`].
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    pub date: Option<NaiveDate>,
    pub threads: Option<usize>,
    /// Show a progress bar (stderr is a terminal).
    pub progress: bool,
}

/// What an ingestion did.
#[derive(Debug, Clone, Default)]
pub struct IngestStats {
    pub files: usize,
    pub ingested: usize,
    pub unchanged: usize,
    pub failed: usize,
    pub sentences: usize,
    pub entities: usize,
    pub events: usize,
    pub claims: usize,
    pub triples_before: usize,
    pub triples_after: usize,
    pub seconds: f64,
}

impl std::fmt::Display for IngestStats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} documents ingested ({} already present, {} failed) · {} sentences · {} entity mentions · {} events · {} claims · {} triples added ({} in store) · {:.2} s",
            self.ingested,
            self.unchanged,
            self.failed,
            self.sentences,
            self.entities,
            self.events,
            self.claims,
            self.triples_after.saturating_sub(self.triples_before),
            self.triples_after,
            self.seconds
        )
    }
}

/// Ingest files and directories. Bad files are reported and skipped; the others go in.
pub fn ingest(
    store: &KgStore,
    ex: &Extractor,
    paths: &[PathBuf],
    opts: &IngestOptions,
) -> Result<(IngestStats, Vec<Error>)> {
    let started = Instant::now();
    let files = document::collect_paths(paths)?;
    let mut stats = IngestStats {
        files: files.len(),
        triples_before: store.len()?,
        ..Default::default()
    };
    let mut errors = Vec::new();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.unwrap_or(0))
        .build()
        .map_err(|e| Error::Other(format!("thread pool: {e}")))?;
    let bar = if opts.progress {
        let b = indicatif::ProgressBar::new(files.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} documents · {per_sec} · ETA {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(b)
    } else {
        None
    };
    let mut seen = std::collections::HashSet::new();
    // Many documents into a fresh store go through the bulk loader: it writes sorted SST
    // files aside and makes them part of the store only in `commit`, so either every document
    // of this run is in the store or none is, and a failed run can simply be repeated. Into a
    // store that holds data, each chunk of documents is written in one transaction (readers
    // never see half a document; documents already present are skipped by content hash).
    let mut loader = if store.is_empty()? && files.len() >= BULK_MIN_DOCS {
        Some(store.store.bulk_loader())
    } else {
        None
    };
    for chunk in files.chunks(CHUNK_DOCS) {
        let mut batch: Vec<oxigraph::model::Quad> = Vec::new();
        let results: Vec<Result<(crate::model::Extraction, Vec<oxigraph::model::Quad>)>> = pool
            .install(|| {
                chunk
                    .par_iter()
                    .map(|p| {
                        let doc = Document::read(p, opts.date)?;
                        let x = ex.extract(doc);
                        let quads = rdf::to_quads(&x, &ex.catalogue);
                        Ok((x, quads))
                    })
                    .collect()
            });
        for r in results {
            if let Some(b) = &bar {
                b.inc(1);
            }
            match r {
                Err(e) => {
                    stats.failed += 1;
                    errors.push(e);
                }
                Ok((x, quads)) => {
                    if !seen.insert(x.doc.sha256.clone())
                        || store.has_document(x.doc_id(), &x.doc.sha256)?
                    {
                        stats.unchanged += 1;
                        continue;
                    }
                    batch.extend(quads);
                    stats.ingested += 1;
                    stats.sentences += x.sentences.len();
                    stats.entities += x.entities.len();
                    stats.events += x.events.len();
                    stats.claims += x.claims.len();
                }
            }
        }
        if !batch.is_empty() {
            match loader.as_mut() {
                Some(l) => l.load_quads(batch).map_err(|e| store_err(&store.path, e))?,
                None => store.insert(&batch)?,
            }
        }
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let bulk = loader.is_some();
    if let Some(l) = loader {
        l.commit().map_err(|e| store_err(&store.path, e))?;
    }
    stats.triples_after = store.len()?;
    // Each bulk-loaded batch is its own set of SST files, which every later read has to
    // merge: a fresh process then queries 4–35× slower than on a compacted store. Compact
    // when this run brought a good share of the store (compaction rewrites all of it).
    let added = stats.triples_after.saturating_sub(stats.triples_before);
    if bulk && added > 0 && added.saturating_mul(4) >= stats.triples_after {
        store.optimize()?;
    }
    stats.seconds = started.elapsed().as_secs_f64();
    Ok((stats, errors))
}

/// Output formats of `query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum QueryFormat {
    Table,
    Json,
    Csv,
    Tsv,
    Xml,
}

/// Shorten an IRI with the standard prefixes.
pub fn short_iri(iri: &str) -> String {
    for (p, ns) in vocab::PREFIXES {
        if let Some(rest) = iri.strip_prefix(ns) {
            if !rest.is_empty() {
                return format!("{p}:{rest}");
            }
        }
    }
    format!("<{iri}>")
}

fn cell(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => short_iri(n.as_str()),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => l.value().to_string(),
        #[allow(unreachable_patterns)]
        _ => t.to_string(),
    }
}

/// Evaluate a query and write its results.
pub fn write_results(
    results: QueryResults<'_>,
    format: QueryFormat,
    out: &mut dyn Write,
) -> Result<usize> {
    use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
    let io = |e: std::io::Error| Error::Io {
        path: PathBuf::from("<stdout>"),
        source: e,
    };
    match results {
        QueryResults::Boolean(b) => {
            match format {
                QueryFormat::Table => writeln!(out, "{b}").map_err(io)?,
                _ => {
                    let f = results_format(format);
                    QueryResultsSerializer::from_format(f)
                        .serialize_boolean_to_writer(&mut *out, b)
                        .map_err(io)?;
                    if format == QueryFormat::Json {
                        writeln!(out).map_err(io)?;
                    }
                }
            }
            Ok(1)
        }
        QueryResults::Solutions(sol) => {
            let vars: Vec<oxigraph::sparql::Variable> = sol.variables().to_vec();
            let mut rows = 0;
            if format == QueryFormat::Table {
                let mut table: Vec<Vec<String>> = Vec::new();
                for s in sol {
                    let s = s.map_err(|e| Error::Query(e.to_string()))?;
                    table.push(
                        vars.iter()
                            .map(|v| s.get(v).map(cell).unwrap_or_default())
                            .collect(),
                    );
                }
                let mut widths: Vec<usize> = vars
                    .iter()
                    .map(|v| v.as_str().chars().count() + 1)
                    .collect();
                for r in &table {
                    for (i, c) in r.iter().enumerate() {
                        widths[i] = widths[i].max(c.chars().count().min(80));
                    }
                }
                let line = |cells: &[String]| -> String {
                    cells
                        .iter()
                        .enumerate()
                        .map(|(i, c)| {
                            let c: String = c.chars().take(80).collect();
                            format!("{c:<w$}", w = widths[i])
                        })
                        .collect::<Vec<_>>()
                        .join(" │ ")
                        .trim_end()
                        .to_string()
                };
                let header: Vec<String> = vars.iter().map(|v| format!("?{}", v.as_str())).collect();
                writeln!(out, "{}", line(&header)).map_err(io)?;
                writeln!(
                    out,
                    "{}",
                    widths
                        .iter()
                        .map(|w| "─".repeat(*w))
                        .collect::<Vec<_>>()
                        .join("─┼─")
                )
                .map_err(io)?;
                for r in &table {
                    writeln!(out, "{}", line(r)).map_err(io)?;
                }
                rows = table.len();
                writeln!(out, "({rows} row{})", if rows == 1 { "" } else { "s" }).map_err(io)?;
            } else {
                let f: QueryResultsFormat = results_format(format);
                let mut ser = QueryResultsSerializer::from_format(f)
                    .serialize_solutions_to_writer(&mut *out, vars.clone())
                    .map_err(io)?;
                for s in sol {
                    let s = s.map_err(|e| Error::Query(e.to_string()))?;
                    ser.serialize(&s).map_err(io)?;
                    rows += 1;
                }
                ser.finish().map_err(io)?;
                if format == QueryFormat::Json {
                    writeln!(out).map_err(io)?;
                }
            }
            Ok(rows)
        }
        QueryResults::Graph(triples) => {
            use oxigraph::io::{RdfFormat, RdfSerializer};
            let mut ser = RdfSerializer::from_format(if format == QueryFormat::Table {
                RdfFormat::Turtle
            } else {
                RdfFormat::NTriples
            });
            for (p, ns) in vocab::PREFIXES {
                ser = ser
                    .with_prefix(*p, *ns)
                    .map_err(|e| Error::Other(e.to_string()))?;
            }
            let mut w = ser.for_writer(&mut *out);
            let mut n = 0;
            for t in triples {
                let t = t.map_err(|e| Error::Query(e.to_string()))?;
                w.serialize_triple(&t).map_err(io)?;
                n += 1;
            }
            w.finish().map_err(io)?;
            Ok(n)
        }
    }
}

fn results_format(f: QueryFormat) -> oxigraph::sparql::results::QueryResultsFormat {
    use oxigraph::sparql::results::QueryResultsFormat as F;
    match f {
        QueryFormat::Json | QueryFormat::Table => F::Json,
        QueryFormat::Csv => F::Csv,
        QueryFormat::Tsv => F::Tsv,
        QueryFormat::Xml => F::Xml,
    }
}

/// A named node for a well-formed IRI string (used by callers that take IRIs from users).
pub fn named(iri: &str) -> Result<NamedNode> {
    NamedNode::new(iri).map_err(|e| Error::Other(format!("bad IRI {iri:?}: {e}")))
}

#[allow(dead_code)]
fn _assert_ref(_: NamedNodeRef<'_>) {}

#[cfg(test)]
mod tests {
    #[test]
    fn positions_are_shifted_past_the_prologue() {
        assert_eq!(
            super::shift_position("error at 12:5: expected", 10),
            "error at line 2 column 5: expected"
        );
    }
}
