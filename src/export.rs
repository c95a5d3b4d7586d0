//! Deterministic exports of the knowledge graph: pretty Turtle and TriG, sorted N-Triples and
//! N-Quads, JSON-LD, and a Graphviz (DOT) picture of the entities and events.
//!
//! Why this module exists: Oxigraph's own serialisers write triples in the store's internal
//! hash order and renumber blank nodes on every run, so two dumps of the same store differ and a
//! graph kept in git diffs noisily. Here the same store always gives the same bytes:
//!
//! * subjects, predicates and objects are sorted (`a` first, then `rdfs:label`, then the rest);
//! * only the prefixes actually used are declared, including one per kind of instance IRI
//!   (`person:noor-wali-mehsud` for `…/id/person/noor-wali-mehsud`), derived from the data;
//! * blank nodes (conflictkg itself writes none) get labels from a canonical ordering of their
//!   surroundings, not from their store ids;
//! * every literal and IRI is escaped so that rdflib, Jena and Oxigraph read the file back.
//!
//! Everything is collected into one sorted `Vec` before writing: memory grows linearly with the
//! store, which is fine for millions of triples.
//!
//! [`export`] can also cut the graph down to the neighbourhood of one entity (`around`), for the
//! DOT picture and for the RDF formats alike.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::fmt;
use std::io::{self, BufWriter, Write};
use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, OnceLock};

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, QuerySolutionIter, SparqlEvaluator};
use oxigraph::store::{StorageError, Store};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::vocab::{term, CKG, ID, PREFIXES, RDF, RDFS, SKOS, XSD};

/// Event classes of the vocabulary contract below `ckg:Event`, as (class, superclass) local
/// names, so that the DOT view recognises events even in a store without the ontology loaded.
// TODO(lead): move these local names into `vocab::term`.
const EVENT_CLASSES: &[(&str, &str)] = &[
    ("Attack", term::EVENT),
    ("Airstrike", "Attack"),
    ("Clash", term::EVENT),
    ("Ceasefire", term::EVENT),
    ("Negotiation", term::EVENT),
    ("Meeting", term::EVENT),
    ("Deportation", term::EVENT),
];

/// Names that are never used as a per-kind prefix, to stay clear of Turtle/TriG keywords.
const RESERVED_PREFIXES: &[&str] = &["a", "base", "false", "graph", "prefix", "true"];

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/// The formats [`export`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, clap::ValueEnum)]
pub enum ExportFormat {
    /// Pretty, sorted Turtle (the union of all graphs).
    #[default]
    #[value(name = "turtle", alias = "ttl")]
    Turtle,
    /// One triple per line, lines sorted.
    #[value(name = "ntriples", alias = "nt")]
    NTriples,
    /// One quad per line, lines sorted.
    #[value(name = "nquads", alias = "nq")]
    NQuads,
    /// Pretty TriG: the default graph, then each named graph in a `GRAPH` block.
    #[value(name = "trig")]
    TriG,
    /// JSON-LD (expanded form, no `@context`), written by Oxigraph's serialiser.
    #[value(name = "jsonld", alias = "json-ld")]
    JsonLd,
    /// A Graphviz graph of entities, events and claims.
    #[value(name = "dot")]
    Dot,
}

impl ExportFormat {
    /// Every format, in the order of the help text.
    pub const ALL: [ExportFormat; 6] = [
        ExportFormat::Turtle,
        ExportFormat::NTriples,
        ExportFormat::NQuads,
        ExportFormat::TriG,
        ExportFormat::JsonLd,
        ExportFormat::Dot,
    ];

    /// The canonical name, as accepted by [`FromStr`] and `--format`.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Turtle => "turtle",
            ExportFormat::NTriples => "ntriples",
            ExportFormat::NQuads => "nquads",
            ExportFormat::TriG => "trig",
            ExportFormat::JsonLd => "jsonld",
            ExportFormat::Dot => "dot",
        }
    }

    /// The IANA media type (`text/vnd.graphviz` for DOT).
    pub fn media_type(self) -> &'static str {
        match self {
            ExportFormat::Turtle => "text/turtle",
            ExportFormat::NTriples => "application/n-triples",
            ExportFormat::NQuads => "application/n-quads",
            ExportFormat::TriG => "application/trig",
            ExportFormat::JsonLd => "application/ld+json",
            ExportFormat::Dot => "text/vnd.graphviz",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Turtle => "ttl",
            ExportFormat::NTriples => "nt",
            ExportFormat::NQuads => "nq",
            ExportFormat::TriG => "trig",
            ExportFormat::JsonLd => "jsonld",
            ExportFormat::Dot => "dot",
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ExportFormat {
    type Err = ExportError;

    /// Accepts the names and aliases of `--format`, case-insensitively.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "turtle" | "ttl" => Ok(ExportFormat::Turtle),
            "ntriples" | "nt" => Ok(ExportFormat::NTriples),
            "nquads" | "nq" => Ok(ExportFormat::NQuads),
            "trig" => Ok(ExportFormat::TriG),
            "jsonld" | "json-ld" => Ok(ExportFormat::JsonLd),
            "dot" => Ok(ExportFormat::Dot),
            _ => Err(ExportError::UnknownFormat(s.to_string())),
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportStats {
    /// Triples (Turtle, N-Triples, JSON-LD of the union) or quads (TriG, N-Quads) written;
    /// for DOT, the number of edges drawn.
    pub triples: usize,
}

/// Why an export failed. The messages give context; the cause is in [`std::error::Error::source`].
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing the output failed (a broken pipe is reported here too: check `kind()`).
    #[error("cannot write the export")]
    Io(#[from] io::Error),
    /// Reading the store failed.
    #[error("cannot read the store")]
    Store(#[from] StorageError),
    /// Reading the store through SPARQL failed.
    #[error("cannot read the store")]
    Query(#[from] QueryEvaluationError),
    /// `around` names nothing drawable in the store.
    #[error(
        "no entity or event named {0:?} in the store \
         (compared case-insensitively with rdfs:label and skos:altLabel, or as an IRI)"
    )]
    UnknownEntity(String),
    /// `around` names several entities equally well.
    #[error("{name:?} names several entities: {}", candidates.join(", "))]
    AmbiguousEntity {
        name: String,
        /// Their IRIs, sorted.
        candidates: Vec<String>,
    },
    /// A format name [`ExportFormat::from_str`] does not know.
    #[error(
        "unknown export format {0:?} (expected turtle, ntriples, nquads, trig, jsonld or dot)"
    )]
    UnknownFormat(String),
}

/// Writes the whole store (or, with `around`, the part within `depth` hops of one entity) to
/// `out` in `format`. The output is byte-identical for the same store contents.
///
/// `around` is an entity's `rdfs:label` or `skos:altLabel` (case-insensitive), its IRI, or its
/// prefixed name as the Turtle export writes it (`person:noor-wali-mehsud`). Neighbours are the
/// nodes of the DOT view (entities and events) joined by `ckg:` relations or by claims, followed
/// in both directions. The RDF formats then keep the triples of those nodes, of their
/// `ckg:Casualties` nodes, of the `ckg:Evidence` and `ckg:Claim` nodes about them and of the
/// documents those cite. `depth` is ignored without `around`.
pub fn export(
    store: &Store,
    format: ExportFormat,
    around: Option<&str>,
    depth: usize,
    out: &mut dyn Write,
) -> Result<ExportStats, ExportError> {
    export_data(&read_store(store)?, format, around, depth, out)
}

/// [`export`] for quads that are not in a store, e.g. what one text yields before it is loaded.
pub fn export_quads<I>(
    quads: I,
    format: ExportFormat,
    around: Option<&str>,
    depth: usize,
    out: &mut dyn Write,
) -> Result<ExportStats, ExportError>
where
    I: IntoIterator<Item = Quad>,
{
    let mut collector = Collector::default();
    for quad in quads {
        collector.push(&quad);
    }
    export_data(&collector.finish(), format, around, depth, out)
}

fn export_data(
    data: &Data,
    format: ExportFormat,
    around: Option<&str>,
    depth: usize,
    out: &mut dyn Write,
) -> Result<ExportStats, ExportError> {
    let mut w = BufWriter::new(out);
    let written = if format == ExportFormat::Dot {
        let view = View::build(data);
        let keep = match around {
            Some(name) => {
                let start = view.resolve(name)?;
                Some(view.neighbourhood(&start, depth))
            }
            None => None,
        };
        view.write_dot(keep.as_ref(), &mut w)?
    } else {
        let quads: Vec<&Q> = match around {
            Some(name) => {
                let view = View::build(data);
                let start = view.resolve(name)?;
                let keep = view.subjects_around(data, &view.neighbourhood(&start, depth));
                data.quads.iter().filter(|q| keep.contains(&q.s)).collect()
            }
            None => data.quads.iter().collect(),
        };
        match format {
            ExportFormat::Turtle => write_pretty(data, quads, false, &mut w)?,
            ExportFormat::TriG => write_pretty(data, quads, true, &mut w)?,
            ExportFormat::NTriples => write_lines(data, &quads, false, &mut w)?,
            ExportFormat::NQuads => write_lines(data, &quads, true, &mut w)?,
            ExportFormat::JsonLd => write_jsonld(data, quads, &mut w)?,
            ExportFormat::Dot => 0,
        }
    };
    w.flush()?;
    Ok(ExportStats { triples: written })
}

// ---------------------------------------------------------------------------------------------
// Reading the store: one predicate at a time, in parallel
// ---------------------------------------------------------------------------------------------

