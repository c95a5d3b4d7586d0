//! Human-facing reports: `extract --format json` and `explain ENTITY`.
use crate::error::{Error, Result};
use crate::model::*;
use crate::store::{short_iri, KgStore};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use serde_json::{json, Value as J};
use std::io::Write;

/// The statements of one extraction as JSON (for `extract --format json`).
pub fn extraction_json(x: &Extraction, cat: &crate::catalogue::Catalogue) -> J {
    let sentence = |i: usize| {
        x.sentences
            .get(i)
            .map(|s| s.text(&x.doc.body))
            .unwrap_or("")
    };
    let label = |k: &str| {
        x.entities
            .get(k)
            .map(|e| e.label.clone())
            .unwrap_or_else(|| k.to_string())
    };
    let prov = |p: &Prov| json!({"sentence": sentence(p.sentence), "start": x.sentences.get(p.sentence).map(|s| s.start), "end": x.sentences.get(p.sentence).map(|s| s.end), "rule": p.rule, "confidence": p.confidence});
    json!({
        "document": {"title": x.doc.title, "source": x.doc.source, "date": x.doc.date.map(|d| d.to_string()), "sha256": x.doc.sha256},
        "entities": x.entities.values().map(|e| json!({"key": e.key, "type": format!("{:?}", e.kind), "label": e.label, "altLabels": crate::rdf::alt_labels(e, cat), "mediator": e.mediator})).collect::<Vec<_>>(),
        "facts": x.facts.iter().map(|f| json!({"subject": label(&f.s), "predicate": f.p, "object": match &f.o { Value::Entity(k) => label(k), Value::Text(t) => t.clone() }, "provenance": prov(&f.prov)})).collect::<Vec<_>>(),
        "events": x.events.iter().map(|e| json!({
            "types": e.types, "agents": e.agents.iter().map(|k| label(k)).collect::<Vec<_>>(),
            "targets": e.targets.iter().map(|k| label(k)).collect::<Vec<_>>(),
            "participants": e.participants.iter().map(|k| label(k)).collect::<Vec<_>>(),
            "mediators": e.mediators.iter().map(|k| label(k)).collect::<Vec<_>>(),
            "locations": e.locations.iter().map(|k| label(k)).collect::<Vec<_>>(),
            "date": e.date.map(|d| d.lexical()),
            "casualties": e.casualties.iter().map(|c| json!({"victim": c.victim.as_deref().map(label), "killed": c.killed, "atLeast": c.at_least})).collect::<Vec<_>>(),
            "provenance": prov(&e.prov)})).collect::<Vec<_>>(),
        "claims": x.claims.iter().map(|c| json!({
            "subject": match &c.s { ClaimSubject::Entity(k) => label(k), ClaimSubject::Event(i) => format!("event #{i}") },
            "predicate": c.p, "object": match (&c.s, c.o_casualty) { (ClaimSubject::Event(e), Some(k)) => x.events.get(*e).and_then(|ev| ev.casualties.get(k)).map(|c| format!("{}{} killed", if c.at_least { "at least " } else { "" }, c.killed)).unwrap_or_default(), _ => label(&c.o) }, "claimant": c.claimant.as_deref().map(label),
            "stance": if c.denied { "Denied" } else { "Asserted" }, "hedged": c.hedged, "provenance": prov(&c.prov)})).collect::<Vec<_>>(),
    })
}

fn rows(kg: &KgStore, q: &str) -> Result<Vec<Vec<Option<Term>>>> {
    let mut out = Vec::new();
    if let QueryResults::Solutions(sol) = kg.query(q)? {
        for s in sol {
            let s = s.map_err(|e| Error::Query(e.to_string()))?;
            out.push(s.values().to_vec());
        }
    }
    Ok(out)
}

fn text(t: &Option<Term>) -> String {
    match t {
        Some(Term::Literal(l)) => l.value().to_string(),
        Some(Term::NamedNode(n)) => short_iri(n.as_str()),
        Some(t) => t.to_string(),
        None => String::new(),
    }
}

