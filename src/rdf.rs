//! Statements → RDF quads, in the vocabulary of the contract.
//!
//! Every IRI is a pure function of stable keys: entities of their catalogue id or name slug,
//! documents of their content hash, events, claims and evidence of the document hash and their
//! position in it. Every fact gets a `ckg:Evidence` node, every event and claim the sentence it
//! came from with its offsets; catalogue facts are `prov:wasDerivedFrom` the catalogue.
use crate::catalogue::{Catalogue, Kind};
use crate::model::*;
use crate::vocab::{self, term};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use std::collections::BTreeSet;

fn nn(iri: String) -> NamedNode {
    NamedNode::new_unchecked(iri)
}
fn ckg(local: &str) -> NamedNode {
    nn(vocab::ckg(local))
}
fn rdf(local: &str) -> NamedNode {
    nn(format!("{}{local}", vocab::RDF))
}
fn xsd(local: &str) -> NamedNode {
    nn(format!("{}{local}", vocab::XSD))
}

/// The IRI of an entity key (`state/pakistan`).
pub fn entity_iri(key: &str) -> NamedNode {
    nn(vocab::id(key))
}

/// The IRI of a document, from its content hash.
pub fn doc_iri(doc_id: &str) -> NamedNode {
    nn(vocab::id(&format!("doc/{doc_id}")))
}

struct Out {
    quads: Vec<Quad>,
}

impl Out {
    fn add(&mut self, s: &NamedNode, p: NamedNode, o: impl Into<Term>) {
        self.quads
            .push(Quad::new(s.clone(), p, o.into(), GraphName::DefaultGraph));
    }
}

fn en(s: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(s, "en")
}

fn decimal(x: f32) -> Literal {
    let s = format!("{:.2}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    let s = if s.contains('.') {
        s.to_string()
    } else {
        format!("{s}.0")
    };
    Literal::new_typed_literal(s, xsd("decimal"))
}

/// All quads for one extraction (document, entities, facts, events, claims, catalogue facts).
/// An entity's other names: the catalogue's aliases and the spellings the text used, each
/// once, never the label itself.
pub fn alt_labels<'a>(e: &'a EntityRecord, cat: &'a Catalogue) -> BTreeSet<&'a str> {
    let aliases = e
        .catalogue
        .and_then(|ci| cat.entities.get(ci))
        .map(|c| c.aliases.as_slice())
        .unwrap_or_default();
    aliases
        .iter()
        .chain(&e.alt_labels)
        .map(String::as_str)
        .filter(|a| *a != e.label)
        .collect()
}

