//! What extraction yields for one document: entities, facts, events and claims, each with the
//! sentence and rule it came from. Pure data; `rdf` turns it into triples.
use crate::catalogue::Kind;
use crate::dates::DateValue;
use crate::document::Document;
use crate::sentences::Sentence;
use std::collections::{BTreeMap, BTreeSet};

/// An entity the document mentions. `key` is its IRI path under `id/` (e.g. `state/pakistan`).
#[derive(Debug, Clone)]
pub struct EntityRecord {
    pub key: String,
    pub kind: Kind,
    pub label: String,
    pub alt_labels: BTreeSet<String>,
    /// Index in the catalogue, for known entities.
    pub catalogue: Option<usize>,
    pub mediator: bool,
}

/// Where a statement came from.
#[derive(Debug, Clone)]
pub struct Prov {
    pub sentence: usize,
    pub rule: String,
    pub confidence: f32,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Value {
    Entity(String),
    Text(String),
}

/// A plain fact stated by the text: `s p o`.
#[derive(Debug, Clone)]
pub struct Fact {
    pub s: String,
    pub p: String,
    pub o: Value,
    pub prov: Prov,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimSubject {
    Entity(String),
    /// Index into [`Extraction::events`].
    Event(usize),
}

/// Something the text attributes to someone (or to no one, when only "reportedly").
#[derive(Debug, Clone)]
pub struct Claim {
    pub s: ClaimSubject,
    pub p: String,
    /// The object entity's key (empty when the object is a casualty figure).
    pub o: String,
    /// A casualty figure of the subject event as the object ("X said 23 soldiers were
    /// killed"): the index into that event's casualties; the predicate is `casualties`.
    pub o_casualty: Option<usize>,
    pub claimant: Option<String>,
    pub denied: bool,
    pub hedged: bool,
    pub prov: Prov,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Casualty {
    pub victim: Option<String>,
    pub killed: u64,
    pub at_least: bool,
    /// Only the claim of whoever claims the deed ("the TTP claimed responsibility … and said
    /// 'more than 20' soldiers had been killed"): the toll is that claim, never an event fact.
    pub claimed_only: bool,
}

#[derive(Debug, Clone)]
pub struct Event {
    /// ckg class local names, main type first.
    pub types: Vec<String>,
    pub agents: Vec<String>,
    pub targets: Vec<String>,
    pub participants: Vec<String>,
    pub mediators: Vec<String>,
    pub locations: Vec<String>,
    pub date: Option<DateValue>,
    pub casualties: Vec<Casualty>,
    pub prov: Prov,
}

impl Event {
    pub fn new(types: Vec<String>, prov: Prov) -> Event {
        Event {
            types,
            agents: Vec::new(),
            targets: Vec::new(),
            participants: Vec::new(),
            mediators: Vec::new(),
            locations: Vec::new(),
            date: None,
            casualties: Vec::new(),
            prov,
        }
    }
}

/// Everything one document yields.
#[derive(Debug)]
pub struct Extraction {
    pub doc: Document,
    pub sentences: Vec<Sentence>,
    pub entities: BTreeMap<String, EntityRecord>,
    pub facts: Vec<Fact>,
    pub events: Vec<Event>,
    pub claims: Vec<Claim>,
}

impl Extraction {
    /// The document-local id: the first 16 hex digits of its SHA-256.
    pub fn doc_id(&self) -> &str {
        &self.doc.sha256[..16.min(self.doc.sha256.len())]
    }
}
