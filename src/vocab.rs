//! Every IRI conflictkg writes, spelled once.
//!
//! The ontology namespace is fixed by the vocabulary contract; instance IRIs live under
//! [`ID`]. Other modules build terms through these constants and never spell an IRI string.

/// The ontology namespace (`ckg:`).
pub const CKG: &str = "https://w3id.org/conflictkg/ontology#";
/// Where instances (entities, events, documents, evidence) live.
pub const ID: &str = "https://w3id.org/conflictkg/id/";
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const WD: &str = "http://www.wikidata.org/entity/";

/// Prefixes used in exports and predeclared for queries, in a fixed order.
pub const PREFIXES: &[(&str, &str)] = &[
    ("ckg", CKG),
    ("id", ID),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("owl", OWL),
    ("xsd", XSD),
    ("skos", SKOS),
    ("dcterms", DCTERMS),
    ("prov", PROV),
    ("wd", WD),
];

/// The `PREFIX` lines that are prepended to every user query (SPARQL allows redeclaring them).
pub fn sparql_prologue() -> String {
    let mut s = String::new();
    for (p, iri) in PREFIXES {
        s.push_str("PREFIX ");
        s.push_str(p);
        s.push_str(": <");
        s.push_str(iri);
        s.push_str(">\n");
    }
    s
}

/// `ckg:` term IRI.
pub fn ckg(local: &str) -> String {
    format!("{CKG}{local}")
}

/// Instance IRI under [`ID`].
pub fn id(path: &str) -> String {
    format!("{ID}{path}")
}

/// IRI of the built-in catalogue, the `prov:wasDerivedFrom` of catalogue facts.
pub const CATALOGUE_IRI: &str = "https://w3id.org/conflictkg/id/catalogue";

/// Ontology term local names.
pub mod term {
    // classes
    pub const ACTOR: &str = "Actor";
    pub const STATE: &str = "State";
    pub const ARMED_GROUP: &str = "ArmedGroup";
    pub const ORGANIZATION: &str = "Organization";
    pub const PERSON: &str = "Person";
    pub const MEDIATOR: &str = "Mediator";
    pub const PLACE: &str = "Place";
    pub const CITY: &str = "City";
    pub const REGION: &str = "Region";
    pub const EVENT: &str = "Event";
    pub const CASUALTIES: &str = "Casualties";
    pub const CLAIM: &str = "Claim";
    pub const EVIDENCE: &str = "Evidence";
    pub const DOCUMENT: &str = "Document";
    // stances
    pub const ASSERTED: &str = "Asserted";
    pub const DENIED: &str = "Denied";
    // properties
    pub const AGENT: &str = "agent";
    pub const TARGET: &str = "target";
    pub const PARTICIPANT: &str = "participant";
    pub const MEDIATOR_P: &str = "mediator";
    pub const LOCATION: &str = "location";
    pub const DATE: &str = "date";
    pub const CASUALTIES_P: &str = "casualties";
    pub const VICTIM: &str = "victim";
    pub const KILLED: &str = "killed";
    pub const AT_LEAST: &str = "atLeast";
    pub const CLAIMANT: &str = "claimant";
    pub const STANCE: &str = "stance";
    pub const DOCUMENT_P: &str = "document";
    pub const SENTENCE: &str = "sentence";
    pub const START: &str = "start";
    pub const END: &str = "end";
    pub const SHA256: &str = "sha256";
    pub const RULE: &str = "rule";
    pub const CONFIDENCE: &str = "confidence";
    pub const TITLE: &str = "title";
}