pub fn to_quads(x: &Extraction, cat: &Catalogue) -> Vec<Quad> {
    let mut out = Out { quads: Vec::new() };
    let did = x.doc_id().to_string();
    let doc = doc_iri(&did);
    let body_chars: Vec<usize> = Vec::new();
    let _ = body_chars;
    out.add(&doc, rdf("type"), ckg(term::DOCUMENT));
    if let Some(t) = &x.doc.title {
        out.add(
            &doc,
            nn(format!("{}title", vocab::DCTERMS)),
            Literal::new_simple_literal(t),
        );
    }
    if let Some(d) = x.doc.date {
        out.add(
            &doc,
            nn(format!("{}date", vocab::DCTERMS)),
            Literal::new_typed_literal(d.format("%Y-%m-%d").to_string(), xsd("date")),
        );
    }
    out.add(
        &doc,
        nn(format!("{}source", vocab::DCTERMS)),
        Literal::new_simple_literal(&x.doc.source),
    );
    out.add(
        &doc,
        ckg(term::SHA256),
        Literal::new_simple_literal(&x.doc.sha256),
    );

    let prov = |out: &mut Out, node: &NamedNode, p: &Prov| {
        out.add(node, ckg(term::DOCUMENT_P), doc.clone());
        if let Some(s) = x.sentences.get(p.sentence) {
            out.add(
                node,
                ckg(term::SENTENCE),
                Literal::new_simple_literal(s.text(&x.doc.body)),
            );
            out.add(node, ckg(term::START), Literal::from(s.start as i64));
            out.add(node, ckg(term::END), Literal::from(s.end as i64));
        }
        out.add(node, ckg(term::RULE), Literal::new_simple_literal(&p.rule));
        out.add(node, ckg(term::CONFIDENCE), decimal(p.confidence));
    };

    // entities
    for e in x.entities.values() {
        let s = entity_iri(&e.key);
        for c in e.kind.classes() {
            out.add(&s, rdf("type"), ckg(c));
        }
        if e.mediator {
            out.add(&s, rdf("type"), ckg(term::MEDIATOR));
            out.add(&s, rdf("type"), ckg(term::ACTOR));
        }
        out.add(&s, nn(format!("{}label", vocab::RDFS)), en(&e.label));
        for a in alt_labels(e, cat) {
            out.add(&s, nn(format!("{}altLabel", vocab::SKOS)), en(a));
        }
        if let Some(ci) = e.catalogue {
            if let Some(w) = &cat.entities[ci].wikidata {
                out.add(
                    &s,
                    nn(format!("{}sameAs", vocab::OWL)),
                    nn(format!("{}{w}", vocab::WD)),
                );
            }
        }
        out.add(&s, ckg("mentionedIn"), doc.clone());
    }
    catalogue_facts(&mut out, x, cat);

    // facts with evidence
    for (n, f) in x.facts.iter().enumerate() {
        let s = entity_iri(&f.s);
        let p = ckg(&f.p);
        let o: Term = match &f.o {
            Value::Entity(k) => entity_iri(k).into(),
            Value::Text(t) => Literal::new_simple_literal(t).into(),
        };
        out.add(&s, p.clone(), o.clone());
        let ev = nn(vocab::id(&format!("evidence/{did}-{n}")));
        out.add(&ev, rdf("type"), ckg(term::EVIDENCE));
        out.add(&ev, rdf("type"), rdf("Statement"));
        out.add(&ev, rdf("subject"), s);
        out.add(&ev, rdf("predicate"), p);
        out.add(&ev, rdf("object"), o);
        prov(&mut out, &ev, &f.prov);
    }

    // events
    let event_iri = |n: usize| nn(vocab::id(&format!("event/{did}-{n}")));
    for (n, e) in x.events.iter().enumerate() {
        let s = event_iri(n);
        out.add(&s, rdf("type"), ckg(term::EVENT));
        let mut types: BTreeSet<&str> = e.types.iter().map(String::as_str).collect();
        if types.contains("Airstrike") {
            types.insert("Attack");
        }
        for t in types {
            out.add(&s, rdf("type"), ckg(t));
        }
        for (p, list) in [
            (term::AGENT, &e.agents),
            (term::TARGET, &e.targets),
            (term::PARTICIPANT, &e.participants),
            (term::MEDIATOR_P, &e.mediators),
            (term::LOCATION, &e.locations),
        ] {
            for k in list {
                out.add(&s, ckg(p), entity_iri(k));
            }
        }
        if let Some(d) = e.date {
            out.add(
                &s,
                ckg(term::DATE),
                Literal::new_typed_literal(d.lexical(), xsd(d.datatype())),
            );
        }
        for (k, c) in e.casualties.iter().enumerate() {
            let cn = nn(vocab::id(&format!("casualties/{did}-{n}-{k}")));
            if !c.claimed_only {
                out.add(&s, ckg(term::CASUALTIES_P), cn.clone());
            }
            out.add(&cn, rdf("type"), ckg(term::CASUALTIES));
            if let Some(v) = &c.victim {
                out.add(&cn, ckg(term::VICTIM), entity_iri(v));
            }
            out.add(
                &cn,
                ckg(term::KILLED),
                Literal::new_typed_literal(c.killed.to_string(), xsd("integer")),
            );
            out.add(&cn, ckg(term::AT_LEAST), Literal::from(c.at_least));
        }
        prov(&mut out, &s, &e.prov);
    }

    // claims
    for (n, c) in x.claims.iter().enumerate() {
        let s = nn(vocab::id(&format!("claim/{did}-{n}")));
        out.add(&s, rdf("type"), ckg(term::CLAIM));
        out.add(&s, rdf("type"), rdf("Statement"));
        let subj = match &c.s {
            ClaimSubject::Entity(k) => entity_iri(k),
            ClaimSubject::Event(i) => event_iri(*i),
        };
        out.add(&s, rdf("subject"), subj);
        out.add(&s, rdf("predicate"), ckg(&c.p));
        match (&c.s, c.o_casualty) {
            (ClaimSubject::Event(e), Some(k)) => {
                out.add(
                    &s,
                    rdf("object"),
                    nn(vocab::id(&format!("casualties/{did}-{e}-{k}"))),
                );
            }
            _ => out.add(&s, rdf("object"), entity_iri(&c.o)),
        }
        if let Some(w) = &c.claimant {
            out.add(&s, ckg(term::CLAIMANT), entity_iri(w));
        }
        out.add(
            &s,
            ckg(term::STANCE),
            ckg(if c.denied {
                term::DENIED
            } else {
                term::ASSERTED
            }),
        );
        if c.hedged {
            out.add(&s, ckg("hedged"), Literal::from(true));
        }
        prov(&mut out, &s, &c.prov);
    }
    out.quads
}

