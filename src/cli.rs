//! The command line, as clap derive types. `main.rs` parses these and calls [`crate::app`].
use crate::export::ExportFormat;
use crate::store::QueryFormat;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Turn news about armed conflict and diplomacy into a knowledge graph you can query.
#[derive(Debug, Parser)]
#[command(name = "conflictkg", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Where the store lives.
#[derive(Debug, Args, Clone)]
pub struct StoreArg {
    /// Persistent store directory (default ./conflictkg-store, or $CONFLICTKG_STORE).
    #[arg(long, env = "CONFLICTKG_STORE", default_value = "conflictkg-store")]
    pub store: PathBuf,
}

/// What the extractor knows.
#[derive(Debug, Args, Clone, Default)]
pub struct KnowledgeArgs {
    /// Extra catalogue file(s) of known entities (TOML, see docs/CATALOGUE.md); repeatable.
    #[arg(long = "catalogue", value_name = "FILE")]
    pub catalogues: Vec<PathBuf>,
    /// Extraction rules file replacing the built-in ontology/rules.toml (docs/RULES.md).
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract from texts (files or directories of .txt/.md/.html) into the store.
    Ingest {
        #[command(flatten)]
        store: StoreArg,
        #[command(flatten)]
        knowledge: KnowledgeArgs,
        /// Publication date for all texts (YYYY-MM-DD), overriding their metadata.
        #[arg(long, value_parser = parse_date)]
        date: Option<chrono::NaiveDate>,
        /// Extraction threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Run a SPARQL 1.1 query (ckg:, rdf:, rdfs:, owl:, xsd:, skos:, dcterms:, prov: predeclared).
    Query {
        #[command(flatten)]
        store: StoreArg,
        #[arg(long, value_enum, default_value = "table")]
        format: QueryFormat,
        /// Read the query from a file.
        #[arg(long, value_name = "QUERY.rq", conflicts_with = "sparql")]
        file: Option<PathBuf>,
        /// The query text.
        #[arg(required_unless_present = "file")]
        sparql: Option<String>,
    },
    /// Write the whole store (or an entity's neighbourhood) as RDF or Graphviz.
    Export {
        #[command(flatten)]
        store: StoreArg,
        #[arg(long, value_enum, default_value = "turtle")]
        format: ExportFormat,
        /// Output file (default: stdout).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Only the neighbourhood of this entity (label, alias or IRI).
        #[arg(long, value_name = "ENTITY")]
        around: Option<String>,
        /// Hops around --around.
        #[arg(long, default_value_t = 1)]
        depth: usize,
    },
    /// Show what one text yields, without a store.
    Extract {
        #[command(flatten)]
        knowledge: KnowledgeArgs,
        #[arg(long, value_parser = parse_date)]
        date: Option<chrono::NaiveDate>,
        #[arg(long, value_enum, default_value = "turtle")]
        format: ExtractFormat,
        file: PathBuf,
    },
    /// Serve the store over the SPARQL 1.1 Protocol at /sparql, with a page to explore it at /.
    Serve {
        #[command(flatten)]
        store: StoreArg,
        #[arg(long, default_value = "127.0.0.1:7878")]
        bind: String,
        /// Accept SPARQL updates (read-only otherwise).
        #[arg(long)]
        allow_update: bool,
        /// Per-query time limit in seconds.
        #[arg(long, default_value_t = 30)]
        timeout_s: u64,
        /// Maximum result rows per query.
        #[arg(long, default_value_t = 10_000)]
        max_results: usize,
    },
    /// What the graph says about an entity: facts, claims and events, each with its sentence.
    Explain {
        #[command(flatten)]
        store: StoreArg,
        /// Entity label, alias or IRI.
        entity: String,
    },
    /// Ingest the built-in example articles into a store and answer the example questions.
    Demo {
        /// Store directory for the demo (default: a fresh temporary directory).
        #[arg(long)]
        store: Option<PathBuf>,
        /// Folder with articles/ and queries/ (default: the repository's examples/).
        #[arg(long)]
        examples: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Turtle,
    Json,
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}