/// Reads every quad of `store` into [`Data`].
///
/// Reading is what an export costs most: Oxigraph looks each IRI and each long literal up in its
/// string table, one RocksDB read per term. So the store is read one predicate at a time, the
/// predicates shared out over the rayon pool, by a SPARQL pattern with the predicate fixed (the
/// predicate is then not looked up again for every triple, as `Store::iter` does), on as many
/// threads as the rayon pool has, the largest first. Each task interns its own strings; this
/// thread merges the results as they come. The predicates and their triple counts come from one
/// aggregate query (a scan that decodes no strings), run beside the read of `rdf:type` (in our
/// graphs always the largest).
///
/// Every read is its own snapshot of the store. `conflictkg export` holds the store's lock, so
/// nothing writes to it meanwhile.
fn read_store(store: &Store) -> Result<Data, ExportError> {
    let rdf_type = format!("{RDF}type");
    let workers = rayon::current_num_threads().max(1);
    let mut collector = Collector::default();
    let next = AtomicUsize::new(0);
    let listed: OnceLock<Vec<String>> = OnceLock::new();
    let (tx, rx) = mpsc::sync_channel::<Result<Chunk, ExportError>>(workers);
    std::thread::scope(|scope| -> Result<(), ExportError> {
        let discovery = scope.spawn(|| {
            solutions(
                store,
                "SELECT ?p (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } \
                 GROUP BY ?p",
            )
        });
        {
            let tx = tx.clone();
            let rdf_type = &rdf_type;
            scope.spawn(move || {
                // A send fails only when the merge has stopped at an error of its own.
                let _ = tx.send(read_predicate(store, rdf_type));
            });
        }
        let rows = discovery
            .join()
            .map_err(|_| ExportError::Io(io::Error::other("a store reader stopped")))??;
        let mut counted: Vec<(usize, String)> = rows
            .into_iter()
            .filter_map(|row| {
                let mut row = row.into_iter();
                let (Some(Some(Term::NamedNode(p))), Some(Some(Term::Literal(n)))) =
                    (row.next(), row.next())
                else {
                    return None;
                };
                Some((n.value().parse().unwrap_or(0), p.into_string()))
            })
            .collect();
        // The whole graph is held once: room for all of it now, not by doubling.
        collector
            .quads
            .reserve_exact(counted.iter().map(|(n, _)| n).sum());
        counted.retain(|(_, p)| *p != rdf_type);
        // Largest first, so that the threads finish together.
        counted.sort_unstable_by(|a, b| b.cmp(a));
        let predicates: Vec<String> = counted.into_iter().map(|(_, p)| p).collect();
        let predicates = listed.get_or_init(|| predicates);
        for _ in 0..workers {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || {
                while let Some(p) = predicates.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if tx.send(read_predicate(store, p)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // Merged as they come, so that only a few chunks are held at once.
        for chunk in rx {
            collector.merge(chunk?);
        }
        Ok(())
    })?;
    Ok(collector.finish())
}

/// The solutions of one of our SELECT queries, streamed.
fn select(store: &Store, sparql: &str) -> Result<Option<QuerySolutionIter<'static>>, ExportError> {
    let query = SparqlEvaluator::new()
        .parse_query(sparql)
        .map_err(|e| ExportError::Query(e.into()))?;
    Ok(match query.on_store(store).execute()? {
        QueryResults::Solutions(solutions) => Some(solutions),
        _ => None,
    })
}

/// The rows of a SELECT query, each as its values in order.
fn solutions(store: &Store, sparql: &str) -> Result<Vec<Vec<Option<Term>>>, ExportError> {
    let mut rows = Vec::new();
    for solution in select(store, sparql)?.into_iter().flatten() {
        rows.push(solution?.values().to_vec());
    }
    Ok(rows)
}

/// A node as one reader task has it: an index into the task's own IRIs or blank nodes.
#[derive(Clone, Copy)]
enum RawNode {
    Iri(u32),
    Blank(u32),
}

enum RawObj {
    Node(RawNode),
    /// A literal; its datatype an index into the task's IRIs.
    Lit {
        value: Box<str>,
        lang: Option<Box<str>>,
        datatype: u32,
    },
}

/// What one reader task brings back: the triples of one predicate, over its own string tables.
#[derive(Default)]
struct Chunk {
    predicate: String,
    iris: Vec<Box<str>>,
    iri_ids: FxHashMap<Box<str>, u32>,
    blanks: Vec<Box<str>>,
    blank_ids: FxHashMap<Box<str>, u32>,
    /// (graph, subject, object); no graph is the default graph.
    quads: Vec<(Option<RawNode>, RawNode, RawObj)>,
}

impl Chunk {
    fn intern(table: &mut Vec<Box<str>>, ids: &mut FxHashMap<Box<str>, u32>, s: &str) -> u32 {
        if let Some(&i) = ids.get(s) {
            return i;
        }
        let i = u32::try_from(table.len()).unwrap_or(u32::MAX);
        table.push(s.into());
        ids.insert(s.into(), i);
        i
    }

    fn iri(&mut self, iri: &str) -> u32 {
        Self::intern(&mut self.iris, &mut self.iri_ids, iri)
    }

    fn blank(&mut self, id: &str) -> u32 {
        Self::intern(&mut self.blanks, &mut self.blank_ids, id)
    }

    fn node(&mut self, t: &Term) -> Option<RawNode> {
        match t {
            Term::NamedNode(n) => Some(RawNode::Iri(self.iri(n.as_str()))),
            Term::BlankNode(b) => Some(RawNode::Blank(self.blank(b.as_str()))),
            Term::Literal(_) => None,
        }
    }

    fn obj(&mut self, t: &Term) -> RawObj {
        match t {
            Term::Literal(l) => RawObj::Lit {
                value: l.value().into(),
                lang: l.language().map(Box::from),
                datatype: self.iri(l.datatype().as_str()),
            },
            Term::NamedNode(n) => RawObj::Node(RawNode::Iri(self.iri(n.as_str()))),
            Term::BlankNode(b) => RawObj::Node(RawNode::Blank(self.blank(b.as_str()))),
        }
    }
}

/// Reads the triples of one predicate, in the default graph and in the named graphs.
fn read_predicate(store: &Store, predicate: &str) -> Result<Chunk, ExportError> {
    let mut chunk = Chunk {
        predicate: predicate.to_string(),
        ..Chunk::default()
    };
    // An IRI the store gave back as a predicate (or rdf:type): valid, so written as it is.
    let p = NamedNode::new_unchecked(predicate);
    for (sparql, named) in [
        (format!("SELECT ?s ?o WHERE {{ ?s {p} ?o }}"), false),
        (
            format!("SELECT ?s ?o ?g WHERE {{ GRAPH ?g {{ ?s {p} ?o }} }}"),
            true,
        ),
    ] {
        for solution in select(store, &sparql)?.into_iter().flatten() {
            let solution = solution?;
            let (Some(s), Some(o)) = (solution.get(0), solution.get(1)) else {
                continue;
            };
            let g = if named {
                match solution.get(2) {
                    Some(g) => chunk.node(g),
                    None => continue,
                }
            } else {
                None
            };
            let Some(s) = chunk.node(s) else {
                continue;
            };
            let o = chunk.obj(o);
            chunk.quads.push((g, s, o));
        }
    }
    Ok(chunk)
}

// ---------------------------------------------------------------------------------------------
// The collected data: interned IRIs, blank nodes numbered canonically
// ---------------------------------------------------------------------------------------------

type Iri = Arc<str>;

/// A subject or graph name. Blank nodes carry their canonical rank, so the derived order puts
/// IRIs (sorted by string) before blank nodes.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Node {
    Iri(Iri),
    Blank(u32),
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Lit {
    value: Box<str>,
    lang: Option<Box<str>>,
    datatype: Iri,
}

/// An object: IRIs, then blank nodes, then literals.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Obj {
    Iri(Iri),
    Blank(u32),
    Lit(Lit),
}

impl Obj {
    fn node(&self) -> Option<Node> {
        match self {
            Obj::Iri(i) => Some(Node::Iri(i.clone())),
            Obj::Blank(b) => Some(Node::Blank(*b)),
            Obj::Lit(_) => None,
        }
    }

    fn iri(&self) -> Option<&str> {
        match self {
            Obj::Iri(i) => Some(i),
            _ => None,
        }
    }

    fn lit(&self) -> Option<&Lit> {
        match self {
            Obj::Lit(l) => Some(l),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Graph {
    Default,
    Named(Node),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Q {
    g: Graph,
    s: Node,
    /// Index into [`Data::preds`].
    p: u32,
    o: Obj,
}

struct Data {
    quads: Vec<Q>,
    preds: Vec<Iri>,
    /// Every IRI the quads use, each once (the collector's interned strings).
    iris: Vec<Iri>,
}

impl Data {
    fn pred(&self, p: u32) -> &str {
        self.preds.get(p as usize).map_or("", |i| i)
    }
}

#[derive(Default)]
struct Collector {
    iris: FxHashSet<Iri>,
    blanks: FxHashMap<String, u32>,
    blank_ids: Vec<String>,
    pred_ids: FxHashMap<Iri, u32>,
    preds: Vec<Iri>,
    quads: Vec<Q>,
}

impl Collector {
    fn iri(&mut self, iri: &str) -> Iri {
        if let Some(i) = self.iris.get(iri) {
            return i.clone();
        }
        let i: Iri = Arc::from(iri);
        self.iris.insert(i.clone());
        i
    }

    fn blank(&mut self, id: &str) -> u32 {
        if let Some(&b) = self.blanks.get(id) {
            return b;
        }
        let b = u32::try_from(self.blank_ids.len()).unwrap_or(u32::MAX);
        self.blanks.insert(id.to_string(), b);
        self.blank_ids.push(id.to_string());
        b
    }

    fn node(&mut self, n: &NamedOrBlankNode) -> Node {
        match n {
            NamedOrBlankNode::NamedNode(n) => Node::Iri(self.iri(n.as_str())),
            NamedOrBlankNode::BlankNode(b) => Node::Blank(self.blank(b.as_str())),
        }
    }

    fn predicate(&mut self, iri: &str) -> u32 {
        if let Some(&p) = self.pred_ids.get(iri) {
            return p;
        }
        let iri = self.iri(iri);
        let p = u32::try_from(self.preds.len()).unwrap_or(u32::MAX);
        self.pred_ids.insert(iri.clone(), p);
        self.preds.push(iri);
        p
    }

    fn push(&mut self, quad: &Quad) {
        let g = match &quad.graph_name {
            GraphName::DefaultGraph => Graph::Default,
            GraphName::NamedNode(n) => Graph::Named(Node::Iri(self.iri(n.as_str()))),
            GraphName::BlankNode(b) => Graph::Named(Node::Blank(self.blank(b.as_str()))),
        };
        let s = self.node(&quad.subject);
        let p = self.predicate(quad.predicate.as_str());
        let o = match &quad.object {
            Term::NamedNode(n) => Obj::Iri(self.iri(n.as_str())),
            Term::BlankNode(b) => Obj::Blank(self.blank(b.as_str())),
            Term::Literal(l) => Obj::Lit(Lit {
                value: l.value().into(),
                lang: l.language().map(Box::from),
                datatype: self.iri(l.datatype().as_str()),
            }),
        };
        self.quads.push(Q { g, s, p, o });
    }

    /// Adds what one reader task read.
    fn merge(&mut self, chunk: Chunk) {
        let iris: Vec<Iri> = chunk.iris.iter().map(|i| self.iri(i)).collect();
        let blanks: Vec<u32> = chunk.blanks.iter().map(|b| self.blank(b)).collect();
        let p = self.predicate(&chunk.predicate);
        let node = |n: RawNode| match n {
            RawNode::Iri(i) => Node::Iri(iris[i as usize].clone()),
            RawNode::Blank(b) => Node::Blank(blanks[b as usize]),
        };
        self.quads.reserve(chunk.quads.len());
        for (g, s, o) in chunk.quads {
            let g = match g {
                None => Graph::Default,
                Some(g) => Graph::Named(node(g)),
            };
            let o = match o {
                RawObj::Node(RawNode::Iri(i)) => Obj::Iri(iris[i as usize].clone()),
                RawObj::Node(RawNode::Blank(b)) => Obj::Blank(blanks[b as usize]),
                RawObj::Lit {
                    value,
                    lang,
                    datatype,
                } => Obj::Lit(Lit {
                    value,
                    lang,
                    datatype: iris[datatype as usize].clone(),
                }),
            };
            self.quads.push(Q {
                g,
                s: node(s),
                p,
                o,
            });
        }
    }

    /// Renumbers blank nodes by a canonical order of their one-hop surroundings (ties, i.e.
    /// blank nodes that look alike from one hop, are broken by their store ids).
    fn finish(self) -> Data {
        let mut data = Data {
            quads: self.quads,
            preds: self.preds,
            iris: self.iris.into_iter().collect(),
        };
        let n = self.blank_ids.len();
        if n == 0 {
            return data;
        }
        let mut sigs: Vec<Vec<String>> = vec![Vec::new(); n];
        let mut buf = String::new();
        for q in &data.quads {
            let p = data.pred(q.p);
            if let Node::Blank(b) = q.s {
                buf.clear();
                push_nt_obj(&mut buf, &q.o, false);
                if let Some(sig) = sigs.get_mut(b as usize) {
                    sig.push(format!("out <{p}> {buf}"));
                }
            }
            if let Obj::Blank(b) = q.o {
                buf.clear();
                push_nt_node(&mut buf, &q.s, false);
                if let Some(sig) = sigs.get_mut(b as usize) {
                    sig.push(format!("in {buf} <{p}>"));
                }
            }
            if let Graph::Named(Node::Blank(b)) = q.g {
                if let Some(sig) = sigs.get_mut(b as usize) {
                    sig.push(format!("graph <{p}>"));
                }
            }
        }
        let sigs: Vec<String> = sigs
            .into_iter()
            .map(|mut s| {
                s.sort_unstable();
                s.join("\n")
            })
            .collect();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| {
            sigs.get(a)
                .cmp(&sigs.get(b))
                .then_with(|| self.blank_ids.get(a).cmp(&self.blank_ids.get(b)))
        });
        let mut rank = vec![0u32; n];
        for (r, &b) in order.iter().enumerate() {
            if let Some(slot) = rank.get_mut(b) {
                *slot = u32::try_from(r).unwrap_or(u32::MAX);
            }
        }
        let map = |b: &mut u32| {
            if let Some(&r) = rank.get(*b as usize) {
                *b = r;
            }
        };
        for q in &mut data.quads {
            if let Node::Blank(b) = &mut q.s {
                map(b);
            }
            if let Obj::Blank(b) = &mut q.o {
                map(b);
            }
            if let Graph::Named(Node::Blank(b)) = &mut q.g {
                map(b);
            }
        }
        data
    }
}

// ---------------------------------------------------------------------------------------------
// Prefixed names
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prefix<'a> {
    /// Index into [`PREFIXES`].
    Vocab(usize),
    /// A kind of instance: `<kind>:` stands for `ID<kind>/`.
    Kind(&'a str),
}

/// The prefixed name of `iri`, if it can be written as one safely: the most specific of a
/// per-kind prefix or a vocabulary prefix, with a local part of plain ASCII that every Turtle
/// parser reads without escapes.
fn compact(iri: &str) -> Option<(Prefix<'_>, &str)> {
    if let Some((kind, local)) = iri.strip_prefix(ID).and_then(|rest| rest.split_once('/')) {
        if is_kind_prefix(kind) && is_local_name(local) {
            return Some((Prefix::Kind(kind), local));
        }
    }
    PREFIXES
        .iter()
        .enumerate()
        .filter_map(|(i, (_, ns))| {
            let local = iri.strip_prefix(ns)?;
            is_local_name(local).then_some((ns.len(), i, local))
        })
        .max_by_key(|&(len, i, _)| (len, std::cmp::Reverse(i)))
        .map(|(_, i, local)| (Prefix::Vocab(i), local))
}

/// A kind usable as a prefix name: an ASCII `PN_PREFIX` that is no vocabulary prefix and no
/// keyword.
fn is_kind_prefix(kind: &str) -> bool {
    let bytes = kind.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    first.is_ascii_alphabetic()
        && *last != b'.'
        && bytes
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
        && !PREFIXES.iter().any(|(p, _)| *p == kind)
        && !RESERVED_PREFIXES
            .iter()
            .any(|r| r.eq_ignore_ascii_case(kind))
}

/// A non-empty ASCII `PN_LOCAL` without escapes: letters, digits, `_` anywhere, `-` and `.`
/// not first, `.` not last.
fn is_local_name(local: &str) -> bool {
    let bytes = local.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    (first.is_ascii_alphanumeric() || *first == b'_')
        && *last != b'.'
        && bytes
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

/// The prefixes a document uses, declared in [`PREFIXES`] order, then kinds alphabetically.
struct UsedPrefixes {
    vocab: Vec<bool>,
    kinds: BTreeSet<String>,
}

impl UsedPrefixes {
    fn new() -> Self {
        UsedPrefixes {
            vocab: vec![false; PREFIXES.len()],
            kinds: BTreeSet::new(),
        }
    }

    fn note(&mut self, iri: &str) {
        match compact(iri) {
            Some((Prefix::Vocab(i), _)) => {
                if let Some(used) = self.vocab.get_mut(i) {
                    *used = true;
                }
            }
            Some((Prefix::Kind(k), _)) if !self.kinds.contains(k) => {
                self.kinds.insert(k.to_string());
            }
            Some((Prefix::Kind(_), _)) => {}
            None => {}
        }
    }

    fn write(&self, w: &mut dyn Write) -> io::Result<bool> {
        let mut any = false;
        for ((name, ns), used) in PREFIXES.iter().zip(&self.vocab) {
            if *used {
                writeln!(w, "@prefix {name}: <{ns}> .")?;
                any = true;
            }
        }
        for kind in &self.kinds {
            writeln!(w, "@prefix {kind}: <{ID}{kind}/> .")?;
            any = true;
        }
        Ok(any)
    }
}

// ---------------------------------------------------------------------------------------------
// Terms
// ---------------------------------------------------------------------------------------------

enum LitForm {
    /// `"…"`
    Plain,
    /// `"…"@lang`
    Lang,
    /// A bare number or boolean.
    Bare,
    /// `"…"^^datatype`
    Typed,
}

fn lit_form(l: &Lit) -> LitForm {
    if l.lang.is_some() {
        return LitForm::Lang;
    }
    let Some(local) = l.datatype.strip_prefix(XSD) else {
        return LitForm::Typed;
    };
    let bare = match local {
        "string" => return LitForm::Plain,
        "integer" => is_canonical_integer(&l.value),
        "decimal" => is_canonical_decimal(&l.value),
        "boolean" => &*l.value == "true" || &*l.value == "false",
        _ => false,
    };
    if bare {
        LitForm::Bare
    } else {
        LitForm::Typed
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit())
}

/// `0`, or an optional `-` and digits without a leading zero.
fn is_canonical_integer(v: &str) -> bool {
    if v == "0" {
        return true;
    }
    let digits = v.strip_prefix('-').unwrap_or(v);
    all_digits(digits) && !digits.starts_with('0')
}

/// The XSD canonical form of a decimal: `-`?, an integer part without leading zeros, `.`, and a
/// fraction without trailing zeros (`1.0`, `0.9`, `-12.25`; not `-0.0`).
fn is_canonical_decimal(v: &str) -> bool {
    let (negative, body) = match v.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, v),
    };
    let Some((int, frac)) = body.split_once('.') else {
        return false;
    };
    if !all_digits(int) || !all_digits(frac) {
        return false;
    }
    if int.len() > 1 && int.starts_with('0') {
        return false;
    }
    if frac.len() > 1 && frac.ends_with('0') {
        return false;
    }
    !(negative && int == "0" && frac == "0")
}

fn push_hex_escape(buf: &mut String, c: char) {
    let code = c as u32;
    if code <= 0xFFFF {
        buf.push_str(&format!("\\u{code:04X}"));
    } else {
        buf.push_str(&format!("\\U{code:08X}"));
    }
}

/// A Turtle/N-Triples `STRING_LITERAL_QUOTE`.
fn push_quoted(buf: &mut String, s: &str) {
    buf.push('"');
    for c in s.chars() {
        match c {
            '"' => buf.push_str("\\\""),
            '\\' => buf.push_str("\\\\"),
            '\n' => buf.push_str("\\n"),
            '\r' => buf.push_str("\\r"),
            '\t' => buf.push_str("\\t"),
            c if c.is_control() => push_hex_escape(buf, c),
            c => buf.push(c),
        }
    }
    buf.push('"');
}

/// `<iri>`, with the characters `IRIREF` forbids escaped (a valid IRI has none).
fn push_full_iri(buf: &mut String, iri: &str) {
    buf.push('<');
    for c in iri.chars() {
        if c <= ' ' || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '^' | '`' | '\\') {
            push_hex_escape(buf, c);
        } else {
            buf.push(c);
        }
    }
    buf.push('>');
}

fn push_blank(buf: &mut String, b: u32) {
    buf.push_str("_:b");
    buf.push_str(&b.to_string());
}

fn push_pretty_iri(buf: &mut String, iri: &str) {
    match compact(iri) {
        Some((prefix, local)) => {
            match prefix {
                Prefix::Vocab(i) => buf.push_str(PREFIXES.get(i).map_or("", |(name, _)| name)),
                Prefix::Kind(kind) => buf.push_str(kind),
            }
            buf.push(':');
            buf.push_str(local);
        }
        None => push_full_iri(buf, iri),
    }
}

fn push_pretty_node(buf: &mut String, n: &Node) {
    match n {
        Node::Iri(i) => push_pretty_iri(buf, i),
        Node::Blank(b) => push_blank(buf, *b),
    }
}

fn push_pretty_obj(buf: &mut String, o: &Obj) {
    match o {
        Obj::Iri(i) => push_pretty_iri(buf, i),
        Obj::Blank(b) => push_blank(buf, *b),
        Obj::Lit(l) => match lit_form(l) {
            LitForm::Bare => buf.push_str(&l.value),
            LitForm::Plain => push_quoted(buf, &l.value),
            LitForm::Lang => {
                push_quoted(buf, &l.value);
                buf.push('@');
                buf.push_str(l.lang.as_deref().unwrap_or_default());
            }
            LitForm::Typed => {
                push_quoted(buf, &l.value);
                buf.push_str("^^");
                push_pretty_iri(buf, &l.datatype);
            }
        },
    }
}

/// N-Triples form of a subject; blank nodes as `[]` when `labels` is false (for signatures).
fn push_nt_node(buf: &mut String, n: &Node, labels: bool) {
    match n {
        Node::Iri(i) => push_full_iri(buf, i),
        Node::Blank(b) if labels => push_blank(buf, *b),
        Node::Blank(_) => buf.push_str("[]"),
    }
}

fn push_nt_obj(buf: &mut String, o: &Obj, labels: bool) {
    match o {
        Obj::Iri(i) => push_full_iri(buf, i),
        Obj::Blank(b) if labels => push_blank(buf, *b),
        Obj::Blank(_) => buf.push_str("[]"),
        Obj::Lit(l) => {
            push_quoted(buf, &l.value);
            if let Some(lang) = &l.lang {
                buf.push('@');
                buf.push_str(lang);
            } else if !matches!(lit_form(l), LitForm::Plain) {
                buf.push_str("^^");
                push_full_iri(buf, &l.datatype);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Turtle and TriG
// ---------------------------------------------------------------------------------------------

/// Predicate sort ranks, indexed like [`Data::preds`]: `rdf:type`, `rdfs:label`, then the rest
/// alphabetically by how they are written.
fn predicate_ranks(data: &Data) -> Vec<u32> {
    let rdf_type = format!("{RDF}type");
    let rdfs_label = format!("{RDFS}label");
    let mut keyed: Vec<(u8, String, usize)> = data
        .preds
        .iter()
        .enumerate()
        .map(|(i, iri)| {
            let class = if **iri == *rdf_type {
                0
            } else if **iri == *rdfs_label {
                1
            } else {
                2
            };
            let mut written = String::new();
            push_pretty_iri(&mut written, iri);
            (class, written, i)
        })
        .collect();
    keyed.sort_unstable_by(|a, b| {
        (a.0, &a.1, data.preds.get(a.2)).cmp(&(b.0, &b.1, data.preds.get(b.2)))
    });
    let mut ranks = vec![0u32; data.preds.len()];
    for (rank, (_, _, i)) in keyed.into_iter().enumerate() {
        if let Some(slot) = ranks.get_mut(i) {
            *slot = u32::try_from(rank).unwrap_or(u32::MAX);
        }
    }
    ranks
}

/// The graph a quad is written in: its named graph in TriG, the default graph otherwise.
fn graph_of(q: &Q, trig: bool) -> Option<&Node> {
    match &q.g {
        Graph::Named(g) if trig => Some(g),
        _ => None,
    }
}

/// The sort position of every IRI of [`Data::iris`] (by string), found by the address of the
/// interned string, and each IRI as Turtle writes it.
struct IriTable<'d> {
    sorted: Vec<&'d Iri>,
    rank: FxHashMap<usize, u32>,
    pretty: Vec<String>,
}

impl<'d> IriTable<'d> {
    fn new(data: &'d Data) -> Self {
        let mut sorted: Vec<&Iri> = data.iris.iter().collect();
        sorted.par_sort_unstable();
        let rank = sorted
            .iter()
            .enumerate()
            .map(|(r, i)| (address(i), u32::try_from(r).unwrap_or(u32::MAX)))
            .collect();
        let pretty = sorted
            .par_iter()
            .map(|i| {
                let mut buf = String::new();
                push_pretty_iri(&mut buf, i);
                buf
            })
            .collect();
        IriTable {
            sorted,
            rank,
            pretty,
        }
    }

    fn len(&self) -> u32 {
        u32::try_from(self.sorted.len()).unwrap_or(u32::MAX)
    }

    /// The rank of an interned IRI; one that was not interned (there is none) is looked up by
    /// its string.
    fn rank(&self, iri: &Iri) -> u32 {
        match self.rank.get(&address(iri)) {
            Some(&r) => r,
            None => {
                let r = self
                    .sorted
                    .binary_search_by(|probe| probe.as_ref().cmp(iri.as_ref()))
                    .unwrap_or_else(|at| at);
                u32::try_from(r).unwrap_or(u32::MAX)
            }
        }
    }

    /// Sort key of a subject or graph name: IRIs by string, then blank nodes by rank.
    fn node(&self, n: &Node) -> u32 {
        match n {
            Node::Iri(i) => self.rank(i),
            Node::Blank(b) => self.len().saturating_add(*b),
        }
    }

    /// Sort key of an object; literals all get [`LITERAL`] and are compared by value after.
    fn obj(&self, o: &Obj) -> u32 {
        match o {
            Obj::Iri(i) => self.rank(i),
            Obj::Blank(b) => self.len().saturating_add(*b),
            Obj::Lit(_) => LITERAL,
        }
    }

    fn push_node(&self, buf: &mut String, key: u32, n: &Node) {
        match self.pretty.get(key as usize) {
            Some(written) if matches!(n, Node::Iri(_)) => buf.push_str(written),
            _ => push_pretty_node(buf, n),
        }
    }

    fn push_obj(&self, buf: &mut String, key: u32, o: &Obj) {
        match self.pretty.get(key as usize) {
            Some(written) if matches!(o, Obj::Iri(_)) => buf.push_str(written),
            _ => push_pretty_obj(buf, o),
        }
    }
}

const LITERAL: u32 = u32::MAX;

fn address(iri: &Iri) -> usize {
    Arc::as_ptr(iri) as *const u8 as usize
}

/// A quad with its sort keys: graph (0 for the default graph, and for all in Turtle), subject,
/// predicate and object.
struct Keyed<'q> {
    g: u32,
    s: u32,
    p: u32,
    o: u32,
    q: &'q Q,
}

impl Keyed<'_> {
    fn same_node(&self, other: &Keyed<'_>) -> bool {
        (self.g, self.s, self.p, self.o) == (other.g, other.s, other.p, other.o)
            && (self.o != LITERAL || self.q.o == other.q.o)
    }
}

/// How many quads one formatting task writes at least (it ends at a subject's last quad).
const FORMAT_BATCH: usize = 16_384;

fn write_pretty(
    data: &Data,
    quads: Vec<&Q>,
    trig: bool,
    w: &mut dyn Write,
) -> Result<usize, ExportError> {
    let ranks = predicate_ranks(data);
    let table = IriTable::new(data);
    let mut keyed: Vec<Keyed<'_>> = quads
        .par_iter()
        .map(|q| Keyed {
            g: match graph_of(q, trig) {
                Some(g) => table.node(g).saturating_add(1),
                None => 0,
            },
            s: table.node(&q.s),
            p: ranks.get(q.p as usize).copied().unwrap_or(u32::MAX),
            o: table.obj(&q.o),
            q,
        })
        .collect();
    drop(quads);
    keyed.par_sort_unstable_by(|a, b| {
        (a.g, a.s, a.p, a.o)
            .cmp(&(b.g, b.s, b.p, b.o))
            .then_with(|| {
                if a.o == LITERAL {
                    a.q.o.cmp(&b.q.o)
                } else {
                    std::cmp::Ordering::Equal
                }
            })
    });
    keyed.dedup_by(|a, b| a.same_node(b));

    let rdf_type = format!("{RDF}type");
    let mut used = UsedPrefixes::new();
    let mut used_iris = vec![false; table.sorted.len()];
    let mut mark = |key: u32| {
        if let Some(slot) = used_iris.get_mut(key as usize) {
            *slot = true;
        }
    };
    // each predicate's IRI rank, none for rdf:type (written `a`)
    let pred_keys: Vec<Option<u32>> = data
        .preds
        .iter()
        .map(|p| (**p != *rdf_type).then(|| table.rank(p)))
        .collect();
    for k in &keyed {
        if k.g > 0 {
            mark(k.g - 1);
        }
        mark(k.s);
        if let Some(&Some(p)) = pred_keys.get(k.q.p as usize) {
            mark(p);
        }
        match &k.q.o {
            Obj::Lit(l) => {
                if let LitForm::Typed = lit_form(l) {
                    used.note(&l.datatype);
                }
            }
            _ => mark(k.o),
        }
    }
    for (iri, _) in table.sorted.iter().zip(&used_iris).filter(|(_, u)| **u) {
        used.note(iri);
    }
    let has_prefixes = used.write(w)?;
    let preds: Vec<String> = data
        .preds
        .iter()
        .map(|p| {
            let mut buf = String::new();
            push_predicate(&mut buf, p, &rdf_type);
            buf
        })
        .collect();

    let mut start = 0;
    let mut first_graph = true;
    while start < keyed.len() {
        let g = keyed.get(start).map_or(0, |k| k.g);
        let end = start
            + keyed
                .get(start..)
                .unwrap_or_default()
                .iter()
                .take_while(|k| k.g == g)
                .count();
        let block = keyed.get(start..end).unwrap_or_default();
        if has_prefixes || !first_graph {
            w.write_all(b"\n")?;
        }
        first_graph = false;
        let indent = match block.first().and_then(|k| graph_of(k.q, trig)) {
            None => "",
            Some(name) => {
                let mut buf = String::from("GRAPH ");
                table.push_node(&mut buf, g.saturating_sub(1), name);
                buf.push_str(" {\n");
                w.write_all(buf.as_bytes())?;
                "    "
            }
        };
        // Cut the block into batches that end where a subject ends; format them in parallel.
        let mut batches: Vec<&[Keyed<'_>]> = Vec::new();
        let mut rest = block;
        while !rest.is_empty() {
            let mut cut = FORMAT_BATCH.min(rest.len());
            while cut < rest.len() && rest.get(cut).map(|k| k.s) == rest.get(cut - 1).map(|k| k.s) {
                cut += 1;
            }
            let (head, tail) = rest.split_at(cut);
            batches.push(head);
            rest = tail;
        }
        // A few batches per thread at a time, so the text in memory stays small.
        let window = rayon::current_num_threads().max(1) * 4;
        for (n, group) in batches.chunks(window).enumerate() {
            let written: Vec<String> = group
                .par_iter()
                .map(|batch| write_subjects(&table, &preds, batch, indent))
                .collect();
            for (i, text) in written.iter().enumerate() {
                if n > 0 || i > 0 {
                    w.write_all(b"\n")?;
                }
                w.write_all(text.as_bytes())?;
            }
        }
        if !indent.is_empty() {
            w.write_all(b"}\n")?;
        }
        start = end.max(start + 1);
    }
    Ok(keyed.len())
}

/// Writes sorted triples of one graph, one block per subject, blank lines between blocks.
fn write_subjects(
    table: &IriTable<'_>,
    preds: &[String],
    quads: &[Keyed<'_>],
    indent: &str,
) -> String {
    let mut buf = String::new();
    let pred = |k: &Keyed<'_>| preds.get(k.q.p as usize).map_or("", String::as_str);
    let mut prev: Option<&Keyed<'_>> = None;
    for k in quads {
        match prev {
            Some(p) if p.s == k.s && p.p == k.p => {
                buf.push_str(",\n");
                buf.push_str(indent);
                buf.push_str("        ");
            }
            Some(p) if p.s == k.s => {
                buf.push_str(" ;\n");
                buf.push_str(indent);
                buf.push_str("    ");
                buf.push_str(pred(k));
                buf.push(' ');
            }
            _ => {
                if prev.is_some() {
                    buf.push_str(" .\n\n");
                }
                buf.push_str(indent);
                table.push_node(&mut buf, k.s, &k.q.s);
                buf.push(' ');
                buf.push_str(pred(k));
                buf.push(' ');
            }
        }
        table.push_obj(&mut buf, k.o, &k.q.o);
        prev = Some(k);
    }
    if prev.is_some() {
        buf.push_str(" .\n");
    }
    buf
}

fn push_predicate(buf: &mut String, p: &str, rdf_type: &str) {
    if p == rdf_type {
        buf.push('a');
    } else {
        push_pretty_iri(buf, p);
    }
}

// ---------------------------------------------------------------------------------------------
// N-Triples, N-Quads, JSON-LD
// ---------------------------------------------------------------------------------------------

fn write_lines(
    data: &Data,
    quads: &[&Q],
    with_graph: bool,
    w: &mut dyn Write,
) -> Result<usize, ExportError> {
    let mut lines: Vec<String> = quads
        .iter()
        .map(|q| {
            let mut line = String::new();
            push_nt_node(&mut line, &q.s, true);
            line.push(' ');
            push_full_iri(&mut line, data.pred(q.p));
            line.push(' ');
            push_nt_obj(&mut line, &q.o, true);
            if let (true, Graph::Named(g)) = (with_graph, &q.g) {
                line.push(' ');
                push_nt_node(&mut line, g, true);
            }
            line.push_str(" .\n");
            line
        })
        .collect();
    lines.sort_unstable();
    lines.dedup();
    for line in &lines {
        w.write_all(line.as_bytes())?;
    }
    Ok(lines.len())
}

fn to_oxigraph_node(n: &Node) -> NamedOrBlankNode {
    match n {
        Node::Iri(i) => NamedNode::new_unchecked(i.to_string()).into(),
        Node::Blank(b) => BlankNode::new_unchecked(format!("b{b}")).into(),
    }
}

fn to_oxigraph_quad(data: &Data, q: &Q) -> Quad {
    let object: Term = match &q.o {
        Obj::Iri(i) => NamedNode::new_unchecked(i.to_string()).into(),
        Obj::Blank(b) => BlankNode::new_unchecked(format!("b{b}")).into(),
        Obj::Lit(l) => match &l.lang {
            Some(lang) => Literal::new_language_tagged_literal_unchecked(&*l.value, &**lang).into(),
            None => Literal::new_typed_literal(
                &*l.value,
                NamedNode::new_unchecked(l.datatype.to_string()),
            )
            .into(),
        },
    };
    let graph = match &q.g {
        Graph::Default => GraphName::DefaultGraph,
        Graph::Named(n) => match to_oxigraph_node(n) {
            NamedOrBlankNode::NamedNode(n) => GraphName::NamedNode(n),
            NamedOrBlankNode::BlankNode(b) => GraphName::BlankNode(b),
        },
    };
    Quad::new(
        to_oxigraph_node(&q.s),
        NamedNode::new_unchecked(data.pred(q.p).to_string()),
        object,
        graph,
    )
}

fn write_jsonld(data: &Data, mut quads: Vec<&Q>, w: &mut dyn Write) -> Result<usize, ExportError> {
    quads.sort_unstable_by(|a, b| {
        (&a.g, &a.s, data.pred(a.p), &a.o).cmp(&(&b.g, &b.s, data.pred(b.p), &b.o))
    });
    quads.dedup();
    let mut serializer = RdfSerializer::from_format(RdfFormat::JsonLd {
        profile: JsonLdProfileSet::empty(),
    })
    .for_writer(w);
    for q in &quads {
        serializer.serialize_quad(&to_oxigraph_quad(data, q))?;
    }
    serializer.finish()?;
    Ok(quads.len())
}

// ---------------------------------------------------------------------------------------------
// The entity/event view: DOT and `around`
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum NodeKind {
    Event,
    State,
    ArmedGroup,
    Organization,
    Person,
    Place,
    Actor,
}

impl NodeKind {
    /// In priority order: a State is also a Place, a Person is also an Actor.
    const BY_PRIORITY: [(NodeKind, &'static str); 9] = [
        (NodeKind::Event, term::EVENT),
        (NodeKind::State, term::STATE),
        (NodeKind::ArmedGroup, term::ARMED_GROUP),
        (NodeKind::Organization, term::ORGANIZATION),
        (NodeKind::Person, term::PERSON),
        (NodeKind::Place, term::PLACE),
        (NodeKind::Place, term::CITY),
        (NodeKind::Place, term::REGION),
        (NodeKind::Actor, term::ACTOR),
    ];

    fn shape(self) -> &'static str {
        match self {
            NodeKind::Event => "diamond",
            NodeKind::State => "box",
            NodeKind::ArmedGroup => "octagon",
            NodeKind::Organization => "component",
            NodeKind::Person | NodeKind::Actor => "ellipse",
            NodeKind::Place => "house",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum EdgeStyle {
    Fact,
    Claimed,
    Denied,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Edge {
    from: Node,
    to: Node,
    label: String,
    style: EdgeStyle,
}

/// Roles of the predicates the view reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Type,
    Label,
    AltLabel,
    SubClassOf,
    Date,
    StmtSubject,
    StmtPredicate,
    StmtObject,
    Claimant,
    Stance,
    Casualties,
    Document,
    OtherCkg,
    Other,
}

fn roles(data: &Data) -> Vec<Role> {
    let table: [(String, Role); 12] = [
        (format!("{RDF}type"), Role::Type),
        (format!("{RDFS}label"), Role::Label),
        (format!("{SKOS}altLabel"), Role::AltLabel),
        (format!("{RDFS}subClassOf"), Role::SubClassOf),
        (format!("{CKG}{}", term::DATE), Role::Date),
        (format!("{RDF}subject"), Role::StmtSubject),
        (format!("{RDF}predicate"), Role::StmtPredicate),
        (format!("{RDF}object"), Role::StmtObject),
        (format!("{CKG}{}", term::CLAIMANT), Role::Claimant),
        (format!("{CKG}{}", term::STANCE), Role::Stance),
        (format!("{CKG}{}", term::CASUALTIES_P), Role::Casualties),
        (format!("{CKG}{}", term::DOCUMENT_P), Role::Document),
    ];
    data.preds
        .iter()
        .map(|p| {
            table
                .iter()
                .find(|(iri, _)| **p == **iri)
                .map(|(_, role)| *role)
                .unwrap_or(if p.starts_with(CKG) {
                    Role::OtherCkg
                } else {
                    Role::Other
                })
        })
        .collect()
}

/// What the view needs to know of one subject.
#[derive(Default)]
struct Props<'a> {
    types: Vec<&'a str>,
    labels: Vec<&'a Lit>,
    alt_labels: Vec<&'a Lit>,
    dates: Vec<&'a Lit>,
    stmt_subjects: Vec<&'a Obj>,
    stmt_predicates: Vec<&'a str>,
    stmt_objects: Vec<&'a Obj>,
    claimants: Vec<&'a Obj>,
    stances: Vec<&'a str>,
}

struct NodeInfo {
    kind: NodeKind,
    label: String,
}

/// Entities and events (nodes), `ckg:` relations and claims between them (edges).
struct View {
    nodes: BTreeMap<Node, NodeInfo>,
    edges: BTreeSet<Edge>,
    /// Lower-cased `rdfs:label`s and `skos:altLabel`s of the nodes.
    labels: Vec<(String, Node)>,
    alt_labels: Vec<(String, Node)>,
    /// Claim and Evidence-like nodes (anything with `rdf:subject`), sorted.
    statements: Vec<Statement>,
    roles: Vec<Role>,
}

/// A reified statement (evidence or claim) and the nodes it is about.
struct Statement {
    node: Node,
    subjects: Vec<Node>,
    objects: Vec<Node>,
    is_claim: bool,
}

/// Superclasses from `rdfs:subClassOf` in the data plus the contract's built-in hierarchy.
struct Classes {
    supers: HashMap<String, Vec<String>>,
}

impl Classes {
    fn ancestors(&self, class: &str) -> HashSet<String> {
        let mut seen = HashSet::new();
        let mut queue = VecDeque::from([class.to_string()]);
        while let Some(c) = queue.pop_front() {
            if let Some(supers) = self.supers.get(&c) {
                queue.extend(supers.iter().filter(|s| !seen.contains(*s)).cloned());
            }
            seen.insert(c);
        }
        seen
    }
}

impl View {
    fn build(data: &Data) -> View {
        let roles = roles(data);
        let role = |p: u32| roles.get(p as usize).copied().unwrap_or(Role::Other);

        let mut supers: HashMap<String, Vec<String>> = HashMap::new();
        for (sub, sup) in EVENT_CLASSES {
            supers
                .entry(format!("{CKG}{sub}"))
                .or_default()
                .push(format!("{CKG}{sup}"));
        }
        for sub in [term::CITY, term::REGION] {
            supers
                .entry(format!("{CKG}{sub}"))
                .or_default()
                .push(format!("{CKG}{}", term::PLACE));
        }
        let mut props: HashMap<&Node, Props<'_>> = HashMap::new();
        for q in &data.quads {
            match role(q.p) {
                Role::SubClassOf => {
                    if let (Node::Iri(sub), Some(sup)) = (&q.s, q.o.iri()) {
                        supers.entry(sub.to_string()).or_default().push(sup.into());
                    }
                }
                Role::Type => {
                    if let Some(t) = q.o.iri() {
                        props.entry(&q.s).or_default().types.push(t);
                    }
                }
                Role::Label => {
                    if let Some(l) = q.o.lit() {
                        props.entry(&q.s).or_default().labels.push(l);
                    }
                }
                Role::AltLabel => {
                    if let Some(l) = q.o.lit() {
                        props.entry(&q.s).or_default().alt_labels.push(l);
                    }
                }
                Role::Date => {
                    if let Some(l) = q.o.lit() {
                        props.entry(&q.s).or_default().dates.push(l);
                    }
                }
                Role::StmtSubject => props.entry(&q.s).or_default().stmt_subjects.push(&q.o),
                Role::StmtPredicate => {
                    if let Some(p) = q.o.iri() {
                        props.entry(&q.s).or_default().stmt_predicates.push(p);
                    }
                }
                Role::StmtObject => props.entry(&q.s).or_default().stmt_objects.push(&q.o),
                Role::Claimant => props.entry(&q.s).or_default().claimants.push(&q.o),
                Role::Stance => {
                    if let Some(s) = q.o.iri() {
                        props.entry(&q.s).or_default().stances.push(s);
                    }
                }
                Role::Casualties | Role::Document | Role::OtherCkg | Role::Other => {}
            }
        }
        let classes = Classes { supers };
        let mut ancestor_cache: HashMap<&str, HashSet<String>> = HashMap::new();
        let skipped: Vec<String> = [
            term::EVIDENCE,
            term::CLAIM,
            term::CASUALTIES,
            term::DOCUMENT,
        ]
        .iter()
        .map(|c| format!("{CKG}{c}"))
        .chain([format!("{RDF}Statement")])
        .collect();
        let claim_class = format!("{CKG}{}", term::CLAIM);
        let event_class = format!("{CKG}{}", term::EVENT);

        let mut nodes = BTreeMap::new();
        let mut claims: HashSet<&Node> = HashSet::new();
        for (&subject, p) in &props {
            let mut all: HashSet<String> = HashSet::new();
            for &t in &p.types {
                let anc = ancestor_cache
                    .entry(t)
                    .or_insert_with(|| classes.ancestors(t));
                all.extend(anc.iter().cloned());
            }
            if all.contains(&claim_class) {
                claims.insert(subject);
            }
            if skipped.iter().any(|c| all.contains(c)) {
                continue;
            }
            let Some(kind) = NodeKind::BY_PRIORITY
                .iter()
                .find(|(_, class)| all.contains(&format!("{CKG}{class}")))
                .map(|(kind, _)| *kind)
            else {
                continue;
            };
            let label = if kind == NodeKind::Event {
                event_label(
                    &p.types,
                    &p.dates,
                    &event_class,
                    &mut ancestor_cache,
                    &classes,
                )
            } else {
                best_label(&p.labels).unwrap_or_else(|| iri_tail(subject))
            };
            nodes.insert(subject.clone(), NodeInfo { kind, label });
        }

        let mut labels = Vec::new();
        let mut alt_labels = Vec::new();
        for node in nodes.keys() {
            if let Some(p) = props.get(node) {
                labels.extend(
                    p.labels
                        .iter()
                        .map(|l| (l.value.to_lowercase(), node.clone())),
                );
                alt_labels.extend(
                    p.alt_labels
                        .iter()
                        .map(|l| (l.value.to_lowercase(), node.clone())),
                );
            }
        }

        let mut edges = BTreeSet::new();
        for q in &data.quads {
            if !matches!(
                role(q.p),
                Role::OtherCkg | Role::Claimant | Role::Casualties | Role::Document
            ) {
                continue;
            }
            let Some(to) = q.o.node() else { continue };
            if nodes.contains_key(&q.s) && nodes.contains_key(&to) {
                edges.insert(Edge {
                    from: q.s.clone(),
                    to,
                    label: short_name(data.pred(q.p)),
                    style: EdgeStyle::Fact,
                });
            }
        }

        let denied = format!("{CKG}{}", term::DENIED);
        let mut statements = Vec::new();
        for (&subject, p) in &props {
            if p.stmt_subjects.is_empty() {
                continue;
            }
            let about: Vec<Node> = p.stmt_subjects.iter().filter_map(|o| o.node()).collect();
            let objects: Vec<Node> = p.stmt_objects.iter().filter_map(|o| o.node()).collect();
            let is_claim = claims.contains(subject);
            if is_claim {
                let style = if p.stances.iter().any(|s| **s == *denied) {
                    EdgeStyle::Denied
                } else {
                    EdgeStyle::Claimed
                };
                let verb = if style == EdgeStyle::Denied {
                    "denied"
                } else {
                    "claimed"
                };
                let mut claimants: Vec<String> = p
                    .claimants
                    .iter()
                    .map(|c| match c.node() {
                        Some(n) => match nodes.get(&n) {
                            Some(info) => info.label.clone(),
                            None => props
                                .get(&n)
                                .and_then(|cp| best_label(&cp.labels))
                                .unwrap_or_else(|| iri_tail(&n)),
                        },
                        None => c.lit().map(|l| l.value.to_string()).unwrap_or_default(),
                    })
                    .collect();
                claimants.sort_unstable();
                claimants.dedup();
                let mut predicates: Vec<String> =
                    p.stmt_predicates.iter().map(|p| short_name(p)).collect();
                predicates.sort_unstable();
                predicates.dedup();
                let predicate = predicates.join(", ");
                let label = if claimants.is_empty() {
                    format!("{predicate} ({verb})")
                } else {
                    format!("{predicate} ({verb} by {})", claimants.join(", "))
                };
                for from in about.iter().filter(|n| nodes.contains_key(*n)) {
                    for to in objects.iter().filter(|n| nodes.contains_key(*n)) {
                        edges.insert(Edge {
                            from: from.clone(),
                            to: to.clone(),
                            label: label.clone(),
                            style,
                        });
                    }
                }
            }
            statements.push(Statement {
                node: subject.clone(),
                subjects: about,
                objects,
                is_claim,
            });
        }
        statements.sort_unstable_by(|a, b| a.node.cmp(&b.node));

        View {
            nodes,
            edges,
            labels,
            alt_labels,
            statements,
            roles,
        }
    }

    /// The node `name` designates: an IRI (bare or in `<>`), a prefixed name as written by the
    /// Turtle export, else a unique `rdfs:label`, else a unique `skos:altLabel`.
    fn resolve(&self, name: &str) -> Result<Node, ExportError> {
        let wanted = name.trim();
        let iri = wanted
            .strip_prefix('<')
            .and_then(|s| s.strip_suffix('>'))
            .unwrap_or(wanted);
        for node in self.nodes.keys() {
            if let Node::Iri(i) = node {
                let mut written = String::new();
                push_pretty_iri(&mut written, i);
                if **i == *iri || written == wanted {
                    return Ok(node.clone());
                }
            }
        }
        let lower = wanted.to_lowercase();
        for names in [&self.labels, &self.alt_labels] {
            let found: BTreeSet<&Node> = names
                .iter()
                .filter(|(l, _)| *l == lower)
                .map(|(_, n)| n)
                .collect();
            let mut found = found.into_iter();
            match (found.next(), found.next()) {
                (Some(one), None) => return Ok(one.clone()),
                (Some(a), Some(b)) => {
                    let candidates = [a, b]
                        .into_iter()
                        .chain(found)
                        .map(node_id)
                        .collect::<Vec<_>>();
                    return Err(ExportError::AmbiguousEntity {
                        name: wanted.to_string(),
                        candidates,
                    });
                }
                _ => {}
            }
        }
        Err(ExportError::UnknownEntity(wanted.to_string()))
    }

    /// Nodes within `depth` hops of `start`, edges followed in both directions.
    fn neighbourhood(&self, start: &Node, depth: usize) -> BTreeSet<Node> {
        let mut adjacent: HashMap<&Node, Vec<&Node>> = HashMap::new();
        for e in &self.edges {
            adjacent.entry(&e.from).or_default().push(&e.to);
            adjacent.entry(&e.to).or_default().push(&e.from);
        }
        let mut seen: BTreeSet<Node> = BTreeSet::from([start.clone()]);
        let mut frontier = vec![start];
        for _ in 0..depth {
            let mut next = Vec::new();
            for n in frontier {
                for &m in adjacent.get(n).map(Vec::as_slice).unwrap_or_default() {
                    if seen.insert(m.clone()) {
                        next.push(m);
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
        seen
    }

    /// The subjects whose triples an RDF export `around` an entity keeps: the neighbourhood,
    /// its casualty nodes, evidence and claims about them, and the documents these cite.
    fn subjects_around(&self, data: &Data, around: &BTreeSet<Node>) -> HashSet<Node> {
        let role = |p: u32| self.roles.get(p as usize).copied().unwrap_or(Role::Other);
        let mut keep: HashSet<Node> = around.iter().cloned().collect();
        for q in &data.quads {
            if role(q.p) == Role::Casualties && around.contains(&q.s) {
                if let Some(n) = q.o.node() {
                    keep.insert(n);
                }
            }
        }
        for st in &self.statements {
            if st.subjects.iter().any(|n| keep.contains(n))
                || (st.is_claim && st.objects.iter().any(|n| around.contains(n)))
            {
                keep.insert(st.node.clone());
            }
        }
        let documents: Vec<Node> = data
            .quads
            .iter()
            .filter(|q| role(q.p) == Role::Document && keep.contains(&q.s))
            .filter_map(|q| q.o.node())
            .collect();
        keep.extend(documents);
        keep
    }

    fn write_dot(&self, keep: Option<&BTreeSet<Node>>, w: &mut dyn Write) -> io::Result<usize> {
        let kept = |n: &Node| keep.is_none_or(|k| k.contains(n));
        w.write_all(
            b"digraph conflictkg {\n    \
              graph [rankdir=LR];\n    \
              node [fontname=\"Helvetica\", fontsize=11];\n    \
              edge [fontname=\"Helvetica\", fontsize=9];\n",
        )?;
        let mut buf = String::new();
        for (node, info) in self.nodes.iter().filter(|(n, _)| kept(n)) {
            buf.clear();
            buf.push_str("    ");
            push_dot_string(&mut buf, &node_id(node));
            buf.push_str(" [label=");
            push_dot_string(&mut buf, &info.label);
            buf.push_str(", shape=");
            buf.push_str(info.kind.shape());
            buf.push_str("];\n");
            w.write_all(buf.as_bytes())?;
        }
        let mut count = 0;
        for e in self.edges.iter().filter(|e| kept(&e.from) && kept(&e.to)) {
            buf.clear();
            buf.push_str("    ");
            push_dot_string(&mut buf, &node_id(&e.from));
            buf.push_str(" -> ");
            push_dot_string(&mut buf, &node_id(&e.to));
            buf.push_str(" [label=");
            push_dot_string(&mut buf, &e.label);
            buf.push_str(match e.style {
                EdgeStyle::Fact => "];\n",
                EdgeStyle::Claimed => ", style=dashed];\n",
                EdgeStyle::Denied => ", style=dashed, color=red, fontcolor=red];\n",
            });
            w.write_all(buf.as_bytes())?;
            count += 1;
        }
        w.write_all(b"}\n")?;
        Ok(count)
    }
}

/// "Airstrike\n2025-10-09": the event's most specific event classes and its earliest date.
fn event_label<'a>(
    types: &[&'a str],
    dates: &[&Lit],
    event_class: &str,
    cache: &mut HashMap<&'a str, HashSet<String>>,
    classes: &Classes,
) -> String {
    let event_types: BTreeSet<&str> = types
        .iter()
        .copied()
        .filter(|t| t.starts_with(CKG))
        .filter(|&t| {
            cache
                .entry(t)
                .or_insert_with(|| classes.ancestors(t))
                .contains(event_class)
        })
        .collect();
    let specific: Vec<&str> = event_types
        .iter()
        .copied()
        .filter(|t| {
            !event_types
                .iter()
                .any(|other| other != t && cache.get(other).is_some_and(|anc| anc.contains(*t)))
        })
        .collect();
    let mut label = specific
        .iter()
        .map(|t| t.strip_prefix(CKG).unwrap_or(t))
        .collect::<Vec<_>>()
        .join("/");
    if label.is_empty() {
        label.push_str(term::EVENT);
    }
    if let Some(date) = dates.iter().map(|d| &*d.value).min() {
        label.push('\n');
        label.push_str(date);
    }
    label
}

/// The `rdfs:label` to show: English, then untagged, then any; the smallest among equals.
fn best_label(labels: &[&Lit]) -> Option<String> {
    labels
        .iter()
        .min_by_key(|l| {
            let rank = match l.lang.as_deref() {
                Some("en") => 0,
                None => 1,
                Some(_) => 2,
            };
            (rank, &l.value)
        })
        .map(|l| l.value.to_string())
}

/// The last segment of an IRI, for nodes without a label.
fn iri_tail(n: &Node) -> String {
    match n {
        Node::Iri(i) => i
            .rsplit(['/', '#'])
            .find(|s| !s.is_empty())
            .unwrap_or(i)
            .to_string(),
        Node::Blank(b) => format!("_:b{b}"),
    }
}

/// A predicate as an edge label: the local name of a `ckg:` term, else a prefixed name or IRI.
fn short_name(iri: &str) -> String {
    if let Some(local) = iri.strip_prefix(CKG) {
        if !local.is_empty() {
            return local.to_string();
        }
    }
    let mut s = String::new();
    push_pretty_iri(&mut s, iri);
    s
}

fn node_id(n: &Node) -> String {
    match n {
        Node::Iri(i) => i.to_string(),
        Node::Blank(b) => format!("_:b{b}"),
    }
}

/// A DOT double-quoted string; newlines become `\n` line breaks in labels.
fn push_dot_string(buf: &mut String, s: &str) {
    buf.push('"');
    for c in s.chars() {
        match c {
            '"' => buf.push_str("\\\""),
            '\\' => buf.push_str("\\\\"),
            '\n' => buf.push_str("\\n"),
            c if c.is_control() => buf.push(' '),
            c => buf.push(c),
        }
    }
    buf.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::RdfParser;
    use std::collections::HashSet;

    fn iri(s: &str) -> NamedNode {
        NamedNode::new(s).expect("test IRI")
    }
    fn ckg(local: &str) -> NamedNode {
        iri(&format!("{CKG}{local}"))
    }
    fn id(path: &str) -> NamedNode {
        iri(&format!("{ID}{path}"))
    }
    fn rdf(local: &str) -> NamedNode {
        iri(&format!("{RDF}{local}"))
    }
    fn rdfs(local: &str) -> NamedNode {
        iri(&format!("{RDFS}{local}"))
    }
    fn xsd(local: &str) -> NamedNode {
        iri(&format!("{XSD}{local}"))
    }
    fn en(s: &str) -> Term {
        Literal::new_language_tagged_literal(s, "en")
            .expect("tag")
            .into()
    }
    fn typed(v: &str, dt: &str) -> Term {
        Literal::new_typed_literal(v, xsd(dt)).into()
    }
    fn quad(s: NamedNode, p: NamedNode, o: impl Into<Term>) -> Quad {
        Quad::new(s, p, o, GraphName::DefaultGraph)
    }

    /// A small conflict graph: TTP's leader, Pakistan, Afghanistan, Kabul, an airstrike with
    /// casualties, evidence, a claim and a document.
    fn sample() -> Vec<Quad> {
        let ttp = id("group/ttp");
        let noor = id("person/noor-wali-mehsud");
        let pak = id("state/pakistan");
        let afg = id("state/afghanistan");
        let kabul = id("place/kabul");
        let strike = id("event/2025-10-09-kabul-airstrike");
        let cas = id("casualties/2025-10-09-kabul-airstrike-1");
        let doc = id("doc/3f2a9c");
        let ev = id("evidence/3f2a9c-1");
        let claim = id("claim/3f2a9c-2");
        vec![
            quad(noor.clone(), rdf("type"), ckg(term::PERSON)),
            quad(noor.clone(), rdfs("label"), en("Noor Wali Mehsud")),
            quad(
                noor.clone(),
                iri(&format!("{SKOS}altLabel")),
                en("Noor Wali Masood"),
            ),
            quad(noor.clone(), ckg("leaderOf"), ttp.clone()),
            quad(
                noor.clone(),
                ckg(term::TITLE),
                Literal::new_simple_literal("emir"),
            ),
            quad(ttp.clone(), rdf("type"), ckg(term::ARMED_GROUP)),
            quad(ttp.clone(), rdfs("label"), en("Tehrik-i-Taliban Pakistan")),
            quad(ttp.clone(), iri(&format!("{SKOS}altLabel")), en("TTP")),
            quad(ttp.clone(), ckg("operatesIn"), kabul.clone()),
            quad(pak.clone(), rdf("type"), ckg(term::STATE)),
            quad(pak.clone(), rdfs("label"), en("Pakistan")),
            quad(afg.clone(), rdf("type"), ckg(term::STATE)),
            quad(afg.clone(), rdfs("label"), en("Afghanistan")),
            quad(kabul.clone(), rdf("type"), ckg(term::CITY)),
            quad(kabul.clone(), rdfs("label"), en("Kabul")),
            quad(kabul.clone(), ckg("locatedIn"), afg.clone()),
            quad(strike.clone(), rdf("type"), ckg(term::EVENT)),
            quad(strike.clone(), rdf("type"), ckg("Airstrike")),
            quad(strike.clone(), rdf("type"), ckg("Attack")),
            quad(strike.clone(), ckg(term::AGENT), pak.clone()),
            quad(strike.clone(), ckg(term::LOCATION), kabul.clone()),
            quad(strike.clone(), ckg(term::DATE), typed("2025-10-09", "date")),
            quad(strike.clone(), ckg(term::CASUALTIES_P), cas.clone()),
            quad(strike.clone(), ckg(term::DOCUMENT_P), doc.clone()),
            quad(cas.clone(), rdf("type"), ckg(term::CASUALTIES)),
            quad(cas.clone(), ckg(term::VICTIM), afg.clone()),
            quad(cas.clone(), ckg(term::KILLED), typed("12", "integer")),
            quad(cas.clone(), ckg(term::AT_LEAST), typed("true", "boolean")),
            quad(doc.clone(), rdf("type"), ckg(term::DOCUMENT)),
            quad(
                doc.clone(),
                iri(&format!("{}title", crate::vocab::DCTERMS)),
                Literal::new_simple_literal("Strikes"),
            ),
            quad(
                doc.clone(),
                iri(&format!("{}date", crate::vocab::DCTERMS)),
                typed("2025-10", "gYearMonth"),
            ),
            quad(ev.clone(), rdf("type"), ckg(term::EVIDENCE)),
            quad(ev.clone(), rdf("subject"), noor.clone()),
            quad(ev.clone(), rdf("predicate"), ckg("leaderOf")),
            quad(ev.clone(), rdf("object"), ttp.clone()),
            quad(ev.clone(), ckg(term::DOCUMENT_P), doc.clone()),
            quad(ev.clone(), ckg(term::CONFIDENCE), typed("0.9", "decimal")),
            quad(claim.clone(), rdf("type"), ckg(term::CLAIM)),
            quad(claim.clone(), rdf("subject"), afg.clone()),
            quad(claim.clone(), rdf("predicate"), ckg("harbors")),
            quad(claim.clone(), rdf("object"), ttp.clone()),
            quad(claim.clone(), ckg(term::CLAIMANT), pak.clone()),
            quad(claim.clone(), ckg(term::STANCE), ckg(term::ASSERTED)),
            quad(claim.clone(), ckg(term::DOCUMENT_P), doc.clone()),
        ]
    }

    fn store_of(quads: &[Quad]) -> Store {
        let store = Store::new().expect("in-memory store");
        for q in quads {
            store.insert(q).expect("insert");
        }
        store
    }

    fn export_string(
        store: &Store,
        format: ExportFormat,
        around: Option<&str>,
        depth: usize,
    ) -> String {
        let mut out = Vec::new();
        export(store, format, around, depth, &mut out).expect("export");
        String::from_utf8(out).expect("UTF-8 output")
    }

    fn parse(text: &str, format: RdfFormat) -> HashSet<Quad> {
        RdfParser::from_format(format)
            .for_slice(text.as_bytes())
            .collect::<Result<HashSet<_>, _>>()
            .unwrap_or_else(|e| panic!("{e}\n---\n{text}"))
    }

    fn store_set(store: &Store) -> HashSet<Quad> {
        store.iter().collect::<Result<_, _>>().expect("read store")
    }

    #[test]
    fn turtle_parses_back_to_the_same_triples() {
        let store = store_of(&sample());
        let ttl = export_string(&store, ExportFormat::Turtle, None, 0);
        assert_eq!(parse(&ttl, RdfFormat::Turtle), store_set(&store));
    }

    #[test]
    fn turtle_is_byte_identical_across_runs_and_insertion_orders() {
        let quads = sample();
        let a = export_string(&store_of(&quads), ExportFormat::Turtle, None, 0);
        let b = export_string(&store_of(&quads), ExportFormat::Turtle, None, 0);
        let mut reversed = quads.clone();
        reversed.reverse();
        let c = export_string(&store_of(&reversed), ExportFormat::Turtle, None, 0);
        assert_eq!(a, b);
        assert_eq!(a, c);
    }

    #[test]
    fn turtle_layout_is_sorted_with_a_and_label_first() {
        let store = store_of(&sample());
        let ttl = export_string(&store, ExportFormat::Turtle, None, 0);
        assert!(
            ttl.contains(
                "person:noor-wali-mehsud a ckg:Person ;\n    \
                 rdfs:label \"Noor Wali Mehsud\"@en ;\n    \
                 ckg:leaderOf group:ttp ;\n    \
                 ckg:title \"emir\" ;\n    \
                 skos:altLabel \"Noor Wali Masood\"@en .\n"
            ),
            "{ttl}"
        );
        assert!(
            ttl.contains("event:2025-10-09-kabul-airstrike a ckg:Airstrike,\n        ckg:Attack,\n        ckg:Event ;\n"),
            "{ttl}"
        );
        // Subjects sorted by IRI, separated by one blank line.
        let subjects: Vec<&str> = ttl
            .split("\n\n")
            .skip(1)
            .filter_map(|block| block.split(' ').next())
            .collect();
        assert!(subjects.len() > 5);
        assert!(ttl.ends_with(" .\n") && !ttl.contains("\n\n\n"));
    }

    #[test]
    fn only_used_prefixes_are_declared() {
        let store = store_of(&sample());
        let ttl = export_string(&store, ExportFormat::Turtle, None, 0);
        for used in [
            "ckg", "rdfs", "xsd", "skos", "dcterms", "person", "group", "state",
        ] {
            assert!(
                ttl.contains(&format!("@prefix {used}: <")),
                "{used} missing\n{ttl}"
            );
        }
        for unused in ["owl", "prov", "wd", "id"] {
            assert!(
                !ttl.contains(&format!("@prefix {unused}: <")),
                "{unused} declared\n{ttl}"
            );
        }
        assert!(ttl.contains("@prefix person: <https://w3id.org/conflictkg/id/person/> .\n"));
        assert!(
            ttl.starts_with("@prefix ckg: <"),
            "vocabulary prefixes come first"
        );
    }

    #[test]
    fn numbers_and_booleans_are_bare_only_when_canonical() {
        let s = id("casualties/x");
        let quads = vec![
            quad(s.clone(), ckg(term::KILLED), typed("12", "integer")),
            quad(s.clone(), ckg(term::AT_LEAST), typed("true", "boolean")),
            quad(s.clone(), ckg(term::CONFIDENCE), typed("0.9", "decimal")),
            quad(s.clone(), ckg("a1"), typed("012", "integer")),
            quad(s.clone(), ckg("a2"), typed("0.90", "decimal")),
            quad(s.clone(), ckg("a3"), typed("1", "boolean")),
            quad(s.clone(), ckg("a4"), typed("2025-10", "gYearMonth")),
            quad(s.clone(), ckg("a5"), typed("-3", "integer")),
            quad(s.clone(), ckg("a6"), typed("1.5E3", "double")),
        ];
        // Not through a store: Oxigraph stores numbers as values and canonicalises them.
        let mut out = Vec::new();
        export_quads(quads.clone(), ExportFormat::Turtle, None, 0, &mut out).expect("export");
        let ttl = String::from_utf8(out).expect("UTF-8");
        for bare in [
            "ckg:killed 12 .",
            "ckg:atLeast true ;",
            "ckg:confidence 0.9 ;",
            "ckg:a5 -3 ;",
        ] {
            assert!(ttl.contains(bare), "{bare}\n{ttl}");
        }
        for typed in [
            "ckg:a1 \"012\"^^xsd:integer",
            "ckg:a2 \"0.90\"^^xsd:decimal",
            "ckg:a3 \"1\"^^xsd:boolean",
            "ckg:a4 \"2025-10\"^^xsd:gYearMonth",
            "ckg:a6 \"1.5E3\"^^xsd:double",
        ] {
            assert!(ttl.contains(typed), "{typed}\n{ttl}");
        }
        let expected: HashSet<Quad> = quads.into_iter().collect();
        assert_eq!(parse(&ttl, RdfFormat::Turtle), expected);
    }

    #[test]
    fn canonical_number_forms() {
        for ok in ["0", "7", "-7", "120"] {
            assert!(is_canonical_integer(ok), "{ok}");
        }
        for bad in ["", "-", "-0", "007", "+1", "1.0", "1e3"] {
            assert!(!is_canonical_integer(bad), "{bad}");
        }
        for ok in ["0.0", "1.0", "0.9", "-12.25", "100.5"] {
            assert!(is_canonical_decimal(ok), "{ok}");
        }
        for bad in ["1", "1.", ".5", "-0.0", "01.5", "1.50", "+1.5", "1.5e2"] {
            assert!(!is_canonical_decimal(bad), "{bad}");
        }
    }

    #[test]
    fn awkward_strings_round_trip() {
        let s = id("doc/x");
        let nasty = "He said \"no\" \\ then\nleft\r\n\ttab \u{1} bell\u{7} del\u{7f} é 日本 🙂";
        let store = store_of(&[
            quad(
                s.clone(),
                ckg(term::SENTENCE),
                Literal::new_simple_literal(nasty),
            ),
            quad(s.clone(), rdfs("label"), en("quote \" and \\")),
        ]);
        for format in [
            ExportFormat::Turtle,
            ExportFormat::TriG,
            ExportFormat::NTriples,
        ] {
            let text = export_string(&store, format, None, 0);
            assert!(!text.contains('\u{1}') && !text.contains('\r'), "{text}");
            let rdf_format = match format {
                ExportFormat::Turtle => RdfFormat::Turtle,
                ExportFormat::TriG => RdfFormat::TriG,
                _ => RdfFormat::NTriples,
            };
            assert_eq!(parse(&text, rdf_format), store_set(&store), "{format}");
        }
    }

    #[test]
    fn iris_that_cannot_be_prefixed_names_are_written_in_full() {
        let slash = id("doc/2025/10/report");
        let catalogue = iri(crate::vocab::CATALOGUE_IRI);
        let clash = id("rdf/thing");
        let dash = id("person/-odd");
        let dot = id("person/ends.");
        let store = store_of(&[
            quad(slash.clone(), rdf("type"), ckg(term::DOCUMENT)),
            quad(catalogue.clone(), rdf("type"), ckg(term::DOCUMENT)),
            quad(clash.clone(), rdf("type"), ckg(term::DOCUMENT)),
            quad(dash.clone(), rdf("type"), ckg(term::PERSON)),
            quad(dot.clone(), rdf("type"), ckg(term::PERSON)),
            quad(id("person/u.s.-envoy_2"), rdf("type"), ckg(term::PERSON)),
        ]);
        let ttl = export_string(&store, ExportFormat::Turtle, None, 0);
        assert!(ttl.contains(&format!("<{}>", slash.as_str())), "{ttl}");
        assert!(!ttl.contains("@prefix doc:"), "{ttl}");
        assert!(ttl.contains("id:catalogue a ckg:Document"), "{ttl}");
        assert!(ttl.contains(&format!("<{}>", clash.as_str())), "{ttl}");
        assert!(ttl.contains(&format!("<{}>", dash.as_str())), "{ttl}");
        assert!(ttl.contains(&format!("<{}>", dot.as_str())), "{ttl}");
        assert!(ttl.contains("person:u.s.-envoy_2 a ckg:Person"), "{ttl}");
        assert_eq!(parse(&ttl, RdfFormat::Turtle), store_set(&store));
    }

    #[test]
    fn kind_prefix_rules() {
        assert_eq!(
            compact("https://w3id.org/conflictkg/id/person/noor-wali-mehsud"),
            Some((Prefix::Kind("person"), "noor-wali-mehsud"))
        );
        assert_eq!(compact(&format!("{ID}wd/Q1")), None, "clashes with wd:");
        assert_eq!(compact(&format!("{ID}true/x")), None, "keyword");
        assert_eq!(
            compact(&format!("{ID}1st/x")),
            None,
            "prefix must start with a letter"
        );
        assert_eq!(compact(&format!("{ID}person/")), None, "empty local");
        assert_eq!(compact(&format!("{ID}person/é")), None, "non-ASCII local");
        assert_eq!(
            compact("http://www.wikidata.org/entity/Q843"),
            Some((Prefix::Vocab(9), "Q843"))
        );
        assert_eq!(compact("http://example.org/x"), None);
    }

    #[test]
    fn named_graphs_union_in_turtle_and_blocks_in_trig() {
        let g = iri("https://w3id.org/conflictkg/id/graph/g1");
        let a = id("state/pakistan");
        let mut quads = sample();
        quads.push(Quad::new(
            a.clone(),
            rdfs("label"),
            en("Pakistan"),
            g.clone(),
        ));
        quads.push(Quad::new(
            a.clone(),
            rdfs("comment"),
            en("only in g1"),
            g.clone(),
        ));
        let store = store_of(&quads);

        let ttl = export_string(&store, ExportFormat::Turtle, None, 0);
        let union: HashSet<Quad> = store_set(&store)
            .into_iter()
            .map(|q| Quad::new(q.subject, q.predicate, q.object, GraphName::DefaultGraph))
            .collect();
        assert_eq!(parse(&ttl, RdfFormat::Turtle), union);
        assert_eq!(
            ttl.matches("rdfs:label \"Pakistan\"@en").count(),
            1,
            "deduplicated"
        );

        let trig = export_string(&store, ExportFormat::TriG, None, 0);
        // `graph` is a TriG keyword, so it is never a prefix name.
        assert!(
            trig.contains(&format!(
                "\nGRAPH <{ID}graph/g1> {{\n    state:pakistan rdfs:label \"Pakistan\"@en ;\n        rdfs:comment"
            )),
            "{trig}"
        );
        assert!(trig.ends_with("}\n"));
        assert_eq!(parse(&trig, RdfFormat::TriG), store_set(&store));

        let nq = export_string(&store, ExportFormat::NQuads, None, 0);
        assert_eq!(parse(&nq, RdfFormat::NQuads), store_set(&store));
    }

    #[test]
    fn ntriples_lines_are_sorted_and_parse() {
        let store = store_of(&sample());
        let mut out = Vec::new();
        let stats = export(&store, ExportFormat::NTriples, None, 0, &mut out).expect("export");
        let nt = String::from_utf8(out).expect("UTF-8");
        let lines: Vec<&str> = nt.lines().collect();
        let mut sorted = lines.clone();
        sorted.sort_unstable();
        assert_eq!(lines, sorted);
        assert_eq!(stats.triples, sample().len());
        assert!(nt.contains("\"12\"^^<http://www.w3.org/2001/XMLSchema#integer>"));
        assert_eq!(parse(&nt, RdfFormat::NTriples), store_set(&store));
    }

    #[test]
    fn jsonld_parses_back_and_is_deterministic() {
        let store = store_of(&sample());
        let a = export_string(&store, ExportFormat::JsonLd, None, 0);
        let b = export_string(&store_of(&sample()), ExportFormat::JsonLd, None, 0);
        assert_eq!(a, b);
        let format = RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        };
        assert_eq!(parse(&a, format), store_set(&store));
    }

    /// The parallel read (one SPARQL pattern per predicate, on the rayon pool) must give what a
    /// plain `Store::iter` gives, named graphs, blank nodes and every literal form included,
    /// whatever the number of threads.
    #[test]
    fn the_parallel_store_read_loses_and_reorders_nothing() {
        let mut quads = sample();
        let graph = GraphName::NamedNode(id("doc/3f2a9c"));
        let b = BlankNode::new("n1").expect("bnode");
        quads.push(Quad::new(
            id("state/pakistan"),
            ckg("note"),
            b.clone(),
            graph.clone(),
        ));
        quads.push(Quad::new(
            b.clone(),
            rdfs("comment"),
            Literal::new_language_tagged_literal("«quoted»\n\"x\"", "fr").expect("lang"),
            graph.clone(),
        ));
        quads.push(Quad::new(
            b,
            ckg("odd"),
            Literal::new_typed_literal("1e3", iri("http://example.org/dt#weird")),
            GraphName::DefaultGraph,
        ));
        quads.push(Quad::new(
            id("state/pakistan"),
            rdfs("label"),
            en("Pakistan"),
            graph,
        ));
        let store = store_of(&quads);
        for format in [
            ExportFormat::NQuads,
            ExportFormat::TriG,
            ExportFormat::Turtle,
            ExportFormat::NTriples,
        ] {
            let mut sequential = Vec::new();
            let all: Vec<Quad> = store.iter().collect::<Result<_, _>>().expect("read store");
            export_quads(all, format, None, 0, &mut sequential).expect("export quads");
            for threads in [1, 3] {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .expect("pool");
                let parallel = pool.install(|| export_string(&store, format, None, 0));
                assert_eq!(
                    parallel,
                    String::from_utf8(sequential.clone()).expect("UTF-8"),
                    "{format} on {threads} threads"
                );
            }
        }
        let nq = export_string(&store, ExportFormat::NQuads, None, 0);
        assert_eq!(nq.lines().count(), store.len().expect("len"));
    }

    #[test]
    fn blank_nodes_get_stable_labels() {
        let build = |first: &str, second: &str| {
            let store = Store::new().expect("store");
            let s = id("state/pakistan");
            for (bnode, value) in [(first, "a"), (second, "b")] {
                let b = BlankNode::new(bnode).expect("bnode");
                store
                    .insert(&Quad::new(
                        s.clone(),
                        ckg("note"),
                        b.clone(),
                        GraphName::DefaultGraph,
                    ))
                    .expect("insert");
                store
                    .insert(&Quad::new(
                        b,
                        rdfs("comment"),
                        Literal::new_simple_literal(value),
                        GraphName::DefaultGraph,
                    ))
                    .expect("insert");
            }
            store
        };
        let one = export_string(&build("zzz", "aaa"), ExportFormat::Turtle, None, 0);
        let two = export_string(&build("x1", "y2"), ExportFormat::Turtle, None, 0);
        assert_eq!(one, two);
        assert!(one.contains("_:b0 rdfs:comment \"a\" ."), "{one}");
        assert!(one.contains("ckg:note _:b0,\n        _:b1 ."), "{one}");
        let nt1 = export_string(&build("zzz", "aaa"), ExportFormat::NTriples, None, 0);
        let nt2 = export_string(&build("x1", "y2"), ExportFormat::NTriples, None, 0);
        assert_eq!(nt1, nt2);
        let store = build("q", "r");
        let parsed = parse(&one, RdfFormat::Turtle);
        assert_eq!(parsed.len(), store.len().expect("len"));
    }

    #[test]
    fn empty_store_exports_empty_documents() {
        let store = Store::new().expect("store");
        assert_eq!(export_string(&store, ExportFormat::Turtle, None, 0), "");
        assert_eq!(export_string(&store, ExportFormat::NTriples, None, 0), "");
        let dot = export_string(&store, ExportFormat::Dot, None, 0);
        assert!(dot.starts_with("digraph conflictkg {") && dot.ends_with("}\n"));
    }

    #[test]
    fn dot_draws_entities_events_and_claims() {
        let store = store_of(&sample());
        let mut out = Vec::new();
        let stats = export(&store, ExportFormat::Dot, None, 0, &mut out).expect("export");
        let dot = String::from_utf8(out).expect("UTF-8");
        let node = |path: &str, rest: &str| format!("    \"{ID}{path}\" [{rest}];\n");
        for expected in [
            node("state/pakistan", "label=\"Pakistan\", shape=box"),
            node(
                "group/ttp",
                "label=\"Tehrik-i-Taliban Pakistan\", shape=octagon",
            ),
            node(
                "person/noor-wali-mehsud",
                "label=\"Noor Wali Mehsud\", shape=ellipse",
            ),
            node("place/kabul", "label=\"Kabul\", shape=house"),
            node(
                "event/2025-10-09-kabul-airstrike",
                "label=\"Airstrike\\n2025-10-09\", shape=diamond",
            ),
        ] {
            assert!(dot.contains(&expected), "{expected}\n{dot}");
        }
        assert!(dot.contains(&format!(
            "\"{ID}state/afghanistan\" -> \"{ID}group/ttp\" [label=\"harbors (claimed by Pakistan)\", style=dashed];"
        )), "{dot}");
        assert!(
            dot.contains(&format!(
                "\"{ID}person/noor-wali-mehsud\" -> \"{ID}group/ttp\" [label=\"leaderOf\"];"
            )),
            "{dot}"
        );
        for skipped in ["casualties/", "doc/", "evidence/", "claim/"] {
            assert!(!dot.contains(&format!("{ID}{skipped}")), "{skipped}\n{dot}");
        }
        assert_eq!(stats.triples, dot.matches(" -> ").count());
        assert_eq!(dot, export_string(&store, ExportFormat::Dot, None, 0));
    }

    #[test]
    fn dot_around_keeps_only_the_neighbourhood() {
        let store = store_of(&sample());
        // Noor -leaderOf-> TTP -operatesIn-> Kabul: Kabul is two hops from Noor.
        let dot = export_string(&store, ExportFormat::Dot, Some("noor wali masood"), 1);
        assert!(dot.contains(&format!("\"{ID}group/ttp\" [")), "{dot}");
        assert!(!dot.contains(&format!("\"{ID}state/afghanistan\" -> \"{ID}group/ttp\"")));
        assert!(!dot.contains(&format!("\"{ID}place/kabul\" [")), "{dot}");
        let two = export_string(&store, ExportFormat::Dot, Some("Noor Wali Mehsud"), 2);
        assert!(two.contains(&format!("\"{ID}place/kabul\" [")), "{two}");
        let zero = export_string(
            &store,
            ExportFormat::Dot,
            Some("person:noor-wali-mehsud"),
            0,
        );
        assert_eq!(zero.matches(" [label=").count(), 1, "{zero}");
        let by_iri = export_string(
            &store,
            ExportFormat::Dot,
            Some(&format!("<{ID}person/noor-wali-mehsud>")),
            0,
        );
        assert_eq!(zero, by_iri);
    }

    #[test]
    fn around_errors_name_the_problem() {
        let mut quads = sample();
        quads.push(quad(id("group/ttp-2"), rdf("type"), ckg(term::ARMED_GROUP)));
        quads.push(quad(
            id("group/ttp-2"),
            iri(&format!("{SKOS}altLabel")),
            en("TTP"),
        ));
        let store = store_of(&quads);
        let mut out = Vec::new();
        match export(&store, ExportFormat::Dot, Some("Atlantis"), 1, &mut out) {
            Err(ExportError::UnknownEntity(name)) => assert_eq!(name, "Atlantis"),
            other => panic!("{other:?}"),
        }
        match export(&store, ExportFormat::Turtle, Some("ttp"), 1, &mut out) {
            Err(ExportError::AmbiguousEntity { candidates, .. }) => assert_eq!(candidates.len(), 2),
            other => panic!("{other:?}"),
        }
        // A unique rdfs:label wins over alt labels.
        assert!(export(
            &store,
            ExportFormat::Dot,
            Some("Tehrik-i-Taliban Pakistan"),
            1,
            &mut out
        )
        .is_ok());
    }

    #[test]
    fn turtle_around_keeps_evidence_claims_and_documents() {
        let store = store_of(&sample());
        let ttl = export_string(&store, ExportFormat::Turtle, Some("Noor Wali Mehsud"), 1);
        assert!(ttl.contains("\nperson:noor-wali-mehsud a "), "{ttl}");
        assert!(ttl.contains("\ngroup:ttp a "), "{ttl}");
        assert!(ttl.contains("\nevidence:3f2a9c-1 a "), "{ttl}");
        assert!(ttl.contains("\ndoc:3f2a9c a "), "{ttl}");
        assert!(!ttl.contains("\nplace:kabul a "), "{ttl}");
        assert!(!ttl.contains("\nevent:"), "{ttl}");
        // The claim "Afghanistan harbors TTP" has TTP as its object: kept.
        assert!(ttl.contains("\nclaim:3f2a9c-2 a "), "{ttl}");
        parse(&ttl, RdfFormat::Turtle);
    }

    #[test]
    fn format_names() {
        for (name, format) in [
            ("turtle", ExportFormat::Turtle),
            ("ttl", ExportFormat::Turtle),
            ("nt", ExportFormat::NTriples),
            ("ntriples", ExportFormat::NTriples),
            ("nq", ExportFormat::NQuads),
            ("NQuads", ExportFormat::NQuads),
            ("trig", ExportFormat::TriG),
            ("json-ld", ExportFormat::JsonLd),
            ("jsonld", ExportFormat::JsonLd),
            ("dot", ExportFormat::Dot),
        ] {
            assert_eq!(name.parse::<ExportFormat>().ok(), Some(format), "{name}");
        }
        assert!(matches!(
            "rdfxml".parse::<ExportFormat>(),
            Err(ExportError::UnknownFormat(_))
        ));
        for format in ExportFormat::ALL {
            assert_eq!(format.name().parse::<ExportFormat>().ok(), Some(format));
            assert_eq!(format.to_string(), format.name());
        }
    }
}
