//! The commands behind the CLI. Each takes validated arguments and does its work through the
//! library; `main.rs` only parses and reports errors.
use crate::catalogue::Catalogue;
use crate::cli::{Command, ExtractFormat, KnowledgeArgs};
use crate::document::Document;
use crate::error::Error;
use crate::export::{self, ExportFormat};
use crate::extract::Extractor;
use crate::rules::Rules;
use crate::store::{self, IngestOptions, KgStore, QueryFormat};
use anyhow::{bail, Context, Result};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Build the extractor from the built-in knowledge and the user's files.
pub fn extractor(k: &KnowledgeArgs) -> Result<Extractor> {
    let cat = Catalogue::load(&k.catalogues)?;
    let rules = Rules::load(k.rules.as_deref())?;
    Ok(Extractor::new(cat, rules))
}

fn open_existing(path: &Path) -> Result<KgStore> {
    if !path.exists() {
        bail!(
            "no store at {} (run `conflictkg ingest --store {} FILES` first)",
            path.display(),
            path.display()
        );
    }
    let store = oxigraph::store::Store::open_read_only(path).map_err(|e| Error::Store {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    Ok(KgStore {
        store,
        path: path.to_path_buf(),
    })
}

pub fn run(cmd: Command) -> Result<()> {
    match cmd {
        Command::Ingest {
            store,
            knowledge,
            date,
            threads,
            paths,
        } => {
            let ex = extractor(&knowledge)?;
            let kg = KgStore::open(&store.store)?;
            let opts = IngestOptions {
                date,
                threads,
                progress: std::io::stderr().is_terminal(),
            };
            let (stats, errors) = store::ingest(&kg, &ex, &paths, &opts)?;
            for e in &errors {
                eprintln!("conflictkg: {e}");
            }
            eprintln!("{stats}");
            if !errors.is_empty() {
                bail!(
                    "{} of {} files could not be ingested",
                    errors.len(),
                    stats.files
                );
            }
            Ok(())
        }
        Command::Query {
            store,
            format,
            file,
            sparql,
        } => {
            let text = match (file, sparql) {
                (Some(f), _) => {
                    std::fs::read_to_string(&f).with_context(|| format!("{}", f.display()))?
                }
                (None, Some(q)) => q,
                (None, None) => bail!("give a query or --file"),
            };
            let kg = open_existing(&store.store)?;
            let results = kg.query(&text)?;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            store::write_results(results, format, &mut out)?;
            out.flush()?;
            Ok(())
        }
        Command::Export {
            store,
            format,
            out,
            around,
            depth,
        } => {
            let kg = open_existing(&store.store)?;
            let mut w: Box<dyn Write> = match &out {
                Some(p) => Box::new(std::io::BufWriter::new(
                    std::fs::File::create(p).with_context(|| format!("{}", p.display()))?,
                )),
                None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            };
            let stats = export::export(&kg.store, format, around.as_deref(), depth, &mut w)?;
            w.flush()?;
            if out.is_some() {
                eprintln!("{} triples written", stats.triples);
            }
            Ok(())
        }
        Command::Extract {
            knowledge,
            date,
            format,
            file,
        } => {
            let ex = extractor(&knowledge)?;
            let doc = Document::read(&file, date)?;
            let x = ex.extract(doc);
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            match format {
                ExtractFormat::Turtle => {
                    let mem = oxigraph::store::Store::new()?;
                    for q in crate::rdf::to_quads(&x, &ex.catalogue) {
                        mem.insert(&q)?;
                    }
                    export::export(&mem, ExportFormat::Turtle, None, 1, &mut out)?;
                }
                ExtractFormat::Json => {
                    serde_json::to_writer_pretty(
                        &mut out,
                        &crate::report::extraction_json(&x, &ex.catalogue),
                    )?;
                    writeln!(out)?;
                }
            }
            out.flush()?;
            Ok(())
        }
        Command::Serve {
            store,
            bind,
            allow_update,
            timeout_s,
            max_results,
        } => {
            let kg = if allow_update {
                KgStore::open(&store.store)?
            } else {
                open_existing(&store.store)?
            };
            let cfg = crate::server::ServerConfig {
                bind,
                allow_update,
                timeout: std::time::Duration::from_secs(timeout_s),
                max_results,
                examples: {
                    let ex = example_queries(&default_examples());
                    if ex.is_empty() {
                        crate::server::builtin_examples()
                    } else {
                        ex
                    }
                },
                ..Default::default()
            };
            crate::server::serve(kg.store, cfg)?;
            Ok(())
        }
        Command::Explain { store, entity } => {
            let kg = open_existing(&store.store)?;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            crate::report::explain(&kg, &entity, &mut out)?;
            out.flush()?;
            Ok(())
        }
        Command::Demo { store, examples } => demo(store, examples),
    }
}

fn default_examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples")
}

/// The example queries (`# title:` line, text), sorted by file name.
pub fn example_queries(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("queries"))
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "rq"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            let title = text
                .lines()
                .find_map(|l| l.strip_prefix("# title:").map(|t| t.trim().to_string()))
                .unwrap_or_else(|| {
                    p.file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default()
                });
            Some((title, text))
        })
        .collect()
}

fn demo(store: Option<PathBuf>, examples: Option<PathBuf>) -> Result<()> {
    let dir = examples.unwrap_or_else(default_examples);
    let articles = dir.join("articles");
    if !articles.is_dir() {
        bail!(
            "{}: no articles folder (pass --examples DIR)",
            articles.display()
        );
    }
    let path = store.unwrap_or_else(|| {
        std::env::temp_dir().join(format!("conflictkg-demo-{}", std::process::id()))
    });
    if path.exists() {
        std::fs::remove_dir_all(&path).with_context(|| format!("{}", path.display()))?;
    }
    let ex = Extractor::builtin()?;
    let kg = KgStore::open(&path)?;
    let (stats, errors) = store::ingest(
        &kg,
        &ex,
        std::slice::from_ref(&articles),
        &IngestOptions {
            progress: std::io::stderr().is_terminal(),
            ..Default::default()
        },
    )?;
    for e in &errors {
        eprintln!("conflictkg: {e}");
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    writeln!(
        out,
        "Ingested {} into {}\n{stats}\n",
        articles.display(),
        path.display()
    )?;
    for (title, q) in example_queries(&dir) {
        writeln!(out, "━━ {title}")?;
        match kg.query(&q) {
            Ok(r) => {
                store::write_results(r, QueryFormat::Table, &mut out)?;
            }
            Err(e) => writeln!(out, "query failed: {e}")?,
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "Query it yourself: conflictkg query --store {} 'SELECT …'",
        path.display()
    )?;
    out.flush()?;
    Ok(())
}

/// First variable of each solution, as strings (for small internal lookups).
pub fn first_column(results: QueryResults<'_>) -> Result<Vec<Term>> {
    let mut out = Vec::new();
    if let QueryResults::Solutions(sol) = results {
        for s in sol {
            let s = s?;
            if let Some(t) = s.values().iter().flatten().next() {
                out.push(t.clone());
            }
        }
    }
    Ok(out)
}