/// Catalogue facts about the mentioned entities, each reified with `prov:wasDerivedFrom`.
fn catalogue_facts(out: &mut Out, x: &Extraction, cat: &Catalogue) {
    let mentioned: BTreeSet<usize> = x.entities.values().filter_map(|e| e.catalogue).collect();
    let key = |i: usize| cat.entities[i].key();
    let mut facts: BTreeSet<(usize, &str, usize)> = BTreeSet::new();
    for &i in &mentioned {
        let e = &cat.entities[i];
        // the nearest containing place the text also mentions
        let mut up = e.located_in;
        let mut hops = 0;
        while let Some(p) = up {
            if mentioned.contains(&p) {
                facts.insert((i, "locatedIn", p));
                break;
            }
            up = cat.entities[p].located_in;
            hops += 1;
            if hops > 6 {
                break;
            }
        }
        for &b in &e.borders {
            if mentioned.contains(&b) {
                facts.insert((i, "borders", b));
            }
        }
        if let Some(g) = e.governs.filter(|g| mentioned.contains(g)) {
            facts.insert((i, "governs", g));
        }
        for &p in e.operates_in.iter().filter(|p| mentioned.contains(p)) {
            facts.insert((i, "operatesIn", p));
        }
        for &m in e.member_of.iter().filter(|m| mentioned.contains(m)) {
            facts.insert((i, "memberOf", m));
        }
        if let Some(a) = e.affiliation.filter(|a| mentioned.contains(a)) {
            if matches!(e.kind, Kind::Person | Kind::Organization) {
                facts.insert((i, "affiliatedWith", a));
            }
        }
    }
    let src = nn(vocab::CATALOGUE_IRI.to_string());
    for (s, p, o) in facts {
        let (sn, on) = (entity_iri(key(s)), entity_iri(key(o)));
        out.add(&sn, ckg(p), on.clone());
        let st = nn(vocab::id(&format!(
            "catalogue-fact/{}.{}.{}",
            key(s).replace('/', "."),
            p,
            key(o).replace('/', ".")
        )));
        out.add(&st, rdf("type"), rdf("Statement"));
        out.add(&st, rdf("subject"), sn);
        out.add(&st, rdf("predicate"), ckg(p));
        out.add(&st, rdf("object"), on);
        out.add(
            &st,
            nn(format!("{}wasDerivedFrom", vocab::PROV)),
            src.clone(),
        );
        out.add(
            &st,
            ckg(term::RULE),
            Literal::new_simple_literal("catalogue"),
        );
    }
}
