//! Extraction rules as data: `ontology/rules.toml` (embedded) or a user file (`--rules`).
//!
//! The Rust code knows *how* to find a subject, an object or a role around a trigger; the
//! rules file says *which* words trigger which relation, event or claim. See `docs/RULES.md`.
use crate::error::{Error, Result};
use crate::text::PhraseSet;
use serde::Deserialize;

pub const BUILTIN: &str = include_str!("../ontology/rules.toml");
pub const BUILTIN_NAME: &str = "ontology/rules.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    document: RawDocument,
    titles: RawTitles,
    coreference: RawCoref,
    context: RawContext,
    #[serde(default)]
    relation: Vec<RawRelation>,
    #[serde(default)]
    event: Vec<RawEvent>,
    roles: RawRoles,
    casualties: RawCasualties,
    #[serde(default)]
    attribution: Vec<RawAttribution>,
    hedges: RawHedges,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTitles {
    leader: Vec<String>,
    office: Vec<String>,
    honorifics: Vec<String>,
    #[serde(default)]
    non_person_heads: Vec<String>,
    #[serde(default)]
    side_voices: Vec<String>,
    #[serde(default)]
    title_modifiers: Vec<String>,
    name_particles: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCoref {
    group_nouns: Vec<String>,
    person_pronouns: Vec<String>,
    group_possessives: Vec<String>,
    group_heads: Vec<String>,
    /// Accepted for rule files written before it was dropped; never read (definite event
    /// nouns refer back by their event type, whatever the noun).
    #[serde(default)]
    #[allow(dead_code)]
    event_nouns: Vec<String>,
    actor_heads: Vec<String>,
    armed_name_words: Vec<String>,
    #[serde(default)]
    institutions: Vec<String>,
    #[serde(default)]
    armed_modifiers: Vec<String>,
    #[serde(default)]
    group_introducers: Vec<String>,
    #[serde(default)]
    civil_group_words: Vec<String>,
    #[serde(default = "default_group_reach")]
    group_reach: usize,
    #[serde(default = "default_attack_reach")]
    attack_reach: usize,
    #[serde(default = "default_home_min_places")]
    home_min_places: usize,
}

fn default_home_min_places() -> usize {
    3
}

fn default_attack_reach() -> usize {
    3
}

fn default_group_reach() -> usize {
    usize::MAX
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContext {
    negation: Vec<String>,
    negation_window: usize,
    modal: Vec<String>,
    modal_window: usize,
    #[serde(default)]
    exhortations: Vec<String>,
    subject_skip: Vec<String>,
    #[serde(default)]
    claim_nouns: Vec<String>,
    boundaries: Vec<String>,
    locative: Vec<String>,
    place_name_heads: Vec<String>,
    #[serde(default)]
    generic_determiners: Vec<String>,
    #[serde(default)]
    trend_nouns: Vec<String>,
    #[serde(default)]
    framing_verbs: Vec<String>,
    #[serde(default)]
    modifier_heads: Vec<String>,
    #[serde(default)]
    origin_compounds: Vec<String>,
    #[serde(default)]
    control_compounds: Vec<String>,
    #[serde(default)]
    unrealised: Vec<String>,
    #[serde(default)]
    stop_verbs: Vec<String>,
    #[serde(default)]
    region_heads: Vec<String>,
    #[serde(default)]
    titled_region_heads: Vec<String>,
    #[serde(default)]
    locality_heads: Vec<String>,
    #[serde(default)]
    site_heads: Vec<String>,
    #[serde(default)]
    near_places: Vec<String>,
    #[serde(default)]
    place_clauses: Vec<String>,
    #[serde(default)]
    report_adjuncts: Vec<String>,
    #[serde(default)]
    subordinators: Vec<String>,
    #[serde(default)]
    attributive_participles: Vec<String>,
    #[serde(default)]
    attributive_after: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocument {
    skip_prefixes: Vec<String>,
    skip_contains: Vec<String>,
    #[serde(default)]
    end_sections: Vec<String>,
    #[serde(default)]
    heading_max_words: usize,
    #[serde(default = "default_later_reach")]
    later_reach: usize,
}

fn default_later_reach() -> usize {
    1
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelation {
    id: String,
    predicate: String,
    #[serde(default)]
    symmetric: bool,
    subject: Vec<String>,
    object: Vec<String>,
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    passive: Vec<String>,
    #[serde(default)]
    nominal: Vec<String>,
    #[serde(default)]
    compound: Vec<String>,
    #[serde(default)]
    from: Vec<String>,
    #[serde(default)]
    receipt: Vec<String>,
    #[serde(default)]
    receipt_in_place: bool,
    #[serde(default)]
    double: Vec<String>,
    #[serde(default)]
    double_nouns: Vec<String>,
    #[serde(default)]
    possessed: Vec<String>,
    #[serde(default)]
    adjacent: bool,
    confidence: f32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    id: String,
    types: Vec<String>,
    #[serde(default)]
    triggers: Vec<String>,
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    weapons: Vec<String>,
    #[serde(default)]
    not_before: Vec<String>,
    #[serde(default)]
    object: Vec<String>,
    #[serde(default)]
    far_verbs: Vec<String>,
    #[serde(default)]
    far_objects: Vec<String>,
    #[serde(default)]
    far_gap: usize,
    #[serde(default)]
    host: bool,
    confidence: f32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoles {
    target: Vec<String>,
    location: Vec<String>,
    participant: Vec<String>,
    agent: Vec<String>,
    light_verbs: Vec<String>,
    #[serde(default)]
    air_heads: Vec<String>,
    party_verbs: Vec<String>,
    modifiers: Vec<String>,
    mediation_verbs: Vec<String>,
    mediation_passive: Vec<String>,
    mediator_nouns: Vec<String>,
    #[serde(default)]
    delegation_nouns: Vec<String>,
    #[serde(default)]
    held_talks_openers: Vec<String>,
    #[serde(default)]
    held_talks_stops: Vec<String>,
    #[serde(default)]
    delegation_heads: Vec<String>,
    #[serde(default)]
    weapon_participles: Vec<String>,
    #[serde(default)]
    weapon_directions: Vec<String>,
    #[serde(default)]
    agent_bridges: Vec<String>,
    #[serde(default)]
    agent_collectives: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCasualties {
    kill_words: Vec<String>,
    #[serde(default)]
    transitive_kill_words: Vec<String>,
    participles: Vec<String>,
    at_least: Vec<String>,
    approximate: Vec<String>,
    security_nouns: Vec<String>,
    combatant_nouns: Vec<String>,
    civilian_nouns: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAttribution {
    id: String,
    stance: String,
    #[serde(default)]
    theme: Option<String>,
    verbs: Vec<String>,
    #[serde(default)]
    not_before: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHedges {
    phrases: Vec<String>,
    sources: Vec<String>,
    involvement: Vec<String>,
    claim_responsibility: Vec<String>,
    #[serde(default)]
    claimed_by: Vec<String>,
    #[serde(default)]
    disclaimers: Vec<String>,
}

/// A relation rule, compiled.
#[derive(Debug)]
pub struct RelationRule {
    pub id: String,
    /// `relation/{id}`, as recorded in `ckg:rule`.
    pub rule_id: String,
    pub predicate: String,
    pub symmetric: bool,
    pub subject: Vec<String>,
    pub object: Vec<String>,
    pub verbs: PhraseSet,
    pub passive: PhraseSet,
    pub nominal: PhraseSet,
    pub compound: PhraseSet,
    pub from: PhraseSet,
    pub receipt: PhraseSet,
    /// Verbs with two objects, the related name first and then one of `double_nouns`:
    /// "giving IMU fighters sanctuary", "offered Jaish al-Adl refuge".
    pub double: PhraseSet,
    /// A `nominal` after a `receipt` verb with no possessor is given by the state it is
    /// received in: "TTP militants enjoy safe havens in Afghanistan".
    pub receipt_in_place: bool,
    pub double_nouns: PhraseSet,
    /// Nouns after a possessor that relate the apposed or predicated name to it: "JNIM,
    /// al-Qaeda's affiliate in the Sahel" (memberOf al-Qaeda).
    pub possessed: PhraseSet,
    /// Every phrase that can start a match of this rule (verbs, passive, nominal, compound,
    /// from): sentences without one skip the rule.
    pub any: PhraseSet,
    pub adjacent: bool,
    pub confidence: f32,
}

#[derive(Debug)]
pub struct EventRule {
    pub id: String,
    pub types: Vec<String>,
    pub triggers: PhraseSet,
    pub verbs: PhraseSet,
    /// Weapons that make the event only as the object of a light verb ("launched 470 drones
    /// at Ukraine", "fired rockets into Sderot"), never on their own ("Chinese-made drones").
    pub weapons: PhraseSet,
    /// Words right after one of the rule's verbs that make it another verb ("traded
    /// accusations", "exchanged views": no prisoner exchange).
    pub not_before: PhraseSet,
    /// Entity types one of which the object of the rule's verbs must have for the verb to
    /// make the event ("received Somalia's president": a meeting; "received support": none).
    /// Empty: any object, or none.
    pub object: Vec<String>,
    /// Verbs that make the event only when one of `far_objects` follows within `far_gap`
    /// words of modifiers ("exchanged small-arms and mortar fire", "traded heavy artillery
    /// fire"); the match runs through the object.
    pub far_verbs: PhraseSet,
    pub far_objects: PhraseSet,
    pub far_gap: usize,
    /// The subject of the rule's verbs hosts the event: a mediator when the object names two
    /// sides or more ("Wang Yi hosted his Pakistani and Afghan counterparts"), else a
    /// participant ("Modi hosted Putin").
    pub host: bool,
    pub confidence: f32,
}

/// Who is the subject of the proposition an attribution verb introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// "X said that …": the proposition has its own subject.
    None,
    /// "X accuses Y of …": Y.
    Object,
    /// "X denies …-ing": X.
    Claimant,
}

#[derive(Debug)]
pub struct AttributionRule {
    pub id: String,
    pub denied: bool,
    pub theme: Theme,
    pub verbs: PhraseSet,
    /// Words right after a verb that make it no report of speech ("responded to the fire").
    pub not_before: PhraseSet,
}

/// All rules, compiled into phrase sets.
#[derive(Debug)]
pub struct Rules {
    /// Every event trigger and verb: tokens that start none skip the event rules.
    pub event_any: PhraseSet,
    pub leader_titles: PhraseSet,
    pub titles: PhraseSet,
    /// The titles in the plural, for one title shared by a list of names ("Presidents Felix
    /// Tshisekedi and Paul Kagame"); made from `titles`.
    pub plural_titles: PhraseSet,
    pub honorifics: PhraseSet,
    /// Last words that make a capitalised name no person ("Border Committee", "Defence Staff").
    pub non_person_heads: PhraseSet,
    /// Titles of those who speak for a side ("spokesperson"): unnamed, their account is still
    /// a claim ("…, a defence spokesperson said").
    pub side_voices: PhraseSet,
    /// Words before a title that still belong to it ("acting Foreign Minister X").
    pub title_modifiers: PhraseSet,
    pub name_particles: PhraseSet,
    pub group_nouns: PhraseSet,
    pub person_pronouns: PhraseSet,
    pub group_possessives: PhraseSet,
    pub group_heads: PhraseSet,
    pub actor_heads: PhraseSet,
    pub armed_name_words: PhraseSet,
    /// Institutions named without their state: "the army", "the government", "the junta".
    pub institutions: PhraseSet,
    /// Words before a group noun that make it armed ("a splinter group", "the rebel group").
    pub armed_modifiers: PhraseSet,
    /// Words after a group noun that introduce its name ("a group calling itself X").
    pub group_introducers: PhraseSet,
    /// Words before a group noun that make it no armed group ("a rights group").
    pub civil_group_words: PhraseSet,
    pub negation: PhraseSet,
    pub negation_window: usize,
    pub modal: PhraseSet,
    pub modal_window: usize,
    /// Verbs that ask another to act ("urged his fighters to …"): a generic event noun in the
    /// infinitive after them ("to concentrate their attacks on …") is not an event.
    pub exhortations: PhraseSet,
    pub subject_skip: PhraseSet,
    /// What a denial can refer back to: "rejected the accusation", "a charge Pakistan denied".
    pub claim_nouns: PhraseSet,
    pub boundaries: PhraseSet,
    pub locative: PhraseSet,
    /// Words before an event noun that make it no particular event ("such attacks").
    pub generic_determiners: PhraseSet,
    /// Words that make the event nouns after them a trend, no particular event ("a surge in
    /// militant attacks since the summer").
    pub trend_nouns: PhraseSet,
    /// Verbs after "the attack" that only place an event already told in time ("came after").
    pub framing_verbs: PhraseSet,
    /// Nouns after an event or mediation word that make it a modifier ("negotiating
    /// delegation", "attack helicopters", "a mediating state"): no event, no mediator.
    pub modifier_heads: PhraseSet,
    /// Participles after "has not (been)", "was not" that make an event noun no event: "a
    /// truce … has not been agreed", "a return to fighting was not inevitable".
    pub unrealised: PhraseSet,
    /// Verbs whose object event does not go on: "halted its air campaign", "stop targeting".
    pub stop_verbs: PhraseSet,
    /// Participles after "Demonym-" that tell where a thing comes from ("Chinese-made
    /// drones"): that demonym names no actor.
    pub origin_compounds: PhraseSet,
    /// Participles after a name and a hyphen that make the name a modifier of what follows
    /// ("the Houthi-controlled port of Hodeidah": the port is the object, not the Houthis).
    pub control_compounds: PhraseSet,
    /// Lower-case nouns after an unknown capitalised name that make it a place: regions
    /// ("Barmal district"), localities ("Dawezai village") and sites ("the Lowara Mandi area").
    pub region_heads: PhraseSet,
    /// Capitalised heads that are part of a region's name ("Ulang County", "East Gojjam Zone").
    pub titled_region_heads: PhraseSet,
    pub locality_heads: PhraseSet,
    pub site_heads: PhraseSet,
    /// Prepositions after which an unknown capitalised name is a place ("near Zalambessa",
    /// "on the outskirts of Bara").
    pub near_places: PhraseSet,
    /// Relative clauses that make the unknown name set off before them a place.
    pub place_clauses: PhraseSet,
    /// Words that open a fronted subordinate clause ("before", "after"): a modal inside it
    /// ("shortly before the truce was due to lapse,") does not reach the main clause.
    pub subordinators: PhraseSet,
    /// Participles of attribution verbs that qualify the noun after them when they follow a
    /// number, an event or kill verb, or a word of `attributive_after` ("struck suspected TTP
    /// hideouts", "two alleged spies"): then they report no speech.
    pub attributive_participles: PhraseSet,
    pub attributive_after: PhraseSet,
    /// Words that open where, when or how something was said, after a sentence-final
    /// attribution verb ("said on Telegram", "said in a statement", "wrote on X").
    pub report_adjuncts: PhraseSet,
    pub place_name_heads: PhraseSet,
    /// Lower-case prefixes of sentences that are page furniture (captions, "Read more").
    pub skip_prefixes: Vec<String>,
    pub skip_contains: Vec<String>,
    /// Headings after which a text has no more reporting ("See also", "References").
    pub end_sections: Vec<String>,
    /// Sentences of at most this many words without final punctuation are headings.
    pub heading_max_words: usize,
    /// How many sentences back "two days later" may find the date it counts from.
    pub later_reach: usize,
    /// How many sentences back a group last named may still be the one a counted "15
    /// militants" belongs to.
    pub group_reach: usize,
    /// How many sentences back "the attack" (with no agent of its own) may still be the
    /// latest attack told.
    pub attack_reach: usize,
    /// How many of a document's place mentions must lie in one state (and more than twice as
    /// many as in any other) for a bare "the army" to be that state's.
    pub home_min_places: usize,
    pub relations: Vec<RelationRule>,
    pub events: Vec<EventRule>,
    pub role_target: PhraseSet,
    pub role_location: PhraseSet,
    pub role_participant: PhraseSet,
    pub role_agent: PhraseSet,
    pub light_verbs: PhraseSet,
    /// Nouns after an agent that make its attack an airstrike ("Pakistani aircraft carried out
    /// strikes", "Israeli jets hit").
    pub air_heads: PhraseSet,
    pub party_verbs: PhraseSet,
    pub modifiers: PhraseSet,
    pub mediation_verbs: PhraseSet,
    pub mediation_passive: PhraseSet,
    pub mediator_nouns: PhraseSet,
    /// Nouns for one party's team at talks ("the Pakistani delegation", "the Afghan side").
    pub delegation_nouns: PhraseSet,
    /// Verbs that name who heads such a team ("was led by", "headed by").
    pub delegation_heads: PhraseSet,
    /// Words a few words before talks or a truce that make them the clause subject's ("agreed
    /// … after two days of talks", "to monitor their ceasefire").
    pub held_talks_openers: PhraseSet,
    /// Words that stop the look-back for such an opener ("in", "with": another phrase).
    pub held_talks_stops: PhraseSet,
    /// Participles after a weapon that make it an attack when a direction or an agent follows
    /// ("projectiles fired at Smara", "rockets launched from Gaza", "shells lobbed by …").
    pub weapon_participles: PhraseSet,
    /// The words that must follow such a participle ("by", "at", "from", "into" …).
    pub weapon_directions: PhraseSet,
    /// Words allowed between an event word and "by" for the actor after "by" to be its agent
    /// ("strikes carried out by X", "shells fired by X"; not "facilities used by X").
    pub agent_bridges: PhraseSet,
    /// Collective nouns after "by" whose "of"-complement is the agent ("fired by elements of
    /// the Polisario Front").
    pub agent_collectives: PhraseSet,
    pub kill_words: PhraseSet,
    /// The kill words that take the dead as their object, so that a number after them counts
    /// the dead ("killing at least one soldier", "beheaded six villagers").
    pub transitive_kill_words: PhraseSet,
    pub participles: PhraseSet,
    pub at_least: PhraseSet,
    pub approximate: PhraseSet,
    pub security_nouns: PhraseSet,
    pub combatant_nouns: PhraseSet,
    pub civilian_nouns: PhraseSet,
    pub attributions: Vec<AttributionRule>,
    pub hedges: PhraseSet,
    pub sources: PhraseSet,
    pub involvement: PhraseSet,
    pub claim_responsibility: PhraseSet,
    /// Passive claims of responsibility: "the attack was claimed by X".
    pub claimed_by: PhraseSet,
    /// What a speaker says to deny carrying out an event: "said it had no role in the
    /// bombing", "had nothing to do with it".
    pub disclaimers: PhraseSet,
}

const PREDICATES: &[&str] = &[
    "leaderOf",
    "memberOf",
    "affiliatedWith",
    "governs",
    "harbors",
    "supports",
    "alliedWith",
    "operatesIn",
    "borders",
    "locatedIn",
];
const EVENT_TYPES: &[&str] = &[
    "Attack",
    "Airstrike",
    "Clash",
    "Ceasefire",
    "Negotiation",
    "Meeting",
    "Deportation",
    "PrisonerExchange",
];
const TYPE_NAMES: &[&str] = &[
    "Actor",
    "Place",
    "Any",
    "State",
    "ArmedGroup",
    "Organization",
    "Person",
    "City",
    "Region",
    "Group",
    "Collective",
    "Site",
];

/// The plural of a title: "presidents", "foreign ministers", "spokesmen".
fn plural(title: &str) -> String {
    if let Some(stem) = title.strip_suffix("man") {
        format!("{stem}men")
    } else if title.ends_with('s') || title.ends_with("ch") || title.ends_with("sh") {
        format!("{title}es")
    } else {
        format!("{title}s")
    }
}

/// The singular of a title written in the plural (see `plural`).
pub fn singular(title: &str) -> String {
    if let Some(stem) = title.strip_suffix("men") {
        format!("{stem}man")
    } else if let Some(stem) = title
        .strip_suffix("es")
        .filter(|st| st.ends_with("ss") || st.ends_with("ch") || st.ends_with("sh"))
    {
        stem.to_string()
    } else {
        title.strip_suffix('s').unwrap_or(title).to_string()
    }
}

impl Rules {
    /// Whether an event trigger or event verb (not a weapon, nor a verb that needs an object of
    /// some type) starts at token `k`.
    pub fn starts_event(&self, toks: &[crate::text::Token], k: usize) -> bool {
        toks.get(k).is_some_and(|t| self.event_any.may_start_at(t))
            && self.events.iter().any(|e| {
                // ("a ceremony hosted by X in Washington": a verb that needs an object of
                // some type to make its event does not part a phrase by itself)
                e.triggers.match_at(toks, k).is_some()
                    || (e.object.is_empty() && e.verbs.match_at(toks, k).is_some())
            })
    }

    /// Whether an attribution verb ("said", "denied", "accused" …) starts at token `k`.
    pub fn starts_attribution(&self, toks: &[crate::text::Token], k: usize) -> bool {
        self.attributions
            .iter()
            .any(|a| a.verbs.match_at(toks, k).is_some())
    }

    /// The built-in rules.
    pub fn builtin() -> Result<Rules> {
        Self::parse(BUILTIN_NAME, BUILTIN)
    }

    /// The built-in rules, or a user file instead.
    pub fn load(path: Option<&std::path::Path>) -> Result<Rules> {
        match path {
            None => Self::builtin(),
            Some(p) => {
                let text = std::fs::read_to_string(p).map_err(|source| Error::Io {
                    path: p.to_path_buf(),
                    source,
                })?;
                Self::parse(&p.display().to_string(), &text)
            }
        }
    }

    pub fn parse(name: &str, text: &str) -> Result<Rules> {
        let raw: RawRules = toml::from_str(text).map_err(|e| Error::toml(name, text, &e))?;
        let bad = |m: String| Error::Data {
            path: name.to_string(),
            message: m,
        };
        let ps = |v: &[String]| PhraseSet::new(v);
        let mut relations = Vec::new();
        for r in raw.relation {
            if !PREDICATES.contains(&r.predicate.as_str()) {
                return Err(bad(format!(
                    "relation {}: unknown predicate {:?}",
                    r.id, r.predicate
                )));
            }
            for t in r.subject.iter().chain(&r.object) {
                if !TYPE_NAMES.contains(&t.as_str()) {
                    return Err(bad(format!("relation {}: unknown entity type {t:?}", r.id)));
                }
            }
            if r.double.is_empty() != r.double_nouns.is_empty() {
                return Err(bad(format!(
                    "relation {}: `double` and `double_nouns` go together",
                    r.id
                )));
            }
            relations.push(RelationRule {
                rule_id: format!("relation/{}", r.id),
                id: r.id,
                predicate: r.predicate,
                symmetric: r.symmetric,
                subject: r.subject,
                object: r.object,
                verbs: ps(&r.verbs),
                passive: ps(&r.passive),
                nominal: ps(&r.nominal),
                compound: ps(&r.compound),
                from: ps(&r.from),
                receipt: ps(&r.receipt),
                double: ps(&r.double),
                receipt_in_place: r.receipt_in_place,
                double_nouns: ps(&r.double_nouns),
                possessed: ps(&r.possessed),
                any: PhraseSet::default(),
                adjacent: r.adjacent,
                confidence: r.confidence.clamp(0.0, 1.0),
            });
        }
        for r in &mut relations {
            r.any = PhraseSet::union(&[
                &r.verbs,
                &r.passive,
                &r.nominal,
                &r.compound,
                &r.from,
                &r.possessed,
                &r.double,
            ]);
        }
        let mut events = Vec::new();
        for e in raw.event {
            if e.types.is_empty() {
                return Err(bad(format!("event {}: no types", e.id)));
            }
            for t in &e.types {
                if !EVENT_TYPES.contains(&t.as_str()) {
                    return Err(bad(format!("event {}: unknown event type {t:?}", e.id)));
                }
            }
            for t in &e.object {
                if !TYPE_NAMES.contains(&t.as_str()) {
                    return Err(bad(format!("event {}: unknown entity type {t:?}", e.id)));
                }
            }
            events.push(EventRule {
                id: e.id,
                types: e.types,
                triggers: ps(&e.triggers),
                verbs: ps(&e.verbs),
                weapons: ps(&e.weapons),
                not_before: ps(&e.not_before),
                object: e.object,
                far_verbs: ps(&e.far_verbs),
                far_objects: ps(&e.far_objects),
                far_gap: e.far_gap.min(8),
                host: e.host,
                confidence: e.confidence.clamp(0.0, 1.0),
            });
        }
        let mut attributions = Vec::new();
        for a in raw.attribution {
            let denied = match a.stance.as_str() {
                "Asserted" => false,
                "Denied" => true,
                s => {
                    return Err(bad(format!(
                        "attribution {}: stance must be Asserted or Denied, not {s:?}",
                        a.id
                    )))
                }
            };
            let theme = match a.theme.as_deref() {
                None | Some("none") => Theme::None,
                Some("object") => Theme::Object,
                Some("claimant") => Theme::Claimant,
                Some(t) => {
                    return Err(bad(format!(
                        "attribution {}: theme must be object or claimant, not {t:?}",
                        a.id
                    )))
                }
            };
            attributions.push(AttributionRule {
                id: a.id,
                denied,
                theme,
                verbs: ps(&a.verbs),
                not_before: ps(&a.not_before),
            });
        }
        let event_sets: Vec<&PhraseSet> = events
            .iter()
            .flat_map(|e: &EventRule| [&e.triggers, &e.verbs, &e.weapons, &e.far_verbs])
            .collect();
        let event_any = PhraseSet::union(&event_sets);
        let all_titles = [raw.titles.office, raw.titles.leader.clone()].concat();
        Ok(Rules {
            event_any,
            leader_titles: ps(&raw.titles.leader),
            titles: ps(&all_titles),
            plural_titles: ps(&all_titles.iter().map(|t| plural(t)).collect::<Vec<_>>()),
            honorifics: ps(&raw.titles.honorifics),
            non_person_heads: ps(&raw.titles.non_person_heads),
            side_voices: ps(&raw.titles.side_voices),
            name_particles: ps(&raw.titles.name_particles),
            title_modifiers: ps(&raw.titles.title_modifiers),
            group_nouns: ps(&raw.coreference.group_nouns),
            person_pronouns: ps(&raw.coreference.person_pronouns),
            group_possessives: ps(&raw.coreference.group_possessives),
            group_heads: ps(&raw.coreference.group_heads),
            actor_heads: ps(&raw.coreference.actor_heads),
            armed_name_words: ps(&raw.coreference.armed_name_words),
            institutions: ps(&raw.coreference.institutions),
            armed_modifiers: ps(&raw.coreference.armed_modifiers),
            group_introducers: ps(&raw.coreference.group_introducers),
            civil_group_words: ps(&raw.coreference.civil_group_words),
            negation: ps(&raw.context.negation),
            negation_window: raw.context.negation_window,
            modal: ps(&raw.context.modal),
            modal_window: raw.context.modal_window,
            exhortations: ps(&raw.context.exhortations),
            subject_skip: ps(&raw.context.subject_skip),
            claim_nouns: ps(&raw.context.claim_nouns),
            boundaries: ps(&raw.context.boundaries),
            locative: ps(&raw.context.locative),
            generic_determiners: ps(&raw.context.generic_determiners),
            trend_nouns: ps(&raw.context.trend_nouns),
            framing_verbs: ps(&raw.context.framing_verbs),
            modifier_heads: ps(&raw.context.modifier_heads),
            unrealised: ps(&raw.context.unrealised),
            stop_verbs: ps(&raw.context.stop_verbs),
            origin_compounds: ps(&raw.context.origin_compounds),
            control_compounds: ps(&raw.context.control_compounds),
            region_heads: ps(&raw.context.region_heads),
            titled_region_heads: ps(&raw.context.titled_region_heads),
            locality_heads: ps(&raw.context.locality_heads),
            site_heads: ps(&raw.context.site_heads),
            near_places: ps(&raw.context.near_places),
            place_clauses: ps(&raw.context.place_clauses),
            subordinators: ps(&raw.context.subordinators),
            attributive_participles: ps(&raw.context.attributive_participles),
            attributive_after: ps(&raw.context.attributive_after),
            report_adjuncts: ps(&raw.context.report_adjuncts),
            place_name_heads: ps(&raw.context.place_name_heads),
            skip_prefixes: raw
                .document
                .skip_prefixes
                .iter()
                .map(|p| p.to_lowercase())
                .collect(),
            skip_contains: raw
                .document
                .skip_contains
                .iter()
                .map(|p| p.to_lowercase())
                .collect(),
            heading_max_words: raw.document.heading_max_words,
            later_reach: raw.document.later_reach,
            group_reach: raw.coreference.group_reach,
            attack_reach: raw.coreference.attack_reach,
            home_min_places: raw.coreference.home_min_places,
            end_sections: raw
                .document
                .end_sections
                .iter()
                .map(|p| p.to_lowercase())
                .collect(),
            relations,
            events,
            role_target: ps(&raw.roles.target),
            role_location: ps(&raw.roles.location),
            role_participant: ps(&raw.roles.participant),
            role_agent: ps(&raw.roles.agent),
            light_verbs: ps(&raw.roles.light_verbs),
            air_heads: ps(&raw.roles.air_heads),
            modifiers: ps(&raw.roles.modifiers),
            party_verbs: ps(&raw.roles.party_verbs),
            mediation_verbs: ps(&raw.roles.mediation_verbs),
            mediation_passive: ps(&raw.roles.mediation_passive),
            mediator_nouns: ps(&raw.roles.mediator_nouns),
            delegation_nouns: ps(&raw.roles.delegation_nouns),
            held_talks_openers: ps(&raw.roles.held_talks_openers),
            held_talks_stops: ps(&raw.roles.held_talks_stops),
            delegation_heads: ps(&raw.roles.delegation_heads),
            weapon_participles: ps(&raw.roles.weapon_participles),
            weapon_directions: ps(&raw.roles.weapon_directions),
            agent_bridges: ps(&raw.roles.agent_bridges),
            agent_collectives: ps(&raw.roles.agent_collectives),
            kill_words: ps(&raw.casualties.kill_words),
            transitive_kill_words: ps(&raw.casualties.transitive_kill_words),
            participles: ps(&raw.casualties.participles),
            at_least: ps(&raw.casualties.at_least),
            approximate: ps(&raw.casualties.approximate),
            security_nouns: ps(&raw.casualties.security_nouns),
            combatant_nouns: ps(&raw.casualties.combatant_nouns),
            civilian_nouns: ps(&raw.casualties.civilian_nouns),
            attributions,
            hedges: ps(&raw.hedges.phrases),
            sources: ps(&raw.hedges.sources),
            involvement: ps(&raw.hedges.involvement),
            claim_responsibility: ps(&raw.hedges.claim_responsibility),
            claimed_by: ps(&raw.hedges.claimed_by),
            disclaimers: ps(&raw.hedges.disclaimers),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plural_title_turns_back_into_its_singular() {
        for t in [
            "President",
            "Foreign Minister",
            "Spokesman",
            "Princess",
            "Coach",
            "Chief Justice",
        ] {
            assert_eq!(singular(&plural(t)), t);
        }
        assert_eq!(plural("Spokesman"), "Spokesmen");
        assert_eq!(plural("Princess"), "Princesses");
    }

    #[test]
    fn builtin_rules_parse() {
        let r = Rules::builtin().expect("built-in rules parse");
        assert!(r.relations.iter().any(|r| r.predicate == "harbors"));
        assert!(r.events.iter().any(|e| e.types[0] == "Airstrike"));
    }

    #[test]
    fn unknown_predicate_is_reported_with_the_file() {
        let text = BUILTIN.replace("predicate = \"harbors\"", "predicate = \"hides\"");
        let e = Rules::parse("my.toml", &text).expect_err("bad predicate");
        assert!(
            e.to_string().contains("my.toml") && e.to_string().contains("hides"),
            "{e}"
        );
    }

    #[test]
    fn double_verbs_without_their_nouns_are_reported() {
        let extra =
            "\n[[relation]]\nid = \"gives\"\npredicate = \"supports\"\nsubject = [\"Actor\"]\n\
                     object = [\"Actor\"]\ndouble = [\"gave\"]\nconfidence = 0.5\n";
        let e = Rules::parse("my.toml", &format!("{BUILTIN}{extra}")).expect_err("no nouns");
        assert!(e.to_string().contains("go together"), "{e}");
        let whole = extra.replace("]\nconfidence", "]\ndouble_nouns = [\"arms\"]\nconfidence");
        assert!(Rules::parse("my.toml", &format!("{BUILTIN}{whole}")).is_ok());
    }
}