fn sparql_string(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

/// Find an entity by IRI, label or alias (case-insensitive).
pub fn resolve_entity(kg: &KgStore, name: &str) -> Result<Vec<(String, String)>> {
    let q = if name.starts_with("http://") || name.starts_with("https://") {
        format!("SELECT ?e ?l WHERE {{ BIND(<{name}> AS ?e) ?e rdfs:label ?l }}")
    } else {
        format!(
            "SELECT DISTINCT ?e ?l WHERE {{ ?e rdfs:label|skos:altLabel ?n ; rdfs:label ?l . FILTER(LCASE(STR(?n)) = LCASE({})) }} ORDER BY ?e",
            sparql_string(name)
        )
    };
    Ok(rows(kg, &q)?
        .into_iter()
        .filter_map(|r| match (&r[0], &r[1]) {
            (Some(Term::NamedNode(e)), l) => Some((e.as_str().to_string(), text(l))),
            _ => None,
        })
        .collect())
}

/// Print what the graph says about an entity: facts, claims and events with their sentences.
pub fn explain(kg: &KgStore, name: &str, out: &mut dyn Write) -> Result<()> {
    let io = |e: std::io::Error| Error::Io {
        path: "<stdout>".into(),
        source: e,
    };
    let found = resolve_entity(kg, name)?;
    if found.is_empty() {
        return Err(Error::Other(format!(
            "no entity named {name:?} in {}",
            kg.path.display()
        )));
    }
    for (iri, label) in found {
        let e = format!("<{iri}>");
        writeln!(out, "{label}  {}", short_iri(&iri)).map_err(io)?;
        let types = rows(kg, &format!("SELECT ?t WHERE {{ {e} a ?t }} ORDER BY ?t"))?;
        writeln!(
            out,
            "  types: {}",
            types
                .iter()
                .map(|r| text(&r[0]))
                .collect::<Vec<_>>()
                .join(", ")
        )
        .map_err(io)?;
        let alts = rows(
            kg,
            &format!("SELECT ?a WHERE {{ {e} skos:altLabel ?a }} ORDER BY ?a"),
        )?;
        if !alts.is_empty() {
            writeln!(
                out,
                "  also: {}",
                alts.iter()
                    .map(|r| text(&r[0]))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
            .map_err(io)?;
        }
        writeln!(out, "\nFacts (stated by the texts):").map_err(io)?;
        let facts = rows(kg, &format!(
            "SELECT ?sl ?p ?ol ?sentence ?title ?rule WHERE {{
               ?ev a ckg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ckg:sentence ?sentence ; ckg:document ?d ; ckg:rule ?rule .
               FILTER(?s = {e} || ?o = {e})
               OPTIONAL {{ ?s rdfs:label ?sl0 }} OPTIONAL {{ ?o rdfs:label ?ol0 }} OPTIONAL {{ ?d dcterms:title ?t0 }}
               BIND(COALESCE(?sl0, STR(?s)) AS ?sl) BIND(COALESCE(?ol0, STR(?o)) AS ?ol) BIND(COALESCE(?t0, STR(?d)) AS ?title)
             }} ORDER BY ?p ?ol ?title"))?;
        for r in &facts {
            writeln!(
                out,
                "  {} {} {}\n      “{}”\n      — {} [rule {}]",
                text(&r[0]),
                text(&r[1]),
                text(&r[2]),
                text(&r[3]),
                text(&r[4]),
                text(&r[5])
            )
            .map_err(io)?;
        }
        let cat = rows(kg, &format!(
            "SELECT ?sl ?p ?ol WHERE {{ ?st prov:wasDerivedFrom ?c ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . FILTER(?s = {e} || ?o = {e})
               ?s rdfs:label ?sl . ?o rdfs:label ?ol }} ORDER BY ?p ?ol"))?;
        if !cat.is_empty() {
            writeln!(out, "\nFrom the catalogue:").map_err(io)?;
            for r in &cat {
                writeln!(out, "  {} {} {}", text(&r[0]), text(&r[1]), text(&r[2])).map_err(io)?;
            }
        }
        writeln!(out, "\nClaims (attributed, not facts):").map_err(io)?;
        let claims = rows(kg, &format!(
            "SELECT DISTINCT ?sl ?p ?ol ?who ?stance ?sentence ?title ?rule WHERE {{
               ?c a ckg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ckg:stance ?stance ; ckg:sentence ?sentence ; ckg:document ?d ; ckg:rule ?rule .
               OPTIONAL {{ ?c ckg:claimant ?cl . ?cl rdfs:label ?who0 }}
               FILTER(?s = {e} || ?o = {e} || EXISTS {{ ?c ckg:claimant {e} }})
               OPTIONAL {{ ?s rdfs:label ?sl0 }} OPTIONAL {{ ?o rdfs:label ?ol0 }} OPTIONAL {{ ?d dcterms:title ?t0 }}
               OPTIONAL {{ ?s a ckg:Event ; a ?et . FILTER(?et != ckg:Event) OPTIONAL {{ ?s ckg:date ?ed }} }}
               BIND(IF(BOUND(?et), CONCAT(\"the \", STRAFTER(STR(?et), \"#\"), IF(BOUND(?ed), CONCAT(\" of \", STR(?ed)), \"\")), ?sl0) AS ?sl1)
               BIND(COALESCE(?sl1, STR(?s)) AS ?sl) BIND(COALESCE(?ol0, STR(?o)) AS ?ol) BIND(COALESCE(?t0, STR(?d)) AS ?title) BIND(COALESCE(?who0, \"(no source named)\") AS ?who)
             }} ORDER BY ?title ?sentence"))?;
        for r in &claims {
            writeln!(
                out,
                "  {} says: {} {} {}  [{}]\n      “{}”\n      — {} [rule {}]",
                text(&r[3]),
                text(&r[0]),
                text(&r[1]),
                text(&r[2]),
                text(&r[4]),
                text(&r[5]),
                text(&r[6]),
                text(&r[7])
            )
            .map_err(io)?;
        }
        writeln!(out, "\nEvents:").map_err(io)?;
        let events = rows(kg, &format!(
            "SELECT ?ev (GROUP_CONCAT(DISTINCT STRAFTER(STR(?role), \"#\"); separator=\", \") AS ?roles) (SAMPLE(?type) AS ?t) (SAMPLE(?date) AS ?dt) (SAMPLE(?sentence) AS ?sn) (SAMPLE(?title) AS ?tt) (SAMPLE(?rule) AS ?ru) WHERE {{
               ?ev ?role {e} ; a ckg:Event ; a ?type ; ckg:sentence ?sentence ; ckg:rule ?rule ; ckg:document ?d . FILTER(?type != ckg:Event)
               OPTIONAL {{ ?ev ckg:date ?date }} OPTIONAL {{ ?d dcterms:title ?title }}
             }} GROUP BY ?ev ORDER BY ?dt ?ev"))?;
        for r in &events {
            writeln!(
                out,
                "  {} {} as {} {}\n      “{}”\n      — {} [rule {}]",
                text(&r[2]),
                text(&r[0]),
                text(&r[1]),
                text(&r[3]),
                text(&r[4]),
                text(&r[5]),
                text(&r[6])
            )
            .map_err(io)?;
        }
        writeln!(out).map_err(io)?;
    }
    Ok(())
}
