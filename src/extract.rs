//! Extraction: a [`Document`] → mentions → statements ([`Extraction`]).
//!
//! For each sentence: tokens; mentions of catalogue entities, of people introduced by a title,
//! of unknown groups, and back-references ("the group", "he"); then the statements the rules
//! find around trigger words: titles and offices, relations, events with their roles,
//! casualties and dates. A statement inside an attribution ("X said that…", "according to X",
//! "reportedly", a quotation, a denial) becomes a claim instead of a fact. Extraction does no
//! I/O and is deterministic: the same bytes always yield the same statements.
use crate::catalogue::{Catalogue, Form, Kind};
use crate::dates::{self, Anchor, DateMention, DateValue, Later};
use crate::document::Document;
use crate::model::*;
use crate::rules::{Rules, Theme};
use crate::sentences::{self, Sentence};
use crate::text::{tokenize, TokKind, Token};
use rustc_hash::FxHashMap as HashMap;
use std::collections::{BTreeMap, BTreeSet};

/// The extractor: catalogue and rules, built once and shared across threads.
#[derive(Debug)]
pub struct Extractor {
    pub catalogue: Catalogue,
    pub rules: Rules,
}

/// A mention of an entity in a sentence: token span `[start, end)`.
#[derive(Debug, Clone)]
struct Mention {
    start: usize,
    end: usize,
    /// Start including a title written before the name (for lists of titled people).
    ext_start: usize,
    key: String,
    kind: Kind,
    form: Form,
    possessive: bool,
    coref: bool,
}

/// An attribution frame: statements whose trigger lies in `from..to` are claims.
#[derive(Debug, Clone)]
struct Frame {
    from: usize,
    to: usize,
    claimants: Vec<String>,
    theme: Vec<String>,
    denied: bool,
    hedged: bool,
    rule: String,
    /// Whether the claimant is still to be found (a quotation that closes later).
    pending: bool,
    /// "did not confirm that …", "neither confirmed nor denied", "declined to say whether …":
    /// the words inside are nobody's claim and no fact either.
    unstated: bool,
    /// "…, a defence spokesperson said": a source described by a title and not named, whose
    /// account is still a claim (with no claimant).
    unnamed_source: bool,
}

struct Sent {
    idx: usize,
    paragraph: usize,
    toks: Vec<Token>,
    text: String,
    mentions: Vec<Mention>,
    at: Vec<Option<usize>>,
    dates: Vec<DateMention>,
    frames: Vec<Frame>,
    boundary: Vec<bool>,
    /// Per token: where the innermost attribution frame around it starts (0: none).
    floor: Vec<usize>,
    /// Tokens of a dateline ("ISLAMABAD, March 14 (Agency) -"), ignored.
    dateline: usize,
    /// Tokens covered by a one-word place name, which may end a person's name ("… Wardak").
    soft_block: Vec<bool>,
    /// Capitals read as their state: (token, the city's key), for "the Kabul strike".
    metonyms: Vec<(usize, String)>,
    /// Where a sentence-final speaker phrase opens ("…, a resident in Gondar said"), found at
    /// most once per sentence, when an event first asks (Extractor::speaker_tail_of).
    speaker_tail: std::cell::OnceCell<Option<usize>>,
}

impl Sent {
    fn word(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.lower.as_str())
    }
    fn surface(&self, a: usize, b: usize) -> &str {
        if a >= b || b > self.toks.len() {
            return "";
        }
        &self.text[self.toks[a].start..self.toks[b - 1].end]
    }
    /// Whether an acronym in parentheses starts at `k`: "( ENDF )".
    fn acronym_in_parens(&self, k: usize) -> bool {
        self.word(k) == "("
            && self.word(k + 2) == ")"
            && self.toks.get(k + 1).is_some_and(|t| {
                let raw = &self.text[t.start..t.end];
                raw.len() >= 2 && crate::catalogue::is_acronym(raw)
            })
    }
    fn mention_at(&self, i: usize) -> Option<&Mention> {
        self.at.get(i).copied().flatten().map(|m| &self.mentions[m])
    }
    fn mention_ending_at(&self, end: usize) -> Option<usize> {
        if end == 0 {
            return None;
        }
        let m = self.at.get(end - 1).copied().flatten()?;
        (self.mentions[m].end == end).then_some(m)
    }
    fn clause_end(&self, from: usize) -> usize {
        (from..self.toks.len())
            .find(|&k| self.boundary[k])
            .unwrap_or(self.toks.len())
    }
    fn clause_start(&self, from: usize) -> usize {
        let b = (0..from)
            .rev()
            .find(|&k| self.boundary[k])
            .map_or(0, |k| k + 1);
        b.max(self.floor.get(from).copied().unwrap_or(0))
            .max(self.dateline)
            .min(from)
    }
}

impl Frame {
    /// One claim per claimant, or one with no claimant when the frame names none ("reportedly",
    /// a quotation whose speaker is not known yet).
    fn claimant_slots(&self) -> Vec<Option<String>> {
        if self.claimants.is_empty() {
            vec![None]
        } else {
            self.claimants.iter().cloned().map(Some).collect()
        }
    }
}

/// Whether a passive starts at `k`, right after an event noun: "the ceasefire was agreed".
fn passive_after(s: &Sent, k: usize) -> bool {
    matches!(s.word(k), "was" | "were")
}

/// What a definite "the ceasefire" refers to.
enum Coref {
    /// The same occurrence of an event told before: merged into it.
    Same(usize),
    /// The same truce or talks, told at another date: a new event with that one's parties.
    Earlier(usize),
    None,
}

/// Per-document state: entities, statements, and what back-references resolve to.
struct DocState<'a> {
    ex: &'a Extractor,
    date: Option<chrono::NaiveDate>,
    entities: BTreeMap<String, EntityRecord>,
    facts: Vec<Fact>,
    events: Vec<Event>,
    claims: Vec<Claim>,
    /// Entities in order of mention (latest last).
    recent: Vec<(String, Kind)>,
    /// Surname or name token → person key, for later bare-surname mentions.
    person_names: HashMap<String, String>,
    /// (sentence, event) of a toll told on its own and given to the fighting before: the
    /// sentence's next figure goes there too ("Seven guerrillas and two soldiers were killed").
    toll_told_after: Option<(usize, usize)>,
    /// Name skeleton → person key, to merge spelling variants.
    person_skeletons: HashMap<String, String>,
    latest_year: Option<i32>,
    para_date: Option<(usize, DateValue)>,
    para_date_sentence: usize,
    /// Whether that date was counted ("two days earlier") rather than told.
    para_date_counted: bool,
    last_event: HashMap<String, usize>,
    /// Truces told as made, in a passive ("a ceasefire was agreed"): kept with only a date.
    truces_made: BTreeSet<usize>,
    /// Claims waiting for the speaker of an open quotation.
    pending_quote: Vec<usize>,
    in_quote: bool,
    /// (event index, trigger token) of the current sentence.
    triggers: Vec<(usize, usize)>,
    /// Keys of entities that some final mention names.
    mentioned: BTreeSet<String>,
    /// The sentence each entity was last named in.
    last_seen: HashMap<String, usize>,
    /// Acronyms the document introduced for entities the catalogue does not know.
    acronyms: HashMap<String, (String, Kind)>,
    /// Who spoke last ("It added that …" continues their account).
    last_speaker: Vec<String>,
    /// The state, group or organisation the previous sentence opened with ("Pakistan's
    /// foreign ministry said …"), and that sentence's index: what a sentence-initial "It"
    /// refers to.
    prev_subject: Option<(usize, String, Kind)>,
    /// How often each state has been named: the story's home ground.
    state_counts: HashMap<String, usize>,
    /// How many place mentions (towns, provinces) lie in each state: where the story is set,
    /// for "the army" in a local report that never names its own country.
    place_state_counts: HashMap<String, usize>,
    /// Institution phrase ("army", "government") → the actors the document named it with
    /// ("Pakistan's army", "the Taliban government"), for a later bare "the army".
    institutions: HashMap<String, Vec<(String, Kind)>>,
    /// Armed groups the document introduced by name ("a group calling itself X"), as
    /// lower-case tokens, so that a later bare "X" is the same group.
    introduced: Vec<(Vec<String>, String)>,
    /// The next sentence is a linked headline ("Read more:" on its own line).
    skip_next: bool,
    /// A heading such as "See also" or "References" was passed: no more reporting.
    ended: bool,
}

const DEMONYM_KIND: Kind = Kind::State;
const EVENT_FAMILY_ATTACK: &[&str] = &["Attack", "Airstrike"];

/// The facts that tie a person (or a unit) to the side it acts for.
const PERSON_TIES: &[&str] = &["affiliatedWith", "memberOf", "leaderOf"];

/// An attack of any kind, or a clash: fighting.
fn is_fighting(ev: &Event) -> bool {
    ev.types
        .iter()
        .any(|t| EVENT_FAMILY_ATTACK.contains(&t.as_str()) || t == "Clash")
}
const CONTRACTED_NEGATION: &str = "'t";
/// Nouns before "in <capital>" that make the capital's state speak: "officials in Kabul said",
/// "a charge officials in Kabul deny".
const CAPITAL_SPEAKERS: &[&str] = &["officials", "authorities", "leaders", "diplomats"];
/// Words that cannot open the noun phrase an attributive participle qualifies ("officials
/// confirmed that …", "… confirmed the strike", "… alleged to have …").
const FUNCTION_WORDS: &[&str] = &[
    "that", "the", "a", "an", "this", "these", "those", "it", "to", "by", "on", "in", "at", "he",
    "she", "they", "we", "i", "its", "his", "her", "their", "what", "how", "whether", "who",
    "which", "as", "for", "from", "with", "of", "and", "or", "but", "there", "him", "them",
];

impl Extractor {
    pub fn new(catalogue: Catalogue, rules: Rules) -> Extractor {
        Extractor { catalogue, rules }
    }

    /// Built-in catalogue and rules.
    pub fn builtin() -> crate::error::Result<Extractor> {
        Ok(Extractor::new(Catalogue::load(&[])?, Rules::builtin()?))
    }

    /// Extract everything a document states.
    pub fn extract(&self, doc: Document) -> Extraction {
        let sents = sentences::split(&doc.body);
        let mut st = DocState {
            ex: self,
            date: doc.date,
            entities: BTreeMap::new(),
            facts: Vec::new(),
            events: Vec::new(),
            claims: Vec::new(),
            recent: Vec::new(),
            person_names: HashMap::default(),
            toll_told_after: None,
            person_skeletons: HashMap::default(),
            latest_year: None,
            para_date: None,
            para_date_sentence: 0,
            para_date_counted: false,
            last_event: HashMap::default(),
            truces_made: BTreeSet::new(),
            pending_quote: Vec::new(),
            in_quote: false,
            triggers: Vec::new(),
            mentioned: BTreeSet::new(),
            last_seen: HashMap::default(),
            acronyms: HashMap::default(),
            last_speaker: Vec::new(),
            prev_subject: None,
            state_counts: HashMap::default(),
            place_state_counts: HashMap::default(),
            institutions: HashMap::default(),
            introduced: Vec::new(),
            skip_next: false,
            ended: false,
        };
        for (idx, s) in sents.iter().enumerate() {
            st.sentence(idx, s, &doc.body);
        }
        st.dedupe();
        Extraction {
            doc,
            sentences: sents,
            entities: st.entities,
            facts: st.facts,
            events: st.events,
            claims: st.claims,
        }
    }
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = match c {
            'ä' | 'á' | 'à' | 'â' | 'ã' | 'å' | 'ā' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ē' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' | 'ō' | 'ø' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'ū' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'ş' | 'š' => 's',
            'ğ' => 'g',
            'ı' => 'i',
            c => c,
        };
        if matches!(c, '\'' | '’') {
            // "Sing'oei" → "singoei"
            continue;
        }
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A spelling-insensitive key for a person's name: consonants only, 'h' dropped, doubled
/// letters collapsed, so "Mehsud" and "Masood" agree.
fn skeleton(name: &str) -> String {
    name.split_whitespace()
        .map(|w| {
            let mut out = String::new();
            for (i, c) in w.to_lowercase().chars().enumerate() {
                let keep = i == 0
                    || !matches!(
                        c,
                        'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' | 'w' | '-' | '\''
                    );
                if keep && !out.ends_with(c) {
                    out.push(c);
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn kind_ok(kind: Kind, types: &[String]) -> bool {
    types.iter().any(|t| kind.matches_name(t))
}

fn same_family(a: Kind, b: Kind) -> bool {
    (a.is_actor() && b.is_actor()) || (a.is_place() && b.is_place())
}

impl<'a> DocState<'a> {
    fn rules(&self) -> &'a Rules {
        &self.ex.rules
    }
    fn cat(&self) -> &'a Catalogue {
        &self.ex.catalogue
    }

    fn record_catalogue(&mut self, i: usize) -> String {
        let e = &self.ex.catalogue.entities[i];
        let key = e.key();
        if self.entities.contains_key(key) {
            return key.to_string();
        }
        self.entities
            .entry(key.to_string())
            .or_insert_with(|| EntityRecord {
                key: key.to_string(),
                kind: e.kind,
                label: e.label.clone(),
                // the catalogue's aliases are added when the triples are made (rdf.rs); here
                // only the other spellings the text uses
                alt_labels: BTreeSet::new(),
                catalogue: Some(i),
                mediator: false,
            });
        key.to_string()
    }

    fn record_dynamic(&mut self, kind: Kind, name: &str) -> String {
        let key = format!("{}/{}", kind.path(), slug(name));
        self.entities
            .entry(key.clone())
            .or_insert_with(|| EntityRecord {
                key: key.clone(),
                kind,
                label: name.to_string(),
                alt_labels: BTreeSet::new(),
                catalogue: None,
                mediator: false,
            });
        key
    }

    /// The entities this document's facts tie `subj` to by one of `preds` ("affiliatedWith",
    /// "memberOf", …), in the order told.
    fn fact_objects<'s>(
        &'s self,
        subj: &'s str,
        preds: &'s [&str],
    ) -> impl Iterator<Item = String> + 's {
        self.facts
            .iter()
            .filter(move |f| f.s == subj && preds.contains(&f.p.as_str()))
            .filter_map(|f| match &f.o {
                Value::Entity(k) => Some(k.clone()),
                Value::Text(_) => None,
            })
    }

    fn kind_of(&self, key: &str) -> Kind {
        self.entities.get(key).map_or(Kind::Place, |e| e.kind)
    }

    fn cat_index(&self, key: &str) -> Option<usize> {
        self.entities.get(key).and_then(|e| e.catalogue)
    }

    /// Among armed groups named lately (latest first), the one at home where the story
    /// happens, else the latest.
    fn likely_group(&self, candidates: &[String]) -> Option<String> {
        self.likely_group_in(candidates, None)
    }

    /// As [`Self::likely_group`], preferring groups at home in `place_state` when given.
    fn likely_group_in(&self, candidates: &[String], place_state: Option<usize>) -> Option<String> {
        let cands = &candidates[..candidates.len().min(6)];
        if cands.len() <= 1 && place_state.is_none() {
            return candidates.first().cloned();
        }
        if let Some(ps) = place_state {
            return cands
                .iter()
                .find(|g| self.home_state(g) == Some(ps))
                .cloned();
        }
        // the states the document names, most named first: the first that is home to a
        // candidate ("Rwandan troops … the Mozambican army": ISMP, not the Somali al-Shabaab)
        let cat = self.cat();
        let mut best: Option<(usize, std::cmp::Reverse<&str>, std::cmp::Reverse<usize>)> = None;
        for (ci, g) in cands.iter().enumerate() {
            let Some(h) = self.home_state(g) else {
                continue;
            };
            let key = cat.entities[h].key();
            let Some(&count) = self.state_counts.get(key) else {
                continue;
            };
            let rank = (count, std::cmp::Reverse(key), std::cmp::Reverse(ci));
            if best.is_none_or(|b| rank > b) {
                best = Some(rank);
            }
        }
        best.map(|(_, _, std::cmp::Reverse(ci))| &cands[ci])
            .or(candidates.first())
            .cloned()
    }

    fn home_state(&self, key: &str) -> Option<usize> {
        self.cat_index(key)
            .and_then(|i| self.cat().home_state(i).or_else(|| self.cat().state_of(i)))
    }

    // ------------------------------------------------------------------ sentence pipeline

    fn sentence(&mut self, idx: usize, s: &Sentence, body: &str) {
        let text = s.text(body).to_string();
        let toks = tokenize(&text);
        if std::mem::take(&mut self.skip_next) {
            // the headline under "Read more:"
            return;
        }
        if self.ended {
            return;
        }
        let heading = !toks.is_empty()
            && toks.len() <= self.rules().heading_max_words
            && toks.iter().all(|t| t.kind == TokKind::Word);
        if heading {
            let line = text.trim().to_lowercase();
            self.ended = self.rules().end_sections.contains(&line);
        }
        if toks.is_empty() || heading || self.is_furniture(&text) {
            self.skip_next = text.trim_end().ends_with(':');
            return;
        }
        if let Some(y) = dates::years_named(&toks) {
            self.latest_year = Some(self.latest_year.map_or(y, |l| l.max(y)));
        }
        let anchor = Anchor {
            doc_date: self.date,
            latest_year: if self.date.is_none() {
                self.latest_year
            } else {
                None
            },
        };
        let dates = dates::find_dates(&toks, &anchor);
        let n = toks.len();
        let mut sent = Sent {
            idx,
            paragraph: s.paragraph,
            boundary: vec![false; n],
            at: vec![None; n],
            toks,
            text,
            mentions: Vec::new(),
            dates,
            frames: Vec::new(),
            floor: vec![0; n],
            dateline: 0,
            soft_block: vec![false; n],
            metonyms: Vec::new(),
            speaker_tail: std::cell::OnceCell::new(),
        };
        sent.dateline = dateline_len(&sent.toks, &sent.text);
        if sent.dateline > 0 {
            sent.dates.retain(|d| d.start >= sent.dateline);
        }
        self.mark_boundaries(&mut sent);
        self.find_mentions(&mut sent);
        // a date inside a name is no date: "the March 23 Movement"
        {
            let Sent {
                dates, mentions, ..
            } = &mut sent;
            dates.retain(|d| {
                !mentions
                    .iter()
                    .any(|m| !m.coref && m.start < d.end && d.start < m.end)
            });
        }
        self.titles(&sent);
        self.find_frames(&mut sent);
        for k in 0..sent.toks.len() {
            sent.floor[k] = self
                .frame_at(&sent, k)
                .map_or(0, |f| if f.from <= k { f.from } else { 0 });
        }
        self.relations(&sent);
        self.border_pairs(&sent);
        self.possessed_groups(&sent);
        self.place_hierarchy(&sent);
        let first_event = self.events.len();
        self.triggers.clear();
        self.events_in(&sent);
        self.mediation(&sent);
        self.delegations(&sent);
        self.casualties(&sent, first_event);
        self.event_claims(&sent, first_event);
        self.deny_previous(&sent);
        if let Some(last) = sent.dates.last() {
            self.para_date = Some((sent.paragraph, last.value));
            self.para_date_sentence = idx;
            self.para_date_counted = last.counted;
        }
        self.prev_subject = self
            .opening_subject(&sent)
            .map(|(key, kind)| (idx, key, kind));
        self.remember_institutions(&sent);
        for m in &sent.mentions {
            // "the junta" in a report that never names Myanmar: the state the story is set in
            // is described like any state named
            if !self.entities.contains_key(&m.key) {
                let id = m.key.rsplit('/').next().unwrap_or(&m.key);
                if let Some(i) = self.cat().get(id, m.kind) {
                    self.record_catalogue(i);
                }
            }
            self.recent.push((m.key.clone(), m.kind));
            self.mentioned.insert(m.key.clone());
            if !m.coref {
                self.last_seen.insert(m.key.clone(), idx);
            }
            if m.kind == Kind::State && !m.coref {
                *self.state_counts.entry(m.key.clone()).or_insert(0) += 1;
            } else if let Some(key) = self.state_of_place(m) {
                *self.place_state_counts.entry(key).or_insert(0) += 1;
            } else if m.kind == Kind::Organization && !m.coref {
                // "the FADM", "Mozambican troops": a state's forces name the state
                let cat = self.cat();
                let st = self
                    .cat_index(&m.key)
                    .and_then(|i| cat.entities[i].affiliation)
                    .filter(|&a| cat.entities[a].kind == Kind::State);
                if let Some(a) = st {
                    let key = cat.entities[a].key().to_string();
                    *self.state_counts.entry(key).or_insert(0) += 1;
                }
            }
        }
    }

    /// "Pakistan's army", "the Taliban government", "Malian authorities": which actor each
    /// institution phrase belongs to in this document, for a later bare "the army".
    fn remember_institutions(&mut self, s: &Sent) {
        let r = self.rules();
        for m in &s.mentions {
            if m.coref || !matches!(m.kind, Kind::State | Kind::ArmedGroup | Kind::Organization) {
                continue;
            }
            let mut k = m.end;
            if matches!(s.word(k), "'s" | "'") {
                k += 1;
            }
            let Some(l) = r.institutions.match_at(&s.toks, k) else {
                continue;
            };
            if s.word(k + l) == "-" {
                continue; // "Sudan's army-aligned government"
            }
            let phrase = institution_phrase(s, k, l);
            let known = self.institutions.entry(phrase).or_default();
            if !known.iter().any(|(key, _)| *key == m.key) {
                known.push((m.key.clone(), m.kind));
            }
        }
    }

    /// What "the army" / "the government" at `k` (the article) refers to: the one actor the
    /// document named this institution with, or else the one state it has named so far.
    fn institution_at(
        &self,
        s: &Sent,
        k: usize,
        mentions: &[Mention],
    ) -> Option<(usize, String, Kind)> {
        let r = self.rules();
        if s.word(k) != "the" {
            return None;
        }
        let l = r.institutions.match_at(&s.toks, k + 1)?;
        let end = k + 1 + l;
        // "the government in Mogadishu", "the authorities in Kabul": the state of that city
        if s.word(end) == "in" {
            let city = mentions.iter().find(|m| {
                m.start == end + 1 && matches!(m.kind, Kind::City | Kind::State) && !m.coref
            })?;
            let st = if city.kind == Kind::State {
                self.cat_index(&city.key)
            } else {
                self.cat_index(&city.key)
                    .and_then(|i| self.cat().state_of(i))
            }?;
            let key = self.cat().entities[st].key().to_string();
            return Some((city.end, key, Kind::State));
        }
        // "the government of Mali", "the army-backed council"
        if matches!(s.word(end), "-" | "of")
            || s.toks
                .get(end)
                .is_some_and(|t| t.cap && t.kind == TokKind::Word)
        {
            return None;
        }
        self.institution_modifier(s, k + 1, l, mentions)
            .map(|(key, kind)| (end, key, kind))
    }

    /// Whose institution a bare "army" / "junta" at `k..k + l` used as a modifier is ("Army
    /// spokesman X", "a junta airstrike"): the one actor the document named it with, or the
    /// state the story is set in, or the one state it has named.
    fn institution_modifier(
        &self,
        s: &Sent,
        k: usize,
        l: usize,
        mentions: &[Mention],
    ) -> Option<(String, Kind)> {
        let phrase = institution_phrase(s, k, l);
        if let Some(known) = self.institutions.get(&phrase) {
            return match known.as_slice() {
                [(key, kind)] => Some((key.clone(), *kind)),
                _ => None,
            };
        }
        self.story_state(mentions)
            .or_else(|| self.one_named_state(k, mentions))
            .map(|key| (key, Kind::State))
    }

    /// The one state the document has named so far (this sentence's names before `k`
    /// included), if it named exactly one.
    fn one_named_state(&self, k: usize, mentions: &[Mention]) -> Option<String> {
        let mut states: Vec<&String> = self.state_counts.keys().collect();
        for m in mentions.iter().filter(|m| m.end <= k) {
            if m.kind == Kind::State && !m.coref && !states.contains(&&m.key) {
                states.push(&m.key);
            }
        }
        match states.as_slice() {
            [one] => Some((*one).clone()),
            _ => None,
        }
    }

    /// The state a place mention (a town, a province; no state) lies in, by the catalogue.
    fn state_of_place(&self, m: &Mention) -> Option<String> {
        if !m.kind.is_place() || m.kind == Kind::State || m.coref {
            return None;
        }
        let cat = self.cat();
        let st = self.cat_index(&m.key).and_then(|i| cat.state_of(i))?;
        Some(cat.entities[st].key().to_string())
    }

    /// The state the story is set in, told by its places: the one state at least
    /// `home_min_places` of the document's place mentions so far lie in, more than twice as
    /// many as lie in any other ("Kyauktaw Township", "Bhamo", "Sittwe": Myanmar, even when
    /// the report names only China). None when the places are spread or few.
    /// The places of the sentence at hand count too (`mentions`): "Fighters attacked a convoy
    /// between Gao and Ansongo, the army said" in a report's first sentence.
    fn story_state(&self, mentions: &[Mention]) -> Option<String> {
        let min = self.rules().home_min_places;
        let mut counts = self.place_state_counts.clone();
        for key in mentions.iter().filter_map(|m| self.state_of_place(m)) {
            *counts.entry(key).or_insert(0) += 1;
        }
        let mut counts: Vec<(String, usize)> = counts.into_iter().collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut it = counts.into_iter();
        let (top, n) = it.next()?;
        let second = it.next().map_or(0, |c| c.1);
        (n >= min && n > 2 * second).then_some(top)
    }

    /// The actor a sentence opens with, when it is its subject: "Pakistan's foreign ministry
    /// said …", "On Monday, the TTP claimed …", "It …" (resolved). Only a state, armed group or
    /// organisation; a person or a place opens no such subject.
    fn opening_subject(&self, s: &Sent) -> Option<(String, Kind)> {
        let mut m = s.mentions.iter().find(|m| m.start >= s.dateline)?;
        // "In Rawalpindi, the ISPR put out …": past a place set before the subject
        if m.kind.is_place()
            && m.start == s.dateline + 1
            && matches!(s.word(s.dateline), "in" | "from" | "at")
            && s.word(m.end) == ","
        {
            let after = m.end + 1;
            m = s.mentions.iter().find(|x| x.start >= after)?;
            let lead = (after..m.start).all(|k| matches!(s.word(k), "the"));
            if !lead {
                return None;
            }
        }
        let lead_in = (s.dateline..m.start).all(|k| {
            let t = &s.toks[k];
            t.kind != TokKind::Word
                || t.cap
                || matches!(
                    t.lower.as_str(),
                    "the" | "on" | "in" | "late" | "early" | "last" | "this" | "meanwhile"
                )
        });
        let actor = matches!(m.kind, Kind::State | Kind::ArmedGroup | Kind::Organization);
        (lead_in && actor && m.form != Form::Demonym).then(|| (m.key.clone(), m.kind))
    }

    /// Captions, "Read more" links, bylines and credits: not reporting.
    /// Whether the object at `from` is an entity of one of `types`, perhaps behind its state
    /// and title: "received Chad's Prime Minister Allamaye Halina", "received the Chairperson
    /// of the African Union Commission, Mahmoud Ali Youssouf,". A noun before the name ("received
    /// reinforcements from Chad's president") makes it no such object.
    fn object_is(&self, s: &Sent, from: usize, types: &[String]) -> bool {
        let r = self.rules();
        let mut k = from;
        let mut titled = false;
        // "his Pakistani and Afghan counterparts", "the Iranian ambassador": a title right
        // after demonyms is a person of those states, named or not
        let mut demonym_end = None;
        let person = types.iter().any(|t| t == "Person");
        while k < s.toks.len() && k < from + 16 {
            if let Some(mi) = s.at[k] {
                let m = &s.mentions[mi];
                if kind_ok(m.kind, types) {
                    return true;
                }
                if !(m.possessive || m.form == Form::Demonym) {
                    return false;
                }
                k = m.end;
                if matches!(s.word(k), "'s" | "'") {
                    // "Tajikistan's charge d'affaires": a title after a possessor likewise
                    k += 1;
                    demonym_end = Some(k);
                } else if m.form == Form::Demonym {
                    demonym_end = Some(k);
                    let next_demonym = |j: usize| {
                        s.at.get(j)
                            .copied()
                            .flatten()
                            .is_some_and(|n| s.mentions[n].form == Form::Demonym)
                    };
                    if matches!(s.word(k), "and" | ",") && next_demonym(k + 1) {
                        k += 1;
                    }
                }
            } else if person
                && demonym_end == Some(k)
                && (r.titles.match_at(&s.toks, k).is_some()
                    || r.plural_titles.match_at(&s.toks, k).is_some())
            {
                return true;
            } else if let Some(l) = r.titles.match_at(&s.toks, k) {
                titled = true;
                k += l;
            } else if matches!(s.word(k), "the" | "a" | "his" | "her" | "its" | "their")
                || r.honorifics.contains_word(s.word(k))
                || s.word(k) == "."
            {
                k += 1;
            } else if titled && matches!(s.word(k), "of" | "for") {
                // the title's complement, then the name after a comma
                match (k + 1..(k + 8).min(s.toks.len())).find(|&c| s.word(c) == ",") {
                    Some(c) => k = c + 1,
                    None => return false,
                }
            } else {
                return false;
            }
        }
        false
    }

    /// The person named after a title phrase at `from`, set off by a comma or not: "its founder,
    /// Riek Machar", "his former deputy, Mohamed Hamdan Dagalo", "the group's new emir X".
    fn titled_person_after(&self, s: &Sent, from: usize) -> Option<usize> {
        let r = self.rules();
        let mut k = from;
        let mut titled = false;
        while k < s.toks.len() && k < from + 10 {
            if let Some(mi) = s.at[k] {
                let m = &s.mentions[mi];
                if m.kind == Kind::Person {
                    return titled.then_some(mi);
                }
                if !(m.possessive || m.form == Form::Demonym || m.coref) {
                    return None;
                }
                k = m.end;
                if matches!(s.word(k), "'s" | "'") {
                    k += 1;
                }
            } else if let Some(l) = r.titles.match_at(&s.toks, k) {
                titled = true;
                k += l;
            } else if matches!(
                s.word(k),
                "the" | "a" | "his" | "her" | "its" | "their" | "former" | "current" | "new"
            ) || (titled && s.word(k) == ",")
                || r.honorifics.contains_word(s.word(k))
            {
                k += 1;
            } else {
                return None;
            }
        }
        None
    }

    /// The person, state, group or organisation a sentence opens with, title and all
    /// ("Egyptian Foreign Minister Badr Abdelatty, after talks …": the minister, not the
    /// demonym before his title). None when the sentence opens otherwise.
    fn opening_actor(&self, s: &Sent) -> Option<usize> {
        let r = self.rules();
        let first = s.mentions.iter().position(|m| m.start >= s.dateline)?;
        let lead_in = (s.dateline..s.mentions[first].start).all(|k| {
            matches!(
                s.word(k),
                "the" | "on" | "in" | "late" | "early" | "last" | "this" | "meanwhile" | ","
            ) || r.titles.match_at(&s.toks, k).is_some()
                || (s.toks[k].cap && s.toks[k].kind == TokKind::Word)
        });
        if !lead_in || !s.mentions[first].kind.is_actor() {
            return None;
        }
        // a demonym or possessive state, then the person its title belongs to
        let m = &s.mentions[first];
        if m.form == Form::Demonym || m.possessive {
            let titled = s.mentions.get(first + 1).is_some_and(|p| {
                p.kind == Kind::Person
                    && p.start > m.end
                    && p.start <= m.end + 5
                    && r.titles.any_in(&s.toks, m.end, p.start).is_some()
            });
            if titled {
                return Some(first + 1);
            }
        }
        Some(first)
    }

    fn is_furniture(&self, text: &str) -> bool {
        let r = self.rules();
        let lower = text
            .trim_start_matches(['-', '•', '*', ' ', '–'])
            .to_lowercase();
        if r.skip_prefixes
            .iter()
            .any(|p| lower.starts_with(p.as_str()))
            || r.skip_contains.iter().any(|p| lower.contains(p.as_str()))
        {
            return true;
        }
        // a byline: "By Jane Doe and John Roe", "By JANE DOE, BBC News"
        if let Some(rest) = lower.strip_prefix("by ") {
            let words = rest.split_whitespace().count();
            let caps = text
                .split_whitespace()
                .skip(1)
                .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
                .count();
            return words <= 10 && !text.trim_end().ends_with('.') && caps * 2 >= words;
        }
        false
    }

    fn mark_boundaries(&self, s: &mut Sent) {
        let r = self.rules();
        // a clause that opens with "After …," / "While …," ends at its comma
        for p in 0..s.toks.len() {
            let clause_start = p == 0 || matches!(s.word(p - 1), ":" | ";" | "-");
            if clause_start && r.boundaries.contains_word(s.word(p)) {
                if let Some(c) = (p + 1..s.toks.len()).find(|&k| s.word(k) == ",") {
                    s.boundary[c] = true;
                }
            }
        }
        for i in 0..s.toks.len() {
            let w = s.word(i);
            if w == ";" || w == ":" {
                s.boundary[i] = true;
                continue;
            }
            // "…, saying that its forces had …", "…, adding …": what follows is another clause
            if w == ","
                && s.word(i + 1).ends_with("ing")
                && r.attributions
                    .iter()
                    .any(|a| a.verbs.match_at(&s.toks, i + 1) == Some(1))
            {
                s.boundary[i] = true;
                continue;
            }
            if w == "-" {
                // hyphens and en dashes join words; an em dash between words sets off a clause
                let raw = &s.text[s.toks[i].start..s.toks[i].end];
                let spaced = s.text[..s.toks[i].start].ends_with(' ')
                    || s.text[s.toks[i].end..].starts_with(' ');
                if raw == "—" && spaced {
                    s.boundary[i] = true;
                }
                continue;
            }
            if r.boundaries.match_at(&s.toks, i).is_some() && r.boundaries.contains_word(w) {
                // conjunctions count only after a comma or at the start
                let after_comma = i > 0 && s.word(i - 1) == ",";
                if !matches!(
                    w,
                    "but"
                        | "while"
                        | "although"
                        | "though"
                        | "whereas"
                        | "yet"
                        | "however"
                        | "because"
                        | "after"
                        | "before"
                        | "when"
                        | "since"
                ) || after_comma
                    || i == 0
                {
                    s.boundary[i] = true;
                }
            }
        }
    }

    // ------------------------------------------------------------------ mentions

    fn find_mentions(&mut self, s: &mut Sent) {
        let cat = self.cat();
        let n = s.toks.len();
        let mut blocked = vec![false; n];
        let mut raw: Vec<Mention> = Vec::new();
        for m in cat.find_in(&s.text, &s.toks) {
            // tokens are in text order: binary searches, not scans
            let a = s.toks.partition_point(|t| t.start < m.start);
            if a == n {
                continue;
            }
            let b = match s.toks.partition_point(|t| t.end <= m.end) {
                0 => a,
                b => b,
            };
            if b <= a {
                continue;
            }
            if m.targets
                .iter()
                .any(|t| cat.entities[t.entity].kind == Kind::Ignore)
            {
                blocked[a..b].iter_mut().for_each(|x| *x = true);
                continue;
            }
            // "Hyderabad House", "Kabul Airport": the name of something else
            if m.targets.iter().all(|t| {
                matches!(
                    cat.entities[t.entity].kind,
                    Kind::City | Kind::Region | Kind::Place
                ) && t.form != Form::Demonym
            }) && s.toks.get(b).is_some_and(|t| t.cap)
                && self.rules().place_name_heads.match_at(&s.toks, b).is_some()
            {
                blocked[a..b].iter_mut().for_each(|x| *x = true);
                continue;
            }
            // "the Quetta-bound train": a destination, neither where nor what was hit;
            // "Chinese-made drones": where a thing was made, no actor
            let origin = m.targets.iter().all(|t| t.form == Form::Demonym)
                && self
                    .rules()
                    .origin_compounds
                    .match_at(&s.toks, b + 1)
                    .is_some();
            if s.word(b) == "-" && (s.word(b + 1) == "bound" || origin) {
                blocked[a..b].iter_mut().for_each(|x| *x = true);
                continue;
            }
            let Some(t) = self.choose_target(&m.targets, s, a) else {
                continue;
            };
            let e = &cat.entities[t.entity];
            let (entity, kind) = match t.form {
                Form::Demonym => (t.entity, e.kind),
                Form::Capital => {
                    if self.capital_is_place(s, a, &raw) {
                        (t.entity, e.kind)
                    } else {
                        let st = e.capital_of.unwrap_or(t.entity);
                        let city = self.record_catalogue(t.entity);
                        s.metonyms.push((a, city));
                        (st, cat.entities[st].kind)
                    }
                }
                Form::Name => (t.entity, e.kind),
            };
            let key = self.record_catalogue(entity);
            if cat.entities[entity].kind == Kind::Person {
                for name in std::iter::once(&cat.entities[entity].label)
                    .chain(&cat.entities[entity].aliases)
                {
                    if let Some(last) = name.split_whitespace().last().filter(|w| {
                        // ("Dar and Muttaqi spoke by telephone": three letters are enough)
                        w.chars().count() >= 3 && w.chars().next().is_some_and(|c| c.is_uppercase())
                    }) {
                        self.person_names
                            .entry(last.to_lowercase())
                            .or_insert_with(|| key.clone());
                    }
                    if let Some(first_surname) = paternal_surname(name) {
                        self.person_names
                            .entry(first_surname)
                            .or_insert_with(|| key.clone());
                    }
                }
            }
            let surface = s.surface(a, b).to_string();
            if t.form == Form::Name {
                if let Some(rec) = self.entities.get_mut(&key) {
                    if surface != rec.label && !catalogue_is_acronym_noise(&surface) {
                        rec.alt_labels.insert(surface);
                    }
                }
            }
            raw.push(Mention {
                start: a,
                end: b,
                ext_start: a,
                key,
                kind,
                form: if t.form == Form::Capital {
                    Form::Name
                } else {
                    t.form
                },
                possessive: false,
                coref: false,
            });
        }
        for m in &raw {
            blocked[m.start..m.end].iter_mut().for_each(|x| *x = true);
            // a one-word place or a known person's bare surname can end another person's
            // name ("Qari Nematullah Wardak", "District Police Officer Nazir Khan Gandapur")
            if m.end == m.start + 1
                && matches!(
                    m.kind,
                    Kind::Region | Kind::City | Kind::Place | Kind::Person
                )
                && m.form == Form::Name
            {
                s.soft_block[m.start] = true;
            }
        }
        // organisations introduced with their acronym, people introduced by a title, unknown
        // groups, known surnames
        let acr = self.acronym_entities(s, &blocked);
        for m in &acr {
            blocked[m.start..m.end].iter_mut().for_each(|x| *x = true);
        }
        let mut extra = self.title_people(s, &blocked);
        extra.extend(acr);
        for m in &extra {
            blocked[m.start..m.end].iter_mut().for_each(|x| *x = true);
        }
        extra.extend(self.apposed_people(s, &blocked));
        for m in &extra {
            blocked[m.start..m.end].iter_mut().for_each(|x| *x = true);
        }
        extra.extend(self.surname_people(s, &blocked));
        for m in &extra {
            blocked[m.start..m.end].iter_mut().for_each(|x| *x = true);
        }
        extra.extend(self.unknown_places(s, &blocked, &raw));
        raw.extend(extra);
        self.unknown_groups(s, &mut raw);
        raw.sort_by_key(|m| m.start);
        // back-references, resolved against what came before
        let corefs = self.corefs(s, &raw);
        raw.extend(corefs);
        raw.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        let mut mentions: Vec<Mention> = Vec::new();
        raw.retain(|m| m.start >= s.dateline);
        for m in raw {
            if mentions.last().is_some_and(|l| m.start < l.end) {
                continue;
            }
            mentions.push(m);
        }
        let r = self.rules();
        for m in mentions.iter_mut() {
            if matches!(s.word(m.end), "'s" | "'") {
                m.possessive = true;
            }
            if m.kind == Kind::Person {
                let mut e = m.ext_start;
                while let Some(b) = r.titles.match_ending(&s.toks, e) {
                    e = b;
                }
                // "his Afghan counterpart, Amir Khan Muttaqi": an apposed title after a
                // possessive or a demonym
                if e == m.start && e >= 2 && s.word(e - 1) == "," {
                    if let Some(b) = r.titles.match_ending(&s.toks, e - 1).filter(|&b| {
                        b > 0
                            && (matches!(s.word(b - 1), "his" | "her" | "its" | "their")
                                || s.toks[b - 1].cap)
                    }) {
                        e = b;
                    }
                }
                // "acting Foreign Minister X"
                if e < m.start {
                    while let Some(b) = r.title_modifiers.match_ending(&s.toks, e) {
                        e = b;
                    }
                }
                m.ext_start = e;
            }
        }
        // "… and Malaysian Prime Minister Anwar Ibrahim": the demonym or possessive state
        // before the title belongs to the titled name
        for i in 1..mentions.len() {
            let (a, b) = (&mentions[i - 1], &mentions[i]);
            if b.kind == Kind::Person
                && b.ext_start < b.start
                && (a.form == Form::Demonym || (a.possessive && a.kind == Kind::State))
                && (a.end == b.ext_start
                    || (a.end + 1 == b.ext_start && matches!(s.word(a.end), "'s" | "'")))
            {
                mentions[i].ext_start = mentions[i - 1].start;
            }
        }
        for (mi, m) in mentions.iter().enumerate() {
            for k in m.start..m.end {
                s.at[k] = Some(mi);
            }
        }
        s.mentions = mentions;
    }

    fn choose_target(
        &self,
        targets: &[crate::catalogue::Target],
        s: &Sent,
        a: usize,
    ) -> Option<crate::catalogue::Target> {
        let cat = self.cat();
        if targets.len() == 1 {
            return targets.first().copied();
        }
        // people sharing a name: the one in office at the document's date, else one already named
        let persons: Vec<_> = targets
            .iter()
            .filter(|t| cat.entities[t.entity].kind == Kind::Person)
            .collect();
        if persons.len() > 1 {
            let title_before = (a.saturating_sub(4)..a)
                .map(|k| s.word(k))
                .collect::<Vec<_>>()
                .join(" ");
            if let Some(d) = self.date {
                let holding: Vec<_> = persons
                    .iter()
                    .filter(|t| {
                        cat.entities[t.entity].offices.iter().any(|o| {
                            o.held_on(d)
                                && (title_before.is_empty()
                                    || title_before.contains(&o.title.to_lowercase())
                                    || !title_before.chars().any(|c| c.is_alphabetic()))
                        })
                    })
                    .collect();
                if holding.len() == 1 {
                    return Some(**holding[0]);
                }
                let any_holding: Vec<_> = persons
                    .iter()
                    .filter(|t| cat.entities[t.entity].offices.iter().any(|o| o.held_on(d)))
                    .collect();
                if any_holding.len() == 1 {
                    return Some(**any_holding[0]);
                }
            }
            if let Some(t) = persons
                .iter()
                .find(|t| self.entities.contains_key(cat.entities[t.entity].key()))
            {
                return Some(**t);
            }
            return persons.first().map(|t| **t);
        }
        let rank = |k: Kind| match k {
            Kind::ArmedGroup => 0,
            Kind::State => 1,
            Kind::Organization => 2,
            Kind::Person => 3,
            Kind::Region => 4,
            Kind::City => 5,
            Kind::Place => 6,
            Kind::Ignore => 7,
        };
        targets
            .iter()
            .min_by_key(|t| rank(cat.entities[t.entity].kind))
            .copied()
    }

    /// A capital is the city when it is where something happens ("in Kabul", "strike on
    /// Kabul", "in Islamabad and Kabul"), and its state when it acts.
    fn capital_is_place(&self, s: &Sent, a: usize, before: &[Mention]) -> bool {
        let r = self.rules();
        let mut k = a;
        while k > 0
            && matches!(
                s.word(k - 1),
                "the" | "central" | "northern" | "southern" | "eastern" | "western" | "downtown"
            )
        {
            k -= 1;
        }
        if k == 0 {
            return false;
        }
        if let Some(b) = r.locative.match_ending(&s.toks, k) {
            // "officials in Kabul deny", "authorities in Islamabad said": the capital's
            // officials speak for its state
            let speakers = b > 0 && s.word(b) == "in" && CAPITAL_SPEAKERS.contains(&s.word(b - 1));
            return !speakers;
        }
        // "… near Kotli, and Islamabad said …": the capital speaks, it joins no list of places
        let speaks = (a + 1..(a + 3).min(s.toks.len()))
            .find(|&j| !s.toks[j].cap)
            .is_some_and(|j| r.starts_attribution(&s.toks, j));
        if matches!(s.word(k - 1), "and" | "," | "or") && !speaks {
            if let Some(prev) = before.last() {
                if prev.end + 2 >= k && matches!(prev.kind, Kind::City | Kind::Region) {
                    return true;
                }
            }
        }
        // "Kabul province", "Kabul city"
        matches!(
            s.word(a + 1),
            "city" | "province" | "airport" | "residents" | "streets"
        )
    }

    /// "Prime Minister X", "journalist X", "TTP chief X": a name after a title.
    fn title_people(&mut self, s: &Sent, blocked: &[bool]) -> Vec<Mention> {
        let r = self.rules();
        let mut out = Vec::new();
        let n = s.toks.len();
        let mut i = 0;
        while i < n {
            let Some(l) = r.titles.match_at(&s.toks, i) else {
                i += 1;
                continue;
            };
            let title_start = i;
            let mut j = i + l;
            // stacked titles and honorifics: "Field Marshal", "journalist and political commentator"
            loop {
                if let Some(l2) = r.titles.match_at(&s.toks, j) {
                    j += l2;
                    continue;
                }
                if s.word(j) == "and" {
                    if let Some(l2) = r.titles.match_at(&s.toks, j + 1) {
                        j += 1 + l2;
                        continue;
                    }
                }
                if let Some(l2) = r.honorifics.match_at(&s.toks, j) {
                    if s.toks.get(j + l2).is_some_and(|t| t.cap) {
                        j += l2;
                        if s.word(j) == "." {
                            j += 1;
                        }
                        continue;
                    }
                }
                break;
            }
            // "his Afghan counterpart, X", "the district police officer, Imran Shahid, said",
            // "Ukraine's president, Volodymyr Zelensky,": a title set off by a comma, then a
            // name of two words or more that ends the apposition
            let mut comma = false;
            // "Pakistan's ambassador to Kabul, X", "the head of the city's military
            // administration, X": a short complement before the comma
            if matches!(s.word(j), "to" | "of" | "for" | "in") {
                if let Some(c) = (j + 1..(j + 8).min(n)).find(|&k| s.word(k) == ",") {
                    let plain = (j + 1..c).all(|k| {
                        let t = &s.toks[k];
                        t.kind == TokKind::Word || matches!(s.word(k), "'s" | "’s" | "-")
                    }) && c > j + 1;
                    if plain && s.toks.get(c + 1).is_some_and(|t| t.cap) {
                        j = c;
                    }
                }
            }
            if s.word(j) == "," && s.toks.get(j + 1).is_some_and(|t| t.cap) {
                j += 1;
                comma = true;
                // "Its spokeswoman, Lt Gen Maly Socheata,": ranks before the apposed name
                while let Some(l2) = r.honorifics.match_at(&s.toks, j) {
                    if !s.toks.get(j + l2).is_some_and(|t| t.cap) {
                        break;
                    }
                    j += l2;
                }
            }
            let (name_end, name) = self.name_at(s, j, blocked);
            let apposition_ends = !comma
                || s.word(i + l - 1) == "counterpart"
                || matches!(s.word(name_end), "," | "." | ";" | ")" | "")
                || (s
                    .toks
                    .get(name_end)
                    .is_some_and(|t| !t.cap && t.kind == TokKind::Word)
                    && !matches!(s.word(name_end), "and" | "or" | "of"));
            if name_end > j
                && name.split_whitespace().count() >= 2
                && apposition_ends
                && !self.names_no_person(&name)
            {
                let key = self.person_key(&name);
                out.push(Mention {
                    start: j,
                    end: name_end,
                    ext_start: title_start,
                    key,
                    kind: Kind::Person,
                    form: Form::Name,
                    possessive: false,
                    coref: false,
                });
                i = name_end;
                continue;
            }
            i = j.max(i + 1);
        }
        out
    }

    /// "Name Surname, a spokesman for …", "said Name Surname, an analyst": a name apposed
    /// to a title.
    fn apposed_people(&mut self, s: &Sent, blocked: &[bool]) -> Vec<Mention> {
        let r = self.rules();
        let mut out = Vec::new();
        let n = s.toks.len();
        for c in 1..n {
            if s.word(c) != "," || (blocked[c - 1] && !s.soft_block[c - 1]) {
                continue;
            }
            let mut k = c + 1;
            if matches!(s.word(k), "a" | "an" | "the") {
                k += 1;
            }
            // "a 34-year-old shopkeeper": an age before the noun
            if s.toks.get(k).is_some_and(|t| t.kind == TokKind::Number)
                && s.word(k + 1) == "-"
                && matches!(s.word(k + 2), "year" | "years")
                && s.word(k + 3) == "-"
                && s.word(k + 4) == "old"
            {
                k += 5;
            }
            // "a senior Hamas official", "the Kremlin spokesman", "the group's leader"
            let mut t = k;
            while t < n && t < k + 4 && r.titles.match_at(&s.toks, t).is_none() {
                t += 1;
            }
            if r.titles.match_at(&s.toks, t).is_none() || t >= n {
                continue;
            }
            // the name: capitalised words ending right before the comma
            let mut a = c;
            if a > 1
                && blocked[a - 1]
                && s.soft_block[a - 1]
                && s.toks[a - 2].cap
                && !blocked[a - 2]
            {
                a -= 1;
            }
            while a > 0
                && !blocked[a - 1]
                && (s.toks[a - 1].cap
                    || (a >= 2
                        && s.toks[a - 2].cap
                        && (r.name_particles.contains_word(s.word(a - 1)) || s.word(a - 1) == "-")))
                && c - a < 5
            {
                a -= 1;
            }
            while a < c && r.honorifics.match_at(&s.toks, a).is_some() {
                a += 1;
            }
            if a < c && s.toks[a].cap {
                let (end, name) = self.name_at(s, a, blocked);
                let stop = matches!(
                    s.word(a),
                    "the" | "a" | "in" | "on" | "but" | "and" | "while" | "after"
                );
                if end == c
                    && name.split_whitespace().count() >= 2
                    && !stop
                    && !self.names_no_person(&name)
                    && !(a == 0 && name.split_whitespace().count() < 2)
                {
                    let key = self.person_key(&name);
                    out.push(Mention {
                        start: a,
                        end: c,
                        ext_start: a,
                        key,
                        kind: Kind::Person,
                        form: Form::Name,
                        possessive: false,
                        coref: false,
                    });
                }
            }
        }
        out
    }

    /// Places the catalogue does not know, named by a head noun: "in Spin Tangi district",
    /// "the Lowara Mandi area of North Waziristan", "Pakistan's Mir Ali tehsil", "the Bajaur
    /// and Mohmand districts", "the village of Dawezai". The name is the capitalised words;
    /// the head gives the kind (region, locality or site).
    fn unknown_places(&mut self, s: &Sent, blocked: &[bool], known: &[Mention]) -> Vec<Mention> {
        let r = self.rules();
        let n = s.toks.len();
        let mut out = Vec::new();
        let head_kind = |k: usize| -> Option<(usize, Kind)> {
            let t = s.toks.get(k)?;
            if t.cap {
                // "Ulang County": the head is part of the name
                if k == 0 || !s.toks[k - 1].cap || blocked[k] {
                    return None;
                }
                return r
                    .titled_region_heads
                    .match_at(&s.toks, k)
                    .map(|l| (l, Kind::Region));
            }
            r.region_heads
                .match_at(&s.toks, k)
                .map(|l| (l, Kind::Region))
                .or_else(|| {
                    r.locality_heads
                        .match_at(&s.toks, k)
                        .map(|l| (l, Kind::City))
                })
                .or_else(|| r.site_heads.match_at(&s.toks, k).map(|l| (l, Kind::Place)))
        };
        // a word that can be part of a place name: capitalised, not a title, not known
        let name_word = |k: usize| {
            let t = &s.toks[k];
            t.kind == TokKind::Word
                && t.cap
                && !matches!(
                    t.lower.as_str(),
                    "the"
                        | "a"
                        | "an"
                        | "this"
                        | "that"
                        | "these"
                        | "those"
                        | "its"
                        | "their"
                        | "his"
                        | "her"
                        | "our"
                        | "in"
                        | "on"
                        | "at"
                        | "for"
                        | "each"
                        | "every"
                        | "some"
                        | "any"
                        | "one"
                        | "both"
                        | "all"
                        | "another"
                        | "no"
                        | "neighbouring"
                        | "neighboring"
                        | "northern"
                        | "southern"
                        | "eastern"
                        | "western"
                        | "central"
                        | "restive"
                        | "remote"
                        | "border"
                        | "tribal"
                        | "several"
                        | "many"
                        | "which"
                        | "what"
                )
                && !blocked[k]
                && t.lower.chars().count() > 1
                && !r.titles.contains_word(&t.lower)
                && !r.honorifics.contains_word(&t.lower)
                && dates::number_at(&s.toks, k).is_none()
                && !crate::dates::is_calendar_word(&t.lower)
        };
        // what may stand right before a place name
        let opener = |k: usize| {
            k == s.dateline
                || r.locative.contains_word(s.word(k - 1))
                || matches!(
                    s.word(k - 1),
                    "the" | "and" | "," | "'s" | "’s" | "or" | "restive" | "remote" | "border"
                )
        };
        let push = |this: &mut Self, a: usize, b: usize, kind: Kind, out: &mut Vec<Mention>| {
            let name = s.surface(a, b).to_string();
            let key = this.record_dynamic(kind, &name);
            out.push(Mention {
                start: a,
                end: b,
                ext_start: a,
                key,
                kind,
                form: Form::Name,
                possessive: false,
                coref: false,
            });
        };
        // "near Zalambessa", "on the outskirts of Bara": a name right after such a preposition
        let mut k = 0;
        while k < n {
            let Some(pl) = r.near_places.match_at(&s.toks, k) else {
                k += 1;
                continue;
            };
            let a = k + pl;
            let mut b = a;
            while b < n && b < a + 3 && name_word(b) {
                b += 1;
            }
            let follows = s.toks.get(b);
            let free = follows.is_none_or(|t| {
                t.kind != TokKind::Word
                    || !t.cap
                        && head_kind(b).is_none()
                        && !r.actor_heads.contains_word(&t.lower)
                        && !r.group_heads.contains_word(&t.lower)
                        && !r.modifier_heads.contains_word(&t.lower)
                        && !r.place_name_heads.contains_word(&t.lower)
                        && !r.group_nouns.contains_word(&t.lower)
            }) && !follows
                .is_some_and(|t| matches!(t.lower.as_str(), "-" | "'s" | "’s"));
            if b > a && free {
                push(self, a, b, Kind::Place, &mut out);
            }
            k = b.max(k + 1);
        }
        // "Surin, which borders Cambodia's Oddar Meanchey province": a name set off before a
        // relative clause that only a place takes
        for a in s.dateline..n {
            let opens = a == s.dateline || opener(a);
            if !opens || !name_word(a) || (a > 0 && name_word(a - 1)) {
                continue;
            }
            let mut b = a;
            while b < n && b < a + 3 && name_word(b) {
                b += 1;
            }
            if s.word(b) == "," && r.place_clauses.match_at(&s.toks, b + 1).is_some() {
                push(self, a, b, Kind::Place, &mut out);
            }
        }
        // "a base in Marte, Borno State": an unknown name after a locative, set off by a comma
        // before a known region or state; "in Pont-Sonde, in the Artibonite department": before
        // a region named by its head
        for k in 1..n {
            // ("attacked Kenscoff, a hillside town southeast of the capital": after a verb, only
            // when set off before what it is)
            let after_locative = r.locative.contains_word(s.word(k - 1));
            let after_word = k > s.dateline
                && s.toks[k - 1].kind == TokKind::Word
                && !s.toks[k - 1].cap
                && !FUNCTION_WORDS.contains(&s.word(k - 1));
            if !(after_locative || after_word) || !name_word(k) {
                continue;
            }
            let mut b = k;
            while b < n
                && b < k + 4
                && (name_word(b) || (b > k && s.word(b) == "-" && b + 1 < n && name_word(b + 1)))
            {
                b += 1;
            }
            let region_at = |p: usize| {
                known.iter().any(|m| {
                    m.start == p
                        && matches!(m.kind, Kind::Region | Kind::State)
                        && m.form == Form::Name
                })
            };
            let headed_region = |p: usize| {
                let mut q = p;
                while q < n && q < p + 3 && name_word(q) {
                    q += 1;
                }
                q > p && head_kind(q).is_some_and(|(_, kind)| kind == Kind::Region)
            };
            let in_region = s.word(b + 1) == "in"
                && (region_at(b + 2)
                    || (s.word(b + 2) == "the" && (region_at(b + 3) || headed_region(b + 3))));
            // "a check post in Salarzai in Bajaur district": right before "in" and the region
            let in_region_direct = s.word(b) == "in"
                && (region_at(b + 1)
                    || (s.word(b + 1) == "the" && (region_at(b + 2) || headed_region(b + 2))));
            // "in and around Debre Tabor, the capital of South Gondar zone", "in Merawi, a
            // market town in …": set off before what it is
            let apposed_place = (s.word(b) == "," && matches!(s.word(b + 1), "the" | "a" | "an"))
                .then(|| {
                    let mut q = b + 2;
                    while q < b + 4
                        && s.toks
                            .get(q)
                            .is_some_and(|t| t.kind == TokKind::Word && !t.cap && s.at[q].is_none())
                        && head_kind(q).is_none_or(|(_, kind)| kind == Kind::Place)
                        && s.word(q) != "capital"
                    {
                        q += 1;
                    }
                    let hl = if s.word(q) == "capital" {
                        Some((1, Kind::City))
                    } else {
                        head_kind(q).filter(|&(_, kind)| kind != Kind::Place)
                    };
                    hl.filter(|&(l, _)| {
                        matches!(s.word(q + l), "of" | "in")
                            || r.role_location.match_at(&s.toks, q + l).is_some()
                    })
                    .map(|(_, kind)| kind)
                })
                .flatten();
            let before_region =
                (s.word(b) == "," && (region_at(b + 1) || in_region)) || in_region_direct;
            let before_region = before_region && after_locative;
            if (before_region || apposed_place.is_some()) && (k..b).all(|j| !blocked[j]) {
                push(self, k, b, apposed_place.unwrap_or(Kind::Place), &mut out);
            }
        }
        for h in 1..n {
            // "the village of Dawezai", "the town of Mir Ali"
            if s.word(h - 1) == "the" && s.word(h + 1) == "of" {
                if let Some((1, kind)) = head_kind(h) {
                    let a = h + 2;
                    let mut b = a;
                    while b < n && b < a + 3 && name_word(b) {
                        b += 1;
                    }
                    if b > a && !s.toks.get(b).is_some_and(|t| t.cap) {
                        push(self, a, b, kind, &mut out);
                    }
                    continue;
                }
            }
            let Some((_, kind)) = head_kind(h) else {
                continue;
            };
            // the names before the head, "X and Y districts" included
            let mut end = h;
            loop {
                let mut a = end;
                while a > 0 && end - a < 3 && name_word(a - 1) {
                    a -= 1;
                }
                // "near the ancient Ta Muen Thom temple": an adjective after the article
                let adjective_opener = a >= 2
                    && s.word(a - 2) == "the"
                    && s.toks[a - 1].kind == TokKind::Word
                    && !s.toks[a - 1].cap
                    && !FUNCTION_WORDS.contains(&s.word(a - 1));
                if a == end || !(opener(a) || adjective_opener) {
                    break;
                }
                // a name at the start of a sentence may be any capitalised word: two words at least
                if a == s.dateline && end - a < 2 {
                    break;
                }
                push(self, a, end, kind, &mut out);
                if a >= 2 && matches!(s.word(a - 1), "and" | ",") {
                    end = a - 1;
                    if s.word(end) == "," && s.word(end.saturating_sub(1)) == "and" {
                        end -= 1;
                    }
                    continue;
                }
                break;
            }
        }
        out.sort_by_key(|m| m.start);
        out
    }

    /// A capitalised name starting at `j`: (end, name).
    fn name_at(&self, s: &Sent, j: usize, blocked: &[bool]) -> (usize, String) {
        let r = self.rules();
        let mut k = j;
        let mut words: Vec<&str> = Vec::new();
        while k < s.toks.len() && words.len() < 5 {
            let t = &s.toks[k];
            if blocked.get(k).copied().unwrap_or(false) {
                // "Qari Nematullah Wardak": a one-word place name can be a surname
                let last_of_name = !words.is_empty()
                    && s.soft_block.get(k).copied().unwrap_or(false)
                    && !s.toks.get(k + 1).is_some_and(|n| n.cap);
                if last_of_name {
                    words.push(&s.text[t.start..t.end]);
                    k += 1;
                }
                break;
            }
            if t.kind == TokKind::Word
                && t.cap
                && t.lower.chars().count() > 1
                && !r.titles.contains_word(&t.lower)
            {
                words.push(&s.text[t.start..t.end]);
                k += 1;
                continue;
            }
            // "al-Harthy", "el-Sisi": a particle joined to the next name word by a hyphen
            if !words.is_empty()
                && r.name_particles.contains_word(&t.lower)
                && s.word(k + 1) == "-"
                && s.toks.get(k + 2).is_some_and(|n| {
                    n.cap
                        && n.kind == TokKind::Word
                        && !blocked.get(k + 2).copied().unwrap_or(false)
                })
            {
                words.push(&s.text[t.start..s.toks[k + 2].end]);
                k += 3;
                continue;
            }
            // particles and hyphens inside a name
            let inner = !words.is_empty()
                && s.toks
                    .get(k + 1)
                    .is_some_and(|n| n.cap && !blocked.get(k + 1).copied().unwrap_or(false))
                && (r.name_particles.contains_word(&t.lower) || t.lower == "-");
            if inner {
                if t.lower == "-" {
                    // join "al-Hayya"
                    let last = words.pop().unwrap_or("");
                    let joined_end = s.toks[k + 1].end;
                    let start = s.toks[k].start - last.len();
                    words.push(&s.text[start..joined_end]);
                    k += 2;
                    continue;
                }
                words.push(&s.text[t.start..t.end]);
                k += 1;
                continue;
            }
            break;
        }
        // a name does not end in a particle
        while words
            .last()
            .is_some_and(|w| r.name_particles.contains_word(&w.to_lowercase()))
        {
            words.pop();
            k -= 1;
        }
        (k, words.join(" "))
    }

    /// "General Border Committee", "Chief of Defence Staff": capitalised words ending in a
    /// head noun of a body or an office name no person.
    fn names_no_person(&self, name: &str) -> bool {
        name.split_whitespace().last().is_some_and(|w| {
            self.rules()
                .non_person_heads
                .contains_word(&w.to_lowercase())
        })
    }

    fn person_key(&mut self, name: &str) -> String {
        let sk = skeleton(name);
        if let Some(k) = self.person_skeletons.get(&sk).cloned() {
            if let Some(rec) = self.entities.get_mut(&k) {
                if rec.label != name {
                    rec.alt_labels.insert(name.to_string());
                }
            }
            return k;
        }
        let key = self.record_dynamic(Kind::Person, name);
        self.person_skeletons.insert(sk, key.clone());
        if let Some(last) = name.split_whitespace().last() {
            self.person_names
                .entry(last.to_lowercase())
                .or_insert_with(|| key.clone());
        }
        if let Some(first_surname) = paternal_surname(name) {
            self.person_names
                .entry(first_surname)
                .or_insert_with(|| key.clone());
        }
        key
    }

    /// Bare surnames of people the document has already named ("Salam said").
    fn surname_people(&mut self, s: &Sent, blocked: &[bool]) -> Vec<Mention> {
        let mut out = Vec::new();
        for (k, t) in s.toks.iter().enumerate() {
            if blocked[k] || !t.cap || t.kind != TokKind::Word {
                continue;
            }
            if let Some(key) = self.person_names.get(&t.lower) {
                out.push(Mention {
                    start: k,
                    end: k + 1,
                    ext_start: k,
                    key: key.clone(),
                    kind: Kind::Person,
                    form: Form::Name,
                    possessive: false,
                    coref: false,
                });
            }
        }
        // catalogue people named in full also answer to their surname later
        out
    }

    /// "Pakistan Tehreek-e-Insaf (PTI)", "the Baloch Raaji Aajoi Sangar (BRAS)": a capitalised
    /// name the catalogue does not know, followed by its acronym, names an organisation (an
    /// armed group when its name says so); the acronym names it for the rest of the document.
    fn acronym_entities(&mut self, s: &Sent, blocked: &[bool]) -> Vec<Mention> {
        let r = self.rules();
        let n = s.toks.len();
        let mut out = Vec::new();
        for k in 0..n {
            // a later bare acronym
            if !blocked[k] {
                let raw = &s.text[s.toks[k].start..s.toks[k].end];
                if let Some((key, kind)) = self.acronyms.get(raw).cloned() {
                    if !(k > 0 && s.word(k - 1) == "(") {
                        out.push(Mention {
                            start: k,
                            end: k + 1,
                            ext_start: k,
                            key,
                            kind,
                            form: Form::Name,
                            possessive: false,
                            coref: false,
                        });
                        continue;
                    }
                }
            }
            if s.word(k) != "(" || k + 2 >= n || s.word(k + 2) != ")" || k == 0 {
                continue;
            }
            let acr = &s.text[s.toks[k + 1].start..s.toks[k + 1].end];
            if !crate::catalogue::is_acronym(acr)
                || acr.chars().filter(|c| c.is_alphabetic()).count() < 2
                || blocked[k + 1]
            {
                continue;
            }
            // the name before the parenthesis: capitalised words, particles and hyphens
            let mut a = k;
            while a > 0
                && !blocked[a - 1]
                && k - a < 8
                && (s.toks[a - 1].cap
                    || matches!(
                        s.word(a - 1),
                        "-" | "of" | "for" | "and" | "the" | "e" | "i" | "ul" | "al" | "el"
                    ))
            {
                a -= 1;
            }
            while a < k && !s.toks[a].cap {
                a += 1;
            }
            let initial =
                |a: usize| acr.starts_with(|c: char| s.text[s.toks[a].start..].starts_with(c));
            // "Pakistan Tehreek-e-Insaf (PTI)": a state's name can open an organisation's name
            if a < k && !initial(a) && a > 0 && s.toks[a - 1].cap && initial(a - 1) {
                a -= 1;
            }
            if k - a < 2 || !initial(a) {
                continue;
            }
            let name = s.surface(a, k).to_string();
            let armed = (a..k).any(|j| r.armed_name_words.contains_word(s.word(j)));
            let kind = if armed {
                Kind::ArmedGroup
            } else {
                Kind::Organization
            };
            let key = self.record_dynamic(kind, &name);
            if let Some(rec) = self.entities.get_mut(&key) {
                rec.alt_labels.insert(acr.to_string());
            }
            self.acronyms.insert(acr.to_string(), (key.clone(), kind));
            out.push(Mention {
                start: a,
                end: k,
                ext_start: a,
                key: key.clone(),
                kind,
                form: Form::Name,
                possessive: false,
                coref: false,
            });
            out.push(Mention {
                start: k + 1,
                end: k + 2,
                ext_start: k + 1,
                key,
                kind,
                form: Form::Name,
                possessive: false,
                coref: false,
            });
        }
        out
    }

    /// "Bajaur Taliban", "Amjad Farouqi group": capitalised words before a group head.
    fn unknown_groups(&mut self, s: &Sent, mentions: &mut Vec<Mention>) {
        let r = self.rules();
        let n = s.toks.len();
        let mut covered = vec![None; n];
        let mut found: Vec<Mention> = Vec::new();
        for (mi, m) in mentions.iter().enumerate() {
            covered[m.start..m.end]
                .iter_mut()
                .for_each(|c| *c = Some(mi));
        }
        let mut k = 0;
        while k < n {
            let head_len = r.group_heads.match_at(&s.toks, k);
            let is_head = head_len.is_some()
                && match covered[k] {
                    None => true,
                    // "Taliban" as a catalogue name, preceded by a local name
                    Some(mi) => {
                        mentions[mi].kind == Kind::ArmedGroup
                            && mentions[mi].end == k + 1
                            && mentions[mi].start == k
                    }
                };
            if !is_head || k == 0 {
                k += 1;
                continue;
            }
            let mut a = k;
            while a > 0
                && covered[a - 1].is_none()
                && s.toks[a - 1].cap
                && s.toks[a - 1].kind == TokKind::Word
                && k - a < 3
            {
                a -= 1;
            }
            // "Bajaur Taliban", "Swat Taliban": a local place name before the head
            if a == k && a > 0 {
                if let Some(pm) = covered[a - 1].filter(|&pm| {
                    pm != usize::MAX
                        && matches!(mentions[pm].kind, Kind::Region | Kind::City)
                        && mentions[pm].end == a
                }) {
                    a = mentions[pm].start;
                }
            }
            // not the sentence's first word alone, not a title
            let indefinite =
                a > 0 && matches!(s.word(a - 1), "a" | "an" | "another" | "one") && !s.toks[k].cap;
            let lone_first_word = a == 0 && k - a == 1;
            let first_ok = a < k
                && !lone_first_word
                && !indefinite
                && !r.titles.contains_word(&s.toks[a].lower);
            if first_ok {
                let end = k + head_len.unwrap_or(1);
                let name = s.surface(a, end).to_string();
                let name = if s.toks[k].cap { name } else { name.clone() };
                let key = self.record_dynamic(Kind::ArmedGroup, &name);
                found.push(Mention {
                    start: a,
                    end,
                    ext_start: a,
                    key,
                    kind: Kind::ArmedGroup,
                    form: Form::Name,
                    possessive: false,
                    coref: false,
                });
                for c in covered.iter_mut().take(end).skip(a) {
                    *c = Some(usize::MAX);
                }
                k = end;
                continue;
            }
            k += 1;
        }
        let introduced = self.introduced_groups(s, mentions, &covered);
        found.extend(introduced);
        for g in found {
            mentions.retain(|m| !(m.start >= g.start && m.end <= g.end));
            mentions.push(g);
        }
    }

    /// Armed groups the text introduces by name: "a little-known group calling itself Ansar
    /// al-Hind", "a militant outfit known as X", "Jamaat ul-Ahrar Sindh, a splinter group,".
    fn introduced_groups(
        &mut self,
        s: &Sent,
        mentions: &[Mention],
        covered: &[Option<usize>],
    ) -> Vec<Mention> {
        let r = self.rules();
        let n = s.toks.len();
        let blocked: Vec<bool> = covered.iter().map(|c| c.is_some()).collect();
        let group_noun_ending = |k: usize| {
            r.group_nouns
                .match_ending(&s.toks, k)
                .or_else(|| r.group_heads.match_ending(&s.toks, k))
        };
        let civil = |from: usize, to: usize| {
            (from..to).any(|j| r.civil_group_words.match_at(&s.toks, j).is_some())
        };
        // a piece of a group's name: a capitalised word (a one-word place included: "Jamaat
        // ul-Ahrar Sindh"), a hyphen, or a short particle between such words ("Ansar al-Hind",
        // "Tehreek-e-Jihad")
        let piece = |j: usize| {
            let t = &s.toks[j];
            let place_word = covered[j].and_then(|m| mentions.get(m)).is_some_and(|m| {
                m.start == j && m.end == j + 1 && matches!(m.kind, Kind::Region | Kind::City)
            });
            if blocked[j] && !place_word {
                return false;
            }
            (t.cap && t.kind == TokKind::Word)
                || t.lower == "-"
                || (t.kind == TokKind::Word
                    && t.lower.chars().count() <= 3
                    && (r.name_particles.contains_word(&t.lower)
                        || (j > 0 && s.word(j - 1) == "-")
                        || s.word(j + 1) == "-"))
        };
        let mut spans: Vec<(usize, usize, String)> = Vec::new();
        for k in 1..n {
            // "… group calling itself X"
            if let Some(il) = r.group_introducers.match_at(&s.toks, k) {
                if let Some(g) = group_noun_ending(k) {
                    let a = k + il;
                    if !civil(g.saturating_sub(3), k)
                        && s.toks
                            .get(a)
                            .is_some_and(|t| t.cap && t.kind == TokKind::Word)
                        && !blocked[a]
                    {
                        let mut end = a;
                        while end < n && end < a + 8 && piece(end) {
                            end += 1;
                        }
                        while end > a && !s.toks[end - 1].cap {
                            end -= 1;
                        }
                        if end > a {
                            spans.push((a, end, s.surface(a, end).to_string()));
                        }
                    }
                }
            }
            // "X Y, a splinter group, …": a capitalised name apposed to an armed group noun
            if s.word(k) == "," && matches!(s.word(k + 1), "a" | "an") {
                let Some(head_end) = (k + 3..(k + 6).min(n + 1)).find(|&e| {
                    group_noun_ending(e).is_some_and(|g| g > k + 1)
                        && matches!(s.word(e), "," | "." | "that" | "which" | "")
                }) else {
                    continue;
                };
                let armed = (k + 2..head_end).any(|j| r.armed_modifiers.contains_word(s.word(j)));
                if !armed || civil(k + 2, head_end) {
                    continue;
                }
                let mut a = k;
                while a > 0 && k - a < 8 && piece(a - 1) {
                    a -= 1;
                }
                while a < k && !s.toks[a].cap {
                    a += 1;
                }
                let words = (a..k).filter(|&j| s.toks[j].cap).count();
                if a < k && s.toks[a].cap && words >= 2 {
                    spans.push((a, k, s.surface(a, k).to_string()));
                }
            }
        }
        // a group introduced earlier, named again
        for (k, &b) in blocked.iter().enumerate() {
            if b || !s.toks[k].cap {
                continue;
            }
            let hit = self.introduced.iter().find(|(toks, _)| {
                toks.len() <= n - k
                    && toks
                        .iter()
                        .enumerate()
                        .all(|(j, w)| s.toks[k + j].lower == *w)
            });
            if let Some((toks, _)) = hit {
                let b = k + toks.len();
                if !spans.iter().any(|&(a0, b0, _)| a0 < b && k < b0) {
                    spans.push((k, b, s.surface(k, b).to_string()));
                }
            }
        }
        let mut out = Vec::new();
        for (a, b, name) in spans {
            let key = self.record_dynamic(Kind::ArmedGroup, &name);
            let toks: Vec<String> = (a..b).map(|j| s.toks[j].lower.clone()).collect();
            if !self.introduced.iter().any(|(t, _)| *t == toks) {
                self.introduced.push((toks, key.clone()));
            }
            out.push(Mention {
                start: a,
                end: b,
                ext_start: a,
                key,
                kind: Kind::ArmedGroup,
                form: Form::Name,
                possessive: false,
                coref: false,
            });
        }
        out
    }

    /// The state, group or organisation the sentence right before `s` opened with.
    fn previous_subject(&self, s: &Sent) -> Option<(String, Kind)> {
        self.prev_subject
            .as_ref()
            .filter(|(i, _, _)| *i + 1 == s.idx)
            .map(|(_, key, kind)| (key.clone(), *kind))
    }

    /// Back-references: "the group", "Pakistani militants", "its", "he".
    fn corefs(&self, s: &Sent, mentions: &[Mention]) -> Vec<Mention> {
        let r = self.rules();
        let n = s.toks.len();
        let mut covered = vec![false; n];
        for m in mentions {
            covered[m.start..m.end].iter_mut().for_each(|x| *x = true);
        }
        let mut out = Vec::new();
        let recent_before =
            |pos: usize, want: &dyn Fn(Kind, &str) -> bool| -> Option<(String, Kind)> {
                for m in mentions.iter().rev() {
                    if m.end <= pos && want(m.kind, &m.key) {
                        return Some((m.key.clone(), m.kind));
                    }
                }
                self.recent
                    .iter()
                    .rev()
                    .find(|(k, kind)| want(*kind, k))
                    .cloned()
            };
        let mut k = 0;
        // "The army said its troops …": an institution this sentence could not resolve leaves
        // "its" unresolved too
        let mut unresolved_institution = false;
        while k < n {
            if covered[k] {
                k += 1;
                continue;
            }
            // "the army", "the junta", "the government's spokesman"
            if s.word(k) == "the"
                && !covered.get(k + 1).copied().unwrap_or(true)
                && r.institutions.match_at(&s.toks, k + 1).is_some()
            {
                if let Some((end, key, kind)) = self.institution_at(s, k, mentions) {
                    // ("the government in Mogadishu" takes in the city's name)
                    let own = r
                        .institutions
                        .match_at(&s.toks, k + 1)
                        .map_or(end, |l| (k + 1 + l).min(end));
                    if !covered[k..own].iter().any(|&c| c) {
                        out.push(Mention {
                            start: k,
                            end,
                            ext_start: k,
                            key,
                            kind,
                            form: Form::Name,
                            possessive: false,
                            coref: true,
                        });
                        k = end;
                        continue;
                    }
                } else {
                    unresolved_institution = true;
                }
            }
            // bare plural institutions: "Security forces killed six militants in Mandera",
            // "Government troops retook the town": the one state the document has named, or
            // else the state of the place the sentence names
            if !matches!(s.word(k.wrapping_sub(1)), "the" | "a" | "'s" | "'" | "-")
                && (k == 0 || !covered[k - 1])
            {
                if let Some(l) = r
                    .institutions
                    .match_at(&s.toks, k)
                    .filter(|&l| {
                        s.word(k + l - 1).ends_with('s') && !covered[k..k + l].iter().any(|&c| c)
                    })
                    .filter(|&l| !matches!(s.word(k + l), "-" | "of" | "'s"))
                {
                    let phrase = institution_phrase(s, k, l);
                    let known = self
                        .institutions
                        .get(&phrase)
                        .and_then(|v| match v.as_slice() {
                            [(key, kind)] => Some((key.clone(), *kind)),
                            _ => None,
                        });
                    let state = || {
                        self.one_named_state(k, mentions)
                            .or_else(|| mentions.iter().find_map(|m| self.state_of_place(m)))
                            .map(|key| (key, Kind::State))
                    };
                    if let Some((key, kind)) = known.or_else(state) {
                        out.push(Mention {
                            start: k,
                            end: k + l,
                            ext_start: k,
                            key,
                            kind,
                            form: Form::Name,
                            possessive: false,
                            coref: true,
                        });
                        k += l;
                        continue;
                    }
                }
            }
            // an institution as a modifier: "Army spokesman Colonel X", "a junta airstrike",
            // "junta soldiers", "regime forces": the actor the document named it with, or the
            // state the story is set in, or the one state it has named
            // ("the SPLA-IO deputy military spokesperson": inside a title, no modifier)
            let after_title = (k.saturating_sub(3)..k).any(|j| {
                r.titles.match_at(&s.toks, j) == Some(k - j)
                    || r.title_modifiers.match_at(&s.toks, j) == Some(k - j)
                    || j + 1 == k && matches!(s.word(j), "deputy" | "chief" | "senior" | "top")
            });
            if !matches!(s.word(k.wrapping_sub(1)), "the" | "'s" | "'" | "-")
                && (k == 0 || !covered[k - 1])
                && !after_title
            {
                if let Some(l) = r.institutions.match_at(&s.toks, k).filter(|&l| {
                    !covered[k..k + l].iter().any(|&c| c)
                        && !covered.get(k + l).copied().unwrap_or(true)
                        && (r.titles.match_at(&s.toks, k + l).is_some()
                            || r.actor_heads.match_at(&s.toks, k + l).is_some()
                            || r.event_any.match_at(&s.toks, k + l).is_some())
                        && r.institutions.match_at(&s.toks, k + l).is_none()
                }) {
                    if let Some((key, kind)) = self.institution_modifier(s, k, l, mentions) {
                        out.push(Mention {
                            start: k,
                            end: k + l,
                            ext_start: k,
                            key,
                            kind,
                            form: Form::Demonym,
                            possessive: false,
                            coref: true,
                        });
                        k += l;
                        continue;
                    }
                }
            }
            // group possessives: "its", "the group's"
            if let Some(l) = r.group_possessives.match_at(&s.toks, k) {
                // "Cambodia's defence ministry rejected the account. Its spokeswoman, X, said":
                // a title after a sentence-initial "Its" serves the previous sentence's subject
                if k == 0 && s.word(k) == "its" && r.titles.match_at(&s.toks, k + l).is_some() {
                    if let Some((key, kind)) = self.previous_subject(s) {
                        out.push(Mention {
                            start: k,
                            end: k + l,
                            ext_start: k,
                            key,
                            kind,
                            form: Form::Name,
                            possessive: true,
                            coref: true,
                        });
                        k += l;
                        continue;
                    }
                }
                // "In its statement, the ISPR said …": "its" points forward
                // ("The group's spokesman, X, said": a title after it serves the group before)
                let cataphoric = k <= 2
                    && (k + l..(k + l + 5).min(n)).any(|j| s.word(j) == ",")
                    && r.titles.match_at(&s.toks, k + l).is_none();
                if cataphoric {
                    k += l;
                    continue;
                }
                // "Pakistan said 23 of its soldiers …": the nearest actor of this sentence,
                // a state included; across sentences, the latest group or organisation
                // ("the group's" is never a state)
                let bare_its = s.word(k) == "its";
                if bare_its && unresolved_institution {
                    k += l;
                    continue;
                }
                // "the ministry's", "the mission's": only a body whose name says it is one
                // (a generic group noun, "the group's", "the movement's", is any group)
                let noun = s.word(k + 1);
                let specific = l >= 2 && !r.group_nouns.contains_word(noun);
                let named_so = |key: &str| {
                    if !specific {
                        return true;
                    }
                    self.entities.get(key).is_some_and(|e| {
                        std::iter::once(&e.label)
                            .chain(e.alt_labels.iter())
                            .any(|x| x.to_lowercase().contains(noun))
                    })
                };
                let in_sentence = mentions
                    .iter()
                    .chain(out.iter())
                    .filter(|m| {
                        m.end <= k
                            && m.form == Form::Name
                            && (matches!(m.kind, Kind::ArmedGroup | Kind::Organization)
                                || (bare_its && m.kind == Kind::State))
                            && named_so(&m.key)
                    })
                    .max_by_key(|m| m.end)
                    .map(|m| (m.key.clone(), m.kind));
                if let Some((key, kind)) = in_sentence.or_else(|| {
                    recent_before(k, &|kind, key| {
                        matches!(kind, Kind::ArmedGroup | Kind::Organization) && named_so(key)
                    })
                }) {
                    out.push(Mention {
                        start: k,
                        end: k + l,
                        ext_start: k,
                        key,
                        kind,
                        form: Form::Name,
                        possessive: true,
                        coref: true,
                    });
                }
                k += l;
                continue;
            }
            // "the two countries", "both sides": the last two states (or parties) named
            if matches!(s.word(k), "the" | "both")
                && (s.word(k + 1) == "two" || s.word(k) == "both")
            {
                let head_at = if s.word(k + 1) == "two" { k + 2 } else { k + 1 };
                let head = s.word(head_at);
                let states_only = matches!(
                    head,
                    "countries"
                        | "nations"
                        | "states"
                        | "neighbours"
                        | "neighbors"
                        | "governments"
                        | "capitals"
                );
                let parties = matches!(
                    head,
                    "sides" | "parties" | "armies" | "forces" | "rivals" | "foes" | "adversaries"
                );
                // "both sides of the border / of the sectarian divide": a where, not who
                let of_something = s.word(head_at + 1) == "of";
                if (states_only || parties) && !of_something {
                    // the speaker or the mediators of this sentence are not the two sides
                    // ("Qatar and Turkey mediated talks in Doha …, at which the two sides
                    // agreed": the subjects of a mediation verb anywhere before)
                    let excluded: Vec<String> = mentions
                        .iter()
                        .filter(|m| {
                            m.end <= k
                                && (((k - m.end) <= 6
                                    && (m.end..k).any(|j| {
                                        r.mediation_verbs.match_at(&s.toks, j).is_some()
                                            || r.starts_attribution(&s.toks, j)
                                    }))
                                    || (m.end..(m.end + 4).min(k)).any(|j| {
                                        r.mediation_verbs.match_at(&s.toks, j).is_some()
                                            // "under Qatari and Turkish mediation"
                                            || r.mediator_nouns.match_at(&s.toks, j).is_some()
                                    }))
                        })
                        .map(|m| m.key.clone())
                        .collect();
                    let earlier = mentions
                        .iter()
                        .filter(|m| m.end <= k && !excluded.contains(&m.key))
                        .map(|m| (m.key.clone(), m.kind))
                        .collect::<Vec<_>>();
                    let pick = |want: &dyn Fn(Kind) -> bool| {
                        let mut pair: Vec<(String, Kind)> = Vec::new();
                        for (key, kind) in earlier
                            .iter()
                            .rev()
                            .chain(self.recent.iter().rev().take(40))
                        {
                            // nor an earlier mediator ("mediated by the United States …
                            // the two sides signed")
                            let mediator = self.entities.get(key).is_some_and(|e| e.mediator);
                            if want(*kind)
                                && !excluded.contains(key)
                                && !mediator
                                && !pair.iter().any(|(p, _)| p == key)
                            {
                                pair.push((key.clone(), *kind));
                                if pair.len() == 2 {
                                    break;
                                }
                            }
                        }
                        pair
                    };
                    // the two sides of the latest event told with two sides ("Thai and
                    // Cambodian troops clashed … after Malaysia's premier called both leaders,
                    // the two governments agreed"), when this sentence names no pair itself
                    let sides_of_latest = || -> Vec<(String, Kind)> {
                        let want = |k: &String| {
                            let kind = self.kind_of(k);
                            kind == Kind::State || (!states_only && kind == Kind::ArmedGroup)
                        };
                        for e in self.events.iter().rev().take(12) {
                            let mut sides: Vec<String> = Vec::new();
                            for k in e.participants.iter().chain(&e.agents).chain(&e.targets) {
                                if want(k) && !sides.contains(k) {
                                    sides.push(k.clone());
                                }
                            }
                            if sides.len() == 2 {
                                return sides
                                    .into_iter()
                                    .map(|k| {
                                        let kind = self.kind_of(&k);
                                        (k, kind)
                                    })
                                    .collect();
                            }
                        }
                        Vec::new()
                    };
                    // a pair coordinated before, in this sentence, demonyms included: "Houthi
                    // and government forces clashed …, with 40 killed on both sides"
                    let coordinated = mentions.windows(2).rev().find_map(|w| {
                        let side = |m: &Mention| {
                            m.kind == Kind::State || (!states_only && m.kind == Kind::ArmedGroup)
                        };
                        (w[1].end <= k
                            && w[1].start == w[0].end + 1
                            && s.word(w[0].end) == "and"
                            && w[0].key != w[1].key
                            && side(&w[0])
                            && side(&w[1])
                            && !excluded.contains(&w[0].key)
                            && !excluded.contains(&w[1].key))
                        .then(|| vec![(w[1].key.clone(), w[1].kind), (w[0].key.clone(), w[0].kind)])
                    });
                    let mut pair = match &coordinated {
                        Some(p) => p.clone(),
                        None => pick(&|kind| kind == Kind::State),
                    };
                    if pair.len() < 2 && !states_only {
                        pair = pick(&|kind| matches!(kind, Kind::State | Kind::ArmedGroup));
                    }
                    // a pair of this sentence's own ("Iran and Israel … the two countries")
                    // stands; a pair put together from across sentences gives way to the
                    // sides of the latest event when one of it is no side there
                    let own = pair.iter().all(|(key, _)| {
                        mentions
                            .iter()
                            .any(|m| m.end <= k && &m.key == key && m.form != Form::Demonym)
                    });
                    if coordinated.is_none() && (!own || pair.len() < 2) {
                        let sides = sides_of_latest();
                        if sides.len() == 2
                            && !sides.iter().any(|(k, _)| excluded.contains(k))
                            && !pair.iter().all(|(k, _)| sides.iter().any(|(x, _)| x == k))
                        {
                            pair = sides;
                            pair.reverse();
                        }
                    }
                    if pair.len() == 2 {
                        pair.reverse();
                        let mid = head_at; // first mention: "the two", second: the head noun
                        out.push(Mention {
                            start: k,
                            end: mid,
                            ext_start: k,
                            key: pair[0].0.clone(),
                            kind: pair[0].1,
                            form: Form::Name,
                            possessive: false,
                            coref: true,
                        });
                        out.push(Mention {
                            start: mid,
                            end: head_at + 1,
                            ext_start: mid,
                            key: pair[1].0.clone(),
                            kind: pair[1].1,
                            form: Form::Name,
                            possessive: false,
                            coref: true,
                        });
                        k = head_at + 1;
                        continue;
                    }
                }
            }
            // "X said it had …": "it" is the speaker
            let after_say = (k.saturating_sub(5)..k).any(|j| {
                matches!(
                    s.word(j),
                    "said"
                        | "says"
                        | "added"
                        | "claimed"
                        | "stated"
                        | "announced"
                        | "insisted"
                        | "maintained"
                        | "acknowledged"
                        | "denied"
                )
            });
            if matches!(s.word(k), "it" | "they")
                && after_say
                && k + 1 < n
                && !matches!(
                    s.word(k + 1),
                    "is" | "was" | "'s" | "seemed" | "remains" | "remained"
                )
            {
                if let Some(m) = mentions.iter().rev().find(|m| {
                    m.end <= k
                        && matches!(m.kind, Kind::State | Kind::Organization | Kind::ArmedGroup)
                }) {
                    out.push(Mention {
                        start: k,
                        end: k + 1,
                        ext_start: k,
                        key: m.key.clone(),
                        kind: m.kind,
                        form: Form::Name,
                        possessive: false,
                        coref: true,
                    });
                    k += 1;
                    continue;
                }
            }
            // "Pakistan's foreign ministry said … . It also accused Kabul …": a sentence that
            // opens with "It" and a verb continues the previous sentence's subject.
            // "It has been two weeks" is no subject; "It has been accused of …" is.
            let rule_verb_at =
                |j: usize| r.starts_event(&s.toks, j) || r.starts_attribution(&s.toks, j);
            let has_been = matches!(s.word(k + 1), "has" | "had") && s.word(k + 2) == "been";
            if k == s.dateline
                && s.word(k) == "it"
                && (!has_been || rule_verb_at(k + 3))
                && !matches!(
                    s.word(k + 1),
                    "is" | "was"
                        | "'s"
                        | "seems"
                        | "seemed"
                        | "remains"
                        | "remained"
                        | "appears"
                        | "appeared"
                        | "looks"
                        | "looked"
                        | "means"
                        | "meant"
                        | "came"
                        | "comes"
                        | "took"
                        | "takes"
                        | "will"
                        | "would"
                        | "could"
                        | "may"
                        | "might"
                        | "must"
                        | "should"
                        | ","
                        | "."
                )
            {
                if let Some((key, kind)) = self.previous_subject(s) {
                    out.push(Mention {
                        start: k,
                        end: k + 1,
                        ext_start: k,
                        key,
                        kind,
                        form: Form::Name,
                        possessive: false,
                        coref: true,
                    });
                    k += 1;
                    continue;
                }
            }
            // "them" → the nearest group or state named earlier in this sentence
            if s.word(k) == "them" {
                if let Some(m) = mentions.iter().rev().find(|m| {
                    m.end <= k
                        && matches!(m.kind, Kind::ArmedGroup | Kind::Organization | Kind::State)
                        && m.form == Form::Name
                }) {
                    out.push(Mention {
                        start: k,
                        end: k + 1,
                        ext_start: k,
                        key: m.key.clone(),
                        kind: m.kind,
                        form: Form::Name,
                        possessive: false,
                        coref: true,
                    });
                }
                k += 1;
                continue;
            }
            // "he"/"she" → the latest person
            if r.person_pronouns.match_at(&s.toks, k).is_some() {
                if let Some((key, kind)) = recent_before(k, &|kind, _| kind == Kind::Person) {
                    out.push(Mention {
                        start: k,
                        end: k + 1,
                        ext_start: k,
                        key,
                        kind,
                        form: Form::Name,
                        possessive: false,
                        coref: true,
                    });
                }
                k += 1;
                continue;
            }
            // "the (rebel) group", "the militants", bare "militants"
            let det = matches!(s.word(k), "the" | "these" | "those");
            let mut j = if det { k + 1 } else { k };
            while j < n
                && r.armed_modifiers.contains_word(s.word(j))
                && r.group_nouns.match_at(&s.toks, j + 1).is_some()
                && r.group_nouns.match_at(&s.toks, j).is_none()
            {
                j += 1;
            }
            if let Some(l) = r.group_nouns.match_at(&s.toks, j) {
                let plural_bare = !det
                    && matches!(
                        s.word(j),
                        "militants"
                            | "terrorists"
                            | "insurgents"
                            | "rebels"
                            | "attackers"
                            | "gunmen"
                            | "hijackers"
                    );
                // a demonym right before ("Pakistani militants") narrows the candidates
                let demonym = if k > 0 {
                    mentions
                        .iter()
                        .find(|m| m.end == k && m.form == Form::Demonym)
                } else {
                    None
                };
                // "30 terrorists" counts people; it does not refer back to a group
                let counted = k > 0
                    && (s.toks[k - 1].kind == TokKind::Number
                        || dates::number_at(&s.toks, k - 1).is_some());
                if (det || plural_bare || demonym.is_some()) && !counted {
                    let home = demonym.and_then(|d| self.cat_index(&d.key));
                    let generic = matches!(
                        s.word(j),
                        "militants"
                            | "fighters"
                            | "insurgents"
                            | "terrorists"
                            | "attackers"
                            | "gunmen"
                            | "rebels"
                            | "jihadists"
                    );
                    // "al-Shabaab militants", "the Balochistan Liberation Army (BLA) fighters":
                    // the group just named
                    let named_before = mentions
                        .iter()
                        .rev()
                        .find(|m| {
                            m.kind == Kind::ArmedGroup
                                && (m.end == k || (m.end + 1 == k && s.word(m.end) == ")"))
                        })
                        .map(|m| (m.key.clone(), m.kind));
                    // where the sentence happens: a group at home elsewhere is not "the
                    // militants" here ("gunmen opened fire near Turbat")
                    // ("in X district of Mali": the state named as where)
                    let place_state = mentions
                        .iter()
                        .filter(|m| matches!(m.kind, Kind::City | Kind::Region | Kind::Place))
                        .find_map(|m| self.cat_index(&m.key).and_then(|i| self.cat().state_of(i)))
                        .or_else(|| {
                            mentions
                                .iter()
                                .filter(|m| {
                                    m.kind == Kind::State
                                        && m.form == Form::Name
                                        && m.start > 0
                                        && matches!(s.word(m.start - 1), "in" | "of" | "near")
                                })
                                .find_map(|m| self.cat_index(&m.key))
                        });
                    let found = if named_before.is_some() {
                        named_before
                    } else if generic && home.is_none() {
                        // armed groups named before, latest first
                        let mut cands: Vec<String> = Vec::new();
                        for m in mentions.iter().rev().filter(|m| m.end <= k) {
                            if m.kind == Kind::ArmedGroup && !cands.contains(&m.key) {
                                cands.push(m.key.clone());
                            }
                        }
                        for (key, kind) in self.recent.iter().rev() {
                            if *kind == Kind::ArmedGroup && !cands.contains(key) {
                                cands.push(key.clone());
                            }
                        }
                        if plural_bare && place_state.is_some() {
                            // bare "gunmen" near a place: only a group at home there
                            self.likely_group_in(&cands, place_state)
                        } else {
                            // "the militants": the group at home where the story happens
                            self.likely_group(&cands)
                        }
                        .map(|k| (k, Kind::ArmedGroup))
                    } else {
                        // "The Afghan Taliban deny harbouring the group": a group that is the
                        // subject of this clause (no attribution verb between) is not "the
                        // group" its verb acts on
                        // ("deny harbouring": the gerund's subject is the denier's own;
                        // "denied that the group was involved": the group may be the denier)
                        let said_between = |from: usize| {
                            (from..k).any(|j| {
                                s.boundary[j]
                                    || r.attributions.iter().any(|a| {
                                        a.verbs.match_at(&s.toks, j).is_some_and(|l| {
                                            let next = s.word(j + l);
                                            !(next.len() > 4 && next.ends_with("ing"))
                                        })
                                    })
                            })
                        };
                        let own_subject: Vec<&str> = mentions
                            .iter()
                            .filter(|m| {
                                m.kind == Kind::ArmedGroup
                                    && m.end < k
                                    && m.start <= s.clause_start(k) + 2
                                    && !said_between(m.end)
                                    && (m.end..k).any(|j| s.toks[j].kind == TokKind::Word)
                            })
                            .map(|m| m.key.as_str())
                            .collect();
                        recent_before(k, &|kind, key| {
                            kind == Kind::ArmedGroup
                                && !own_subject.contains(&key)
                                && home.is_none_or(|h| self.home_state(key) == Some(h))
                        })
                    };
                    if let Some((key, kind)) = found {
                        let start = demonym.map_or(k, |d| d.start);
                        out.push(Mention {
                            start,
                            end: j + l,
                            ext_start: start,
                            key,
                            kind,
                            form: Form::Name,
                            possessive: false,
                            coref: true,
                        });
                        k = j + l;
                        continue;
                    }
                }
            }
            k += 1;
        }
        // a demonym that became part of a back-reference is dropped by the overlap filter,
        // so remove the demonym mention itself here
        out
    }

    // ------------------------------------------------------------------ helpers over mentions

    /// The coordinated list a mention belongs to ("Qatar and Saudi Arabia", "Paktika, Khost,
    /// and …"), as mention indices in text order.
    fn group_of(&self, s: &Sent, mi: usize) -> Vec<usize> {
        let kind = s.mentions[mi].kind;
        let joins = |a: usize, b: usize| -> bool {
            // tokens between mention a (left) and b (right) are list glue only
            let (ma, mb) = (&s.mentions[a], &s.mentions[b]);
            if !same_family(ma.kind, mb.kind) {
                return false;
            }
            if ma.coref && mb.coref && ma.end == mb.start && ma.key != mb.key {
                return true; // "the two countries"
            }
            let r = self.rules();
            if (ma.end..mb.ext_start).any(|k| s.boundary[k]) {
                return false;
            }
            let between: Vec<&str> = (ma.end..mb.ext_start).map(|k| s.word(k)).collect();
            // "the UN Support Mission in Libya (UNSMIL) and Turkey": the acronym's closing
            // parenthesis
            let paren = ma.end + 2 < mb.ext_start && s.acronym_in_parens(ma.end);
            let acronym_close = |k: usize| {
                (s.word(k) == ")" && k == ma.end && k >= 2 && s.word(k - 2) == "(")
                    || (paren && (ma.end..ma.end + 3).contains(&k))
            };
            // "…with Cambodian Prime Minister Hun Manet, the two governments agreed": "the two
            // X" is a whole list of its own, joined to what precedes by a conjunction only
            if mb.coref
                && matches!(s.word(mb.start), "the" | "both")
                && s.word(mb.start + 1) == "two"
                && !(ma.end..mb.start).any(|k| matches!(s.word(k), "and" | "or"))
            {
                return false;
            }
            // "X (ACR)": the name and its acronym are one member
            if ma.key == mb.key && mb.start == ma.end + 1 && s.word(ma.end) == "(" {
                return true;
            }
            !between.is_empty()
                && between.len() <= 5
                && (ma.end..mb.ext_start).all(|k| {
                    matches!(
                        s.word(k),
                        "," | "and" | "or" | "&" | "the" | "both" | "as" | "well" | "'s" | "'"
                    ) || r.actor_heads.contains_word(s.word(k))
                        // "Dar and his Afghan counterpart, Amir Khan Muttaqi,"
                        || (matches!(s.word(k), "his" | "her")
                            && mb.kind == Kind::Person
                            && k + 1 == mb.ext_start)
                        || acronym_close(k)
                })
                && between
                    .iter()
                    .any(|w| matches!(*w, "," | "and" | "or" | "&"))
        };
        let has_conj = |a: usize, b: usize| {
            (s.mentions[a].end..s.mentions[b].ext_start)
                .any(|k| matches!(s.word(k), "and" | "or" | "&"))
                || (s.mentions[a].coref && s.mentions[b].coref)
        };
        // a demonym inside the next name's title ("and Malaysian Prime Minister Anwar
        // Ibrahim") is no member of the list: step over it
        let inside = |q: usize, of: usize| {
            let (mq, mo) = (&s.mentions[q], &s.mentions[of]);
            q != of && mq.start >= mo.ext_start && mq.end <= mo.start
        };
        let prev = |i: usize| -> Option<usize> {
            let j = i.checked_sub(1)?;
            if inside(j, i) {
                j.checked_sub(1)
            } else {
                Some(j)
            }
        };
        let next = |i: usize| -> Option<usize> {
            let j = i + 1;
            if j + 1 < s.mentions.len() && inside(j, j + 1) {
                Some(j + 1)
            } else {
                (j < s.mentions.len()).then_some(j)
            }
        };
        // ", and Islamabad said …" opens a clause of its own: it joins no list of one
        // ("hit Paktika, and Islamabad said"), unlike the last of three ("Qatar, Egypt, and
        // the US said")
        let clause_join = |a: usize, b: usize| {
            let (ma, mb) = (&s.mentions[a], &s.mentions[b]);
            let mut e = mb.end;
            while self.rules().actor_heads.contains_word(s.word(e)) {
                e += 1;
            }
            mb.ext_start == ma.end + 2
                && s.word(ma.end) == ","
                && s.word(ma.end + 1) == "and"
                && self.rules().starts_attribution(&s.toks, e)
                && !prev(a).is_some_and(|p| joins(p, a))
        };
        let mut members = vec![mi];
        let mut left = mi;
        while let Some(p) = prev(left).filter(|&p| joins(p, left) && !clause_join(p, left)) {
            left = p;
            members.insert(0, p);
        }
        let mut right = mi;
        while let Some(n) = next(right).filter(|&n| joins(right, n) && !clause_join(right, n)) {
            right = n;
            members.push(n);
        }
        let _ = kind;
        // a list is only a list if some link says "and"/"or": "X, the group's leader," is not
        let open_list = {
            let e = s.mentions[right].end;
            matches!(s.word(e), "and" | "or")
                || (s.word(e) == "," && matches!(s.word(e + 1), "and" | "or"))
        };
        if left == right || open_list || members.windows(2).any(|w| has_conj(w[0], w[1])) {
            members
        } else {
            vec![mi]
        }
    }

    fn keys(&self, s: &Sent, ms: &[usize]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for &m in ms {
            let k = s.mentions[m].key.clone();
            if !out.contains(&k) {
                out.push(k);
            }
        }
        out
    }

    /// The subject of the verb at `v`: the nearest name to its left in the clause, skipping
    /// adverbs, parentheticals (", historically having been accused …,"), and resolving
    /// "X, which …". `want` filters the kind.
    fn subject_of(&self, s: &Sent, v: usize, want: &dyn Fn(Kind) -> bool) -> Vec<usize> {
        let r = self.rules();
        let start = s.clause_start(v);
        let mut j = v;
        while j > start && r.subject_skip.contains_word(s.word(j - 1)) {
            j -= 1;
        }
        // "X shares … and has assisted Y": a coordinated verb takes the clause's subject
        if j > start && s.word(j - 1) == "and" && s.at[j].is_none() {
            if let Some(mi) =
                (start..j - 1).find_map(|k| s.at[k].filter(|&m| want(s.mentions[m].kind)))
            {
                let first_word = (start..s.mentions[mi].start)
                    .all(|k| matches!(s.word(k), "the" | ",") || s.toks[k].cap);
                if first_word {
                    return self.group_of(s, mi);
                }
            }
        }
        if j > start && s.word(j - 1) == "," {
            // parenthetical just before the verb: ", … ," → look before its opening comma,
            // or inside it when it lists examples (", including X and Y,")
            if let Some(open) = (start..j - 1).rev().find(|&k| s.word(k) == ",") {
                if matches!(
                    s.word(open + 1),
                    "including" | "such" | "notably" | "namely" | "especially"
                ) {
                    if let Some(mi) = (open + 1..j - 1)
                        .rev()
                        .find_map(|k| s.at[k].filter(|&m| want(s.mentions[m].kind)))
                    {
                        return self.group_of(s, mi);
                    }
                }
                if let Some(mi) = s.mention_ending_at(open) {
                    if want(s.mentions[mi].kind) {
                        return self.group_of(s, mi);
                    }
                }
                // "his Indian counterpart, Ravi Menon, met", "the ambassador to Kabul, Ubaid
                // Nizamani, met": the apposed name (a person's name is all the parenthetical)
                if open > 0 {
                    if let Some(mi) = s.mention_ending_at(j - 1).filter(|&m| {
                        want(s.mentions[m].kind)
                            && (r.titles.match_ending(&s.toks, open).is_some()
                                || (s.mentions[m].kind == Kind::Person
                                    && s.mentions[m].start == open + 1))
                    }) {
                        // ("Dar and his Afghan counterpart, Amir Khan Muttaqi, met": the
                        // titled name may close a list)
                        return self.group_of(s, mi);
                    }
                }
                // the subject is before the parenthetical, not inside it
                j = open;
            }
        }
        if j > start + 1
            && matches!(s.word(j - 1), "who" | "which" | "that")
            && s.word(j - 2) == ","
        {
            if let Some(mi) = s.mention_ending_at(j - 2) {
                if want(s.mentions[mi].kind) {
                    return self.group_of(s, mi);
                }
            }
        }
        // "Fano, a loosely organised militia that operates across …", "Bajaur, a former
        // tribal district that borders …": a relative clause on an apposition takes the name
        // the apposition describes
        if j > start + 3 && matches!(s.word(j - 1), "who" | "which" | "that") {
            let open = (j.saturating_sub(14).max(start)..j - 1)
                .rev()
                .find(|&k| s.word(k) == ",");
            if let Some(c) = open.filter(|&c| matches!(s.word(c + 1), "a" | "an" | "the")) {
                let plain = (c + 2..j - 1).all(|k| {
                    s.toks[k].kind == TokKind::Word
                        && s.at[k].is_none_or(|m| !want(s.mentions[m].kind))
                        || s.word(k) == "-"
                });
                if plain {
                    if let Some(mi) = s.mention_ending_at(c).filter(|&m| want(s.mentions[m].kind)) {
                        return self.group_of(s, mi);
                    }
                }
            }
        }
        let mut k = j;
        while k > start {
            k -= 1;
            // "troops fought battles after drone strikes hit a market": the subject of "hit"
            // is inside the clause that "after" opens
            if s.at[k].is_none()
                && s.toks[k].kind == TokKind::Word
                && r.boundaries.contains_word(s.word(k))
            {
                break;
            }
            // "posts from which it was targeted": a pronoun nobody resolved is the subject,
            // and it is unknown
            if s.at[k].is_none() && matches!(s.word(k), "it" | "they" | "he" | "she" | "we" | "i") {
                break;
            }
            if let Some(mi) = s.at[k] {
                let m = &s.mentions[mi];
                if want(m.kind) {
                    // "Hamas-led Palestinian groups": the leading group acts
                    if m.start >= 3 && s.word(m.start - 1) == "led" && s.word(m.start - 2) == "-" {
                        if let Some(lm) = s
                            .mention_ending_at(m.start - 2)
                            .filter(|&lm| want(s.mentions[lm].kind))
                        {
                            return vec![lm];
                        }
                    }
                    return self.group_of(s, mi);
                }
                k = m.start;
            }
        }
        Vec::new()
    }

    /// A verb of `rule.double` with the related name as its first object and one of
    /// `rule.double_nouns` as its second: "giving IMU fighters sanctuary", "offered Jaish
    /// al-Adl refuge". The length matched and the names (a list: "gave the TTP and the IMU
    /// shelter"); up to two plain words may qualify the names ("fighters", "commanders").
    fn double_object(
        &self,
        s: &Sent,
        i: usize,
        rule: &crate::rules::RelationRule,
        want: &dyn Fn(Kind) -> bool,
    ) -> Option<(usize, Vec<usize>)> {
        let l = rule.double.match_at(&s.toks, i)?;
        let mut k = i + l;
        if s.word(k) == "the" {
            k += 1;
        }
        let m = s.at.get(k).copied().flatten()?;
        if s.mentions[m].start != k || !want(s.mentions[m].kind) {
            return None;
        }
        let names = self.group_of(s, m);
        let mut e = names.iter().map(|&g| s.mentions[g].end).max()?;
        let mut plain = 0;
        while plain < 2
            && rule.double_nouns.match_at(&s.toks, e).is_none()
            && s.at.get(e).is_some_and(|a| a.is_none())
            && s.toks
                .get(e)
                .is_some_and(|t| t.kind == TokKind::Word && !t.cap)
            && !self.rules().starts_event(&s.toks, e)
        {
            e += 1;
            plain += 1;
        }
        let nl = rule.double_nouns.match_at(&s.toks, e)?;
        Some((e + nl - i, names))
    }

    /// Past the rest of a list of relation verbs that starts at `k`: ", arming and financing"
    /// after "harbouring" (the object follows the last of them).
    fn past_verb_list(&self, s: &Sent, mut k: usize) -> usize {
        let r = self.rules();
        loop {
            let mut j = k;
            if s.word(j) == "," {
                j += 1;
            }
            if matches!(s.word(j), "and" | "or") {
                j += 1;
            }
            if j == k {
                return k;
            }
            match r
                .relations
                .iter()
                .find_map(|q| q.verbs.match_at(&s.toks, j))
            {
                Some(l) => k = j + l,
                None => return k,
            }
        }
    }

    /// The state whose ground gives what a receipt verb at `v` receives, for a rule with
    /// `receipt_in_place`: "TTP militants enjoy safe havens in Afghanistan" (the state after
    /// "in" or "inside" right after the noun ending at `after`), "Mauritania, where JNIM
    /// commanders enjoy sanctuary" (the state a ", where" clause is about).
    fn receiving_state(&self, s: &Sent, v: usize, after: usize) -> Option<usize> {
        let state = |k: usize| {
            s.at.get(k)
                .copied()
                .flatten()
                .filter(|&m| s.mentions[m].kind == Kind::State && s.mentions[m].start == k)
        };
        let mut k = after;
        if matches!(s.word(k), "in" | "inside") {
            k += 1;
            if matches!(s.word(k), "neighbouring" | "neighboring") {
                k += 1;
            }
            if let Some(m) = state(k) {
                return Some(m);
            }
        }
        let lo = v.saturating_sub(10).max(1);
        for w in (lo..v).rev() {
            if s.boundary[w] || matches!(s.word(w), "." | ";") {
                break;
            }
            if s.word(w) == "where" && s.word(w - 1) == "," {
                return s
                    .mention_ending_at(w - 1)
                    .filter(|&m| s.mentions[m].kind == Kind::State);
            }
        }
        None
    }

    /// The nearest name right of `from` in the clause (within `max` tokens) and its list.
    fn object_of(
        &self,
        s: &Sent,
        from: usize,
        max: usize,
        want: &dyn Fn(Kind) -> bool,
    ) -> Vec<usize> {
        let end = s.clause_end(from).min(from + max);
        let mut k = from;
        while k < end {
            // the full stop of "Gen." or "Dr." does not end the phrase
            let abbreviation =
                k > 0 && s.word(k) == "." && self.rules().honorifics.contains_word(s.word(k - 1));
            if s.word(k) == "," || (s.word(k) == "." && !abbreviation) {
                break;
            }
            if let Some(mi) = s.at[k] {
                if want(s.mentions[mi].kind) {
                    // "in Pakistan's southwestern Balochistan province": the place inside;
                    // "accused Yemen's Houthis of …": the group the state qualifies
                    let m = &s.mentions[mi];
                    if m.possessive && m.kind == Kind::State {
                        let inner = (m.end + 1..(m.end + 4).min(s.toks.len()))
                            .find_map(|j| s.at[j])
                            .filter(|&pm| {
                                let p = &s.mentions[pm];
                                let group = matches!(p.kind, Kind::ArmedGroup | Kind::Organization)
                                    && pm == mi + 1
                                    && p.start == m.end + 1;
                                ((p.kind.is_place() && p.kind != Kind::State) || group)
                                    && want(p.kind)
                            });
                        if let Some(pm) = inner {
                            return self.group_of(s, pm);
                        }
                    }
                    // "his Afghan counterpart Amir Khan Muttaqi", "Somalia's President Hassan
                    // Sheikh Mohamud": the person, not the demonym or the state
                    let m = &s.mentions[mi];
                    if m.form == Form::Demonym || (m.possessive && m.kind == Kind::State) {
                        let mut t = m.end;
                        if matches!(s.word(t), "'s" | "'") {
                            t += 1;
                        }
                        if let Some(l) = self.rules().titles.match_at(&s.toks, t) {
                            let mut p = t + l;
                            if s.word(p) == "," {
                                p += 1;
                            }
                            if let Some(pm) = s.at.get(p).copied().flatten().filter(|&pm| {
                                s.mentions[pm].kind == Kind::Person && want(Kind::Person)
                            }) {
                                return self.group_of(s, pm);
                            }
                        }
                    }
                    return self.group_of(s, mi);
                }
                k = s.mentions[mi].end;
                continue;
            }
            k += 1;
        }
        Vec::new()
    }

    /// Whether the word at `i` is negated or hypothetical.
    fn cancelled(&self, s: &Sent, i: usize, from: usize) -> bool {
        let r = self.rules();
        let lo = i
            .saturating_sub(r.negation_window)
            .max(from)
            .max(s.clause_start(i));
        if r.negation.any_in(&s.toks, lo, i).is_some()
            || (lo..i).any(|k| s.word(k) == CONTRACTED_NEGATION)
        {
            return true;
        }
        let lo = i
            .saturating_sub(r.modal_window)
            .max(from)
            .max(s.clause_start(i));
        (lo..i).any(|k| self.modal_at(s, k) && !self.closed_subordinate(s, k, i))
            || (s.clause_start(i) == 0 && s.word(0) == "if")
            || self.exhorted(s, i, from)
    }

    /// "urged his fighters to avoid harming civilians and to concentrate their attacks on the
    /// police": a generic event noun (bare, or after "their", "its", "more") in the infinitive
    /// clause of a verb asking another to act. "the attack", "Monday's attack", "this attack"
    /// point at a deed told, and stay events.
    fn exhorted(&self, s: &Sent, i: usize, from: usize) -> bool {
        let r = self.rules();
        let start = s.clause_start(i).max(from);
        let Some(k) = (start..i)
            .rev()
            .find(|&k| r.exhortations.match_at(&s.toks, k).is_some())
        else {
            return false;
        };
        let clause = k + 1..i;
        if !clause.clone().any(|j| s.word(j) == "to")
            || clause
                .clone()
                .any(|j| matches!(s.word(j), "," | ";" | "that" | "which" | "who"))
        {
            return false;
        }
        let before = s.word(i.wrapping_sub(1));
        !matches!(
            before,
            "the" | "this" | "that" | "these" | "those" | "'s" | "'" | "last" | "recent" | "latest"
        )
    }

    /// Whether the word at `k` sits in a subordinate clause that a comma closes before `i`:
    /// "shortly before the truce was due to lapse, troops shelled …".
    fn closed_subordinate(&self, s: &Sent, k: usize, i: usize) -> bool {
        if !(k..i).any(|j| s.word(j) == ",") {
            return false;
        }
        let start = (s.dateline..k)
            .rev()
            .find(|&j| s.word(j) == ",")
            .map_or(s.dateline, |j| j + 1);
        (start..k).any(|j| self.rules().subordinators.match_at(&s.toks, j).is_some())
    }

    /// Whether a modal phrase starts at `k`. The month is no modal: "agreed a ceasefire on
    /// 10 May", "In May, Pakistan launched …" (a capitalised "May" inside a sentence, or any
    /// "May" inside a date the sentence names).
    fn modal_at(&self, s: &Sent, k: usize) -> bool {
        let month = s.toks.get(k).is_some_and(|t| t.lower == "may")
            && (s.toks[k].cap && k > s.dateline
                || s.dates.iter().any(|d| d.start <= k && k < d.end));
        if month {
            return false;
        }
        let modal = &self.rules().modal;
        modal.match_at(&s.toks, k).is_some()
            // a time between the verb and its "to": "had threatened last week to target …"
            || s.dates.iter().find(|d| d.start == k + 1).is_some_and(|d| {
                s.word(d.end) == "to"
                    && modal
                        .match_at(&[s.toks[k].clone(), s.toks[d.end].clone()], 0)
                        .is_some_and(|l| l == 2)
            })
    }

    /// Whether an event noun is the subject of a modal verb: "a renewed offensive towards Uvira
    /// would become likely", "an attack on the capital could trigger …" (not across a comma or
    /// a relative pronoun: "the strikes that killed ten could …" happened).
    fn modal_after(&self, s: &Sent, from: usize) -> bool {
        let end = s.clause_end(from).min(from + 10);
        for k in from..end {
            if matches!(s.word(k), "," | "that" | "which" | "who" | "but") {
                return false;
            }
            // "talks between Kinshasa and the AFC/M23 are scheduled to resume"
            if k > from
                && matches!(s.word(k), "is" | "are")
                && self.rules().modal.match_at(&s.toks, k + 1).is_some()
            {
                return true;
            }
            if k < from + 7
                && matches!(
                    s.word(k),
                    "could" | "would" | "might" | "may" | "will" | "shall"
                )
                && self.modal_at(s, k)
            {
                return true;
            }
            // "A fifth round is expected to take place …", "talks are due to resume"
            if k == from
                && matches!(s.word(k), "is" | "are")
                && self.rules().modal.match_at(&s.toks, k + 1).is_some()
            {
                return true;
            }
        }
        false
    }

    /// Whether the event word at `i` is the object of a verb that stops it: "the United
    /// States halted its air campaign", "agreed to stop targeting ships", "ended the offensive"
    /// (not "trade has halted, and Islamabad's deportations …").
    fn stopped(&self, s: &Sent, i: usize) -> bool {
        let r = self.rules();
        let mut k = i;
        while k > 0 && i - k < 4 {
            if r.stop_verbs.match_ending(&s.toks, k).is_some() {
                return true;
            }
            let t = &s.toks[k - 1];
            let filler = t.kind == TokKind::Word
                && !t.cap
                && !matches!(
                    t.lower.as_str(),
                    "and" | "or" | "but" | "that" | "which" | "who"
                );
            if !filler && !matches!(t.lower.as_str(), "-" | "'s") {
                return false;
            }
            k -= 1;
        }
        r.stop_verbs.match_ending(&s.toks, k).is_some()
    }

    /// Whether a negated participle follows an event noun: "a truce proposed by X has not
    /// been agreed", "a return to fighting was not inevitable", "talks have never taken place".
    fn unrealised_after(&self, s: &Sent, from: usize) -> bool {
        let r = self.rules();
        let end = s.clause_end(from).min(from + 24);
        let mut k = from;
        while k < end {
            // a list of names may run on ("proposed by the US, Saudi Arabia and Egypt has not …")
            if matches!(s.word(k), "," | "and") {
                let mut j = k + 1;
                if matches!(s.word(j), "and" | "the") {
                    j += 1;
                }
                if s.at.get(j).copied().flatten().is_none() {
                    return false;
                }
            }
            if matches!(s.word(k), "that" | "which" | "who" | "but") {
                return false;
            }
            if matches!(s.word(k), "not" | "never" | "n't" | "'t") {
                let mut j = k + 1;
                while matches!(
                    s.word(j),
                    "yet" | "been" | "be" | "fully" | "formally" | "so"
                ) {
                    j += 1;
                }
                return r.unrealised.match_at(&s.toks, j).is_some();
            }
            k += 1;
        }
        false
    }

    /// Whether a form of "to be" comes before token `i`, over adverbs ("were forcibly
    /// deported", "is reportedly supplied"): the verb at `i` is passive.
    fn be_before(&self, s: &Sent, i: usize) -> bool {
        let r = self.rules();
        let be = |w: &str| matches!(w, "is" | "are" | "was" | "were" | "been" | "being");
        let mut k = i;
        while k > 0
            && !be(s.word(k - 1))
            && (r.subject_skip.contains_word(s.word(k - 1)) || s.word(k - 1).ends_with("ly"))
        {
            k -= 1;
        }
        k > 0 && be(s.word(k - 1))
    }

    /// "X insisted that Afghanistan does not harbour Y": a negated statement inside an
    /// asserting frame, to be recorded as a denial.
    fn negated_in_frame(&self, s: &Sent, i: usize) -> bool {
        let Some(f) = self.frame_at(s, i) else {
            return false;
        };
        if f.denied {
            return false;
        }
        let lo = i.saturating_sub(3).max(f.from);
        (lo..i).any(|k| matches!(s.word(k), "not" | "never" | "'t" | "no"))
            && !(lo..i).any(|k| self.modal_at(s, k))
    }

    /// Whether the attribution word at `i` (of `l` tokens) qualifies the noun after it instead
    /// of reporting speech: "jets struck suspected TTP hideouts", "killed two alleged
    /// informants". It must be one of `attributive_participles`, follow a number, an event or
    /// kill verb or a word of `attributive_after`, and come before a content word.
    fn attributive(&self, s: &Sent, i: usize, l: usize) -> bool {
        let r = self.rules();
        if l != 1 || i == 0 || r.attributive_participles.match_at(&s.toks, i) != Some(1) {
            return false;
        }
        let next = &s.toks[i + 1..];
        let before_noun = next.first().is_some_and(|t| {
            t.kind == TokKind::Word && !FUNCTION_WORDS.contains(&t.lower.as_str())
        });
        if !before_noun {
            return false;
        }
        let prev = &s.toks[i - 1];
        prev.kind == TokKind::Number
            || dates::number_at(&s.toks, i - 1).is_some()
            || r.attributive_after.match_ending(&s.toks, i).is_some()
            || r.kill_words.match_ending(&s.toks, i).is_some()
            || r.events
                .iter()
                .any(|e| e.verbs.match_ending(&s.toks, i).is_some())
    }

    /// The attribution verb at `v` closes a relative clause on a noun apposed to what was
    /// said before: "…, a policy the Taliban government has called inhumane", "…, a move
    /// Kabul described as hostile". It says something of the noun and frames nothing.
    fn noun_relative(&self, s: &Sent, v: usize) -> bool {
        let r = self.rules();
        let Some(c) = (v.saturating_sub(10)..v).rev().find(|&k| s.word(k) == ",") else {
            return false;
        };
        if !matches!(s.word(c + 1), "a" | "an") {
            return false;
        }
        let noun = c + 2;
        if noun >= v
            || s.at[noun].is_some()
            || s.toks[noun].kind != TokKind::Word
            || s.toks[noun].cap
            || r.titles.match_at(&s.toks, noun).is_some()
        {
            return false;
        }
        let mut j = noun + 1;
        if matches!(s.word(j), "that" | "which") {
            j += 1;
        }
        if s.word(j) == "the" {
            j += 1;
        }
        let Some(m) = s.at.get(j).copied().flatten() else {
            return false;
        };
        if s.mentions[m].start != j && !(j > 0 && s.mentions[m].start == j - 1) {
            return false;
        }
        // "the Taliban government has called": up to two common nouns after the name
        let mut k = s.mentions[m].end;
        let mut nouns = 0;
        while k < v && nouns < 2 && s.toks[k].kind == TokKind::Word && !s.toks[k].cap {
            if r.subject_skip.contains_word(s.word(k)) {
                break;
            }
            nouns += 1;
            k += 1;
        }
        while k < v && (r.subject_skip.contains_word(s.word(k)) || s.at[k].is_some()) {
            k += 1;
        }
        k == v
    }

    /// `speaker_tail`, computed once per sentence.
    fn speaker_tail_of(&self, s: &Sent) -> Option<usize> {
        *s.speaker_tail.get_or_init(|| self.speaker_tail(s))
    }

    /// The comma (or closing quotation mark) that opens a sentence-final speaker phrase:
    /// "…, a resident in Gondar told Reuters." → the comma before "a resident".
    fn speaker_tail(&self, s: &Sent) -> Option<usize> {
        let r = self.rules();
        let n = s.toks.len();
        let c = (n.saturating_sub(14)..n)
            .rev()
            .find(|&k| matches!(s.word(k), "," | "\"" | "”"))?;
        (c + 1..n).find_map(|v| {
            r.attributions.iter().find_map(|a| {
                let l = a.verbs.match_at(&s.toks, v)?;
                self.ends_report(s, v, v + l).then_some(c)
            })
        })
    }

    /// Whether the attribution verb at `v` (ending at `after`) closes its sentence, apart from
    /// where, when and how it was said: "…, local officials said.", "…, the mayor said on
    /// Telegram.", "…, the ministry said in a statement on Tuesday.", "…, a spokesman told
    /// reporters in Kabul."
    fn ends_report(&self, s: &Sent, v: usize, after: usize) -> bool {
        let r = self.rules();
        let n = s.toks.len();
        let mut end = n;
        while end > after && matches!(s.word(end - 1), "." | "\"" | "”" | "'" | ")") {
            end -= 1;
        }
        // the speaker phrase follows a comma or a closing quotation mark: "…, the group said
        // in a statement", not "… because its vessels had called at Israeli ports" nor
        // "… deported Afghans lacking valid documents."
        let speaker_phrase =
            (v.saturating_sub(10)..v).any(|k| matches!(s.word(k), "," | "\"" | "”" | "'"));
        if end <= after + 1 {
            return speaker_phrase || v <= 4;
        }
        if end - after > 10 || !speaker_phrase {
            return false;
        }
        let opens = r.report_adjuncts.match_at(&s.toks, after).is_some()
            || s.dates.iter().any(|d| d.start == after)
            || (matches!(s.word(v), "told" | "tells") && s.toks[after].kind == TokKind::Word);
        opens
            && (after..end).all(|k| {
                !matches!(s.word(k), "," | "that" | "which" | "who" | ";" | ":")
                    && (s.toks[k].kind != TokKind::Number
                        || s.dates.iter().any(|d| d.start <= k && k < d.end))
                    && !r.starts_event(&s.toks, k)
                    && !r.starts_attribution(&s.toks, k)
            })
    }

    /// The innermost attribution frame around token `i`.
    fn frame_at<'s>(&self, s: &'s Sent, i: usize) -> Option<&'s Frame> {
        s.frames
            .iter()
            .filter(|f| f.from <= i && i < f.to)
            .min_by_key(|f| f.to - f.from)
    }

    fn prov(&self, s: &Sent, rule: &str, confidence: f32) -> Prov {
        Prov {
            sentence: s.idx,
            rule: rule.to_string(),
            confidence,
        }
    }

    fn fact(&mut self, s: &Sent, subj: &str, p: &str, o: Value, rule: &str, confidence: f32) {
        if let Value::Entity(ok) = &o {
            if ok == subj {
                return;
            }
        }
        self.facts.push(Fact {
            s: subj.to_string(),
            p: p.to_string(),
            o,
            prov: self.prov(s, rule, confidence),
        });
    }

    // ------------------------------------------------------------------ titles and offices

    fn titles(&mut self, s: &Sent) {
        let r = self.rules();
        for mi in 0..s.mentions.len() {
            let m = s.mentions[mi].clone();
            if m.kind != Kind::Person || m.coref {
                continue;
            }
            // titles written before the name, also set off by a comma ("Ukraine's president,
            // Volodymyr Zelensky,")
            let mut end = m.start;
            // "Its spokeswoman, Lt Gen Maly Socheata,": ranks between the comma and the name
            // (dotted too: "The army spokesman, Brig. Gen. X,")
            let mut j = end;
            while j >= 1
                && (r.honorifics.contains_word(s.word(j - 1))
                    || s.word(j - 1) == "." && j >= 2 && r.honorifics.contains_word(s.word(j - 2)))
            {
                j -= 1;
            }
            if j < end && j >= 1 && s.word(j - 1) == "," {
                end = j;
            }
            if s.word(end.saturating_sub(1)) != "," {
                end = m.start;
            }
            // "Pakistan's ambassador to Kabul, X,", "the head of the city's administration, X":
            // the complement between title and comma; "of"/"for" may name whom the title serves
            let mut complement_org: Option<usize> = None;
            if end >= 2
                && s.word(end - 1) == ","
                && matches!(s.word(m.end), "," | "." | ";" | ")" | "")
            {
                if r.titles.match_ending(&s.toks, end - 1).is_some() {
                    end -= 1;
                } else if let Some(p) = (end.saturating_sub(9)..end - 2).rev().find(|&p| {
                    matches!(s.word(p), "to" | "of" | "for" | "in")
                        && r.titles.match_ending(&s.toks, p).is_some()
                        && (p + 1..end - 1).all(|k| {
                            s.toks[k].kind == TokKind::Word
                                || matches!(s.word(k), "'s" | "’s" | "-")
                        })
                }) {
                    if matches!(s.word(p), "of" | "for") {
                        complement_org =
                            s.at[p + 1..end - 1].iter().flatten().copied().find(|&o| {
                                s.mentions[o].kind.is_actor() && s.mentions[o].kind != Kind::Person
                            });
                    }
                    end = p;
                }
            }
            let mut titles: Vec<(String, bool)> = Vec::new();
            loop {
                let mut e = end;
                // ("Brig. Gen.": a one-word rank, though "brig." also matches as two tokens)
                while e > 0 && (r.honorifics.contains_word(s.word(e - 1)) || s.word(e - 1) == ".") {
                    if s.word(e - 1) == "."
                        && !r.honorifics.contains_word(s.word(e.saturating_sub(2)))
                    {
                        break;
                    }
                    e -= 1;
                }
                if let Some(b) = r.titles.match_ending(&s.toks, e) {
                    let leader = r.leader_titles.match_at(&s.toks, b) == Some(e - b);
                    // "chief spokesman", "head negotiator": one title, not a leader
                    if e == end
                        && !titles.is_empty()
                        && e - b == 1
                        && matches!(s.word(b), "chief" | "head" | "senior" | "deputy" | "top")
                    {
                        if let Some(last) = titles.last_mut() {
                            last.0 = format!("{} {}", s.surface(b, e), last.0);
                            end = b;
                            continue;
                        }
                    }
                    titles.push((s.surface(b, e).to_string(), leader));
                    end = b;
                    if s.word(end.saturating_sub(1)) == "and"
                        && end >= 1
                        && r.titles.match_ending(&s.toks, end - 1).is_some()
                    {
                        end -= 1;
                    }
                    continue;
                }
                break;
            }
            // "Presidents Felix Tshisekedi and Paul Kagame": one title in the plural before a
            // list of names is each one's
            if titles.is_empty() {
                let mut first = m.start;
                while first >= 2 && matches!(s.word(first - 1), "and" | ",") {
                    match s.mention_ending_at(first - 1) {
                        Some(p) if s.mentions[p].kind == Kind::Person => {
                            first = s.mentions[p].start
                        }
                        _ => break,
                    }
                }
                if let Some(b) = r.plural_titles.match_ending(&s.toks, first) {
                    let leader = r.leader_titles.match_at(&s.toks, b).is_some();
                    titles.push((crate::rules::singular(s.surface(b, first)), leader));
                    end = b;
                }
            }
            // "Kyrgyzstan's acting Foreign Minister X": the state before the modifier
            if !titles.is_empty() {
                while let Some(b) = r
                    .title_modifiers
                    .match_ending(&s.toks, end)
                    .filter(|&b| !matches!(s.word(b), "former" | "then"))
                {
                    end = b;
                }
            }
            let former = matches!(
                s.word(end.saturating_sub(1)),
                "former" | "ex" | "late" | "then"
            );
            let mut org: Option<usize> = None;
            // the actor whose name (or possessive, "the group's") ends at `e`
            let org_ending = |e: usize| {
                s.mention_ending_at(e)
                    .or_else(|| {
                        (e > 0 && matches!(s.word(e - 1), "'s" | "'" | "’s"))
                            .then(|| s.mention_ending_at(e - 1))
                            .flatten()
                    })
                    .filter(|&o| s.mentions[o].kind != Kind::Person)
            };
            if !titles.is_empty() && end > 0 {
                let e = end;
                org = org_ending(e);
                if org.is_none() {
                    // "Chadian Interior Ministry spokesman X", "Pakistan's Foreign Office
                    // spokesman, X,": the actor before one of its institutions, which belongs
                    // to the title
                    if let Some(b) = r.institutions.match_ending(&s.toks, e) {
                        org = org_ending(b).filter(|&o| s.mentions[o].kind.is_actor());
                        if let (Some(_), Some(last)) = (org, titles.last_mut()) {
                            last.0 = format!("{} {}", s.surface(b, e), last.0);
                        }
                    }
                }
                org = org.or_else(|| {
                    // "Sudanese army spokesman X": the actor's mention ("Sudanese army")
                    // takes in the first word of the title ("army spokesman")
                    s.mentions.iter().position(|o| {
                        o.start < end
                            && o.end > end
                            && o.end <= m.start
                            && o.kind != Kind::Person
                            && o.kind.is_actor()
                    })
                });
            }
            if org.is_none() && !titles.is_empty() {
                org = complement_org;
            }
            // "Army spokesman Brig. Gen. X": a title led by a bare institution serves the
            // actor that institution is the document's (see `institution_modifier`)
            let mut institution_org: Option<String> = None;
            if org.is_none()
                && !titles.is_empty()
                && !matches!(
                    s.word(end.saturating_sub(1)),
                    "the" | "a" | "an" | "'s" | "'"
                )
                && s.mention_ending_at(end).is_none()
            {
                if let Some(l) = r
                    .institutions
                    .match_at(&s.toks, end)
                    .filter(|&l| r.titles.match_at(&s.toks, end + l).is_some())
                {
                    institution_org = self
                        .institution_modifier(s, end, l, &s.mentions)
                        .filter(|(_, kind)| kind.is_actor())
                        .map(|(key, _)| key);
                }
            }
            // apposition: "X, the prime minister of Pakistan," / "X, the group's leader,"
            // (also after a bare rank: "Colonel X, the SPLA-IO deputy military spokesperson,")
            if (titles.is_empty() || org.is_none()) && s.word(m.end) == "," {
                let mut k = m.end + 1;
                if matches!(s.word(k), "the" | "a" | "an") {
                    k += 1;
                }
                let mut poss_org = None;
                if let Some(om) = s.at.get(k).copied().flatten() {
                    let o = &s.mentions[om];
                    if o.possessive && o.kind != Kind::Person {
                        poss_org = Some(om);
                        k = o.end;
                        if matches!(s.word(k), "'s" | "'") {
                            k += 1;
                        }
                    } else if o.kind.is_actor() && o.kind != Kind::Person && o.start == k {
                        // "X, the Houthi military spokesman,", "X, the Taliban government's
                        // chief spokesman,", "X, the Pakistani envoy,": the actor, perhaps one
                        // of its institutions, then the title
                        let mut j = o.end;
                        if let Some(l) = r.institutions.match_at(&s.toks, j) {
                            if matches!(s.word(j + l), "'s" | "'") {
                                j += l + 1;
                            }
                        }
                        let compound = matches!(
                            s.word(j),
                            "chief" | "head" | "senior" | "deputy" | "top" | "acting" | "lead"
                        );
                        if r.titles.match_at(&s.toks, j).is_some()
                            || (compound && r.titles.match_at(&s.toks, j + 1).is_some())
                        {
                            poss_org = Some(om);
                            k = j;
                        }
                    } else if o.kind.is_place() && !o.kind.is_actor() && o.start == k {
                        // "X, the Sokoto police spokesperson,": a place qualifies the title
                        k = o.end;
                    }
                }
                while matches!(
                    s.word(k),
                    "current" | "new" | "top" | "senior" | "chief" | "deputy"
                ) && r.titles.match_at(&s.toks, k).is_none()
                {
                    k += 1;
                }
                let clause_follows = |k: usize| {
                    matches!(
                        s.word(k),
                        "is" | "was" | "has" | "had" | "remains" | "are" | "were"
                    )
                };
                // "chief spokesman", "senior official": one title, led by its second word
                let compound = matches!(
                    s.word(k),
                    "chief" | "head" | "senior" | "deputy" | "top" | "acting" | "lead"
                )
                .then(|| r.titles.match_at(&s.toks, k + 1))
                .flatten();
                // "deputy military spokesperson", "provincial information and culture
                // director": a few lower-case words before the title are part of it
                let modified = || {
                    (1..5).find_map(|d| {
                        let words = (k..k + d).all(|j| {
                            s.toks.get(j).is_some_and(|t| {
                                t.kind == TokKind::Word
                                    && !t.cap
                                    && s.at[j].is_none()
                                    && !FUNCTION_WORDS.contains(&s.word(j))
                            }) || s.word(j) == "and"
                        });
                        if !words || s.word(k) == "and" {
                            return None;
                        }
                        r.titles.match_at(&s.toks, k + d).map(|l| d + l)
                    })
                };
                let title_len = match (
                    compound
                        .map(|l2| l2 + 1)
                        .or_else(|| r.titles.match_at(&s.toks, k)),
                    modified(),
                ) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
                // "X, the Russian diplomat's friend": the title is someone else's
                if let Some(l) = title_len
                    .filter(|&l| !clause_follows(k + l) && !matches!(s.word(k + l), "'s" | "'"))
                {
                    let leader = if compound.is_some() {
                        r.leader_titles.match_at(&s.toks, k + 1) == Some(l - 1)
                    } else {
                        r.leader_titles.match_at(&s.toks, k) == Some(l)
                    };
                    titles.push((s.surface(k, k + l).to_string(), leader));
                    let after = k + l;
                    org = poss_org.or_else(|| {
                        if matches!(s.word(after), "of" | "for") {
                            let mut a = after + 1;
                            if s.word(a) == "the" {
                                a += 1;
                            }
                            s.at.get(a).copied().flatten().filter(|&o| {
                                s.mentions[o].kind != Kind::Person && s.mentions[o].kind.is_actor()
                            })
                        } else {
                            None
                        }
                    });
                }
            }
            // "its current leader is X", "the group's leader, X"
            if titles.is_empty() && m.start >= 2 {
                let mut e = m.start;
                if matches!(s.word(e - 1), "is" | "was" | "," | "remains") {
                    e -= 1;
                }
                if let Some(b) = r.leader_titles.match_ending(&s.toks, e) {
                    let mut p = b;
                    while p > 0
                        && matches!(
                            s.word(p - 1),
                            "current" | "new" | "top" | "overall" | "supreme"
                        )
                    {
                        p -= 1;
                    }
                    let mut pe = p;
                    if matches!(s.word(pe.saturating_sub(1)), "'s" | "'") {
                        pe -= 1;
                    }
                    if let Some(om) = s.mention_ending_at(pe) {
                        if s.mentions[om].kind != Kind::Person
                            && (s.mentions[om].possessive || s.mentions[om].coref)
                        {
                            titles.push((s.surface(b, e).to_string(), true));
                            org = Some(om);
                        }
                    }
                }
            }
            if titles.is_empty() {
                continue;
            }
            for (t, _) in &titles {
                self.fact(
                    s,
                    &m.key,
                    "title",
                    Value::Text(t.clone()),
                    "title/prenominal",
                    0.8,
                );
            }
            let any_leader = titles.iter().any(|(_, l)| *l);
            if let Some(o) = org {
                let ok = s.mentions[o].key.clone();
                let okind = s.mentions[o].kind;
                if any_leader && !former && okind != Kind::Person {
                    self.fact(
                        s,
                        &m.key,
                        "leaderOf",
                        Value::Entity(ok.clone()),
                        "title/leader",
                        0.8,
                    );
                } else if okind.is_actor() || okind == Kind::State {
                    self.fact(
                        s,
                        &m.key,
                        "affiliatedWith",
                        Value::Entity(ok),
                        "title/affiliation",
                        0.8,
                    );
                }
            } else if let Some(ok) = institution_org {
                self.fact(
                    s,
                    &m.key,
                    "affiliatedWith",
                    Value::Entity(ok),
                    "title/institution",
                    0.7,
                );
            } else if let Some(ci) = self.cat_index(&m.key) {
                // the catalogue's office with this title, held at the document's date
                let cat = self.cat();
                let lower: Vec<String> = titles.iter().map(|(t, _)| t.to_lowercase()).collect();
                let office = cat.entities[ci].offices.iter().find(|o| {
                    let ot = o.title.to_lowercase();
                    lower
                        .iter()
                        .any(|t| *t == ot || ot.ends_with(t.as_str()) || t.ends_with(ot.as_str()))
                        && self
                            .date
                            .is_none_or(|d| o.held_on(d) || o.from.is_some_and(|f| f <= d))
                });
                if let Some(of) = office.and_then(|o| o.of) {
                    let ok = self.record_catalogue(of);
                    let pred = if any_leader && cat.entities[of].kind != Kind::State {
                        "leaderOf"
                    } else {
                        "affiliatedWith"
                    };
                    self.fact(
                        s,
                        &m.key,
                        pred,
                        Value::Entity(ok),
                        "title/catalogue-office",
                        0.7,
                    );
                }
            }
        }
    }

    // ------------------------------------------------------------------ attribution frames

    fn find_frames(&mut self, s: &mut Sent) {
        let r = self.rules();
        let n = s.toks.len();
        let actor = |k: Kind| k.is_actor();
        let mut frames = Vec::new();
        let mut i = 0;
        while i < n {
            let mut matched = None;
            for a in &r.attributions {
                if let Some(l) = a.verbs.match_at(&s.toks, i) {
                    if s.at[i].is_none() && a.not_before.match_at(&s.toks, i + l).is_none() {
                        matched = Some((a, l));
                        break;
                    }
                }
            }
            let Some((a, l)) = matched else {
                i += 1;
                continue;
            };
            // "dismissed the Indian claims", "Pakistan's claims": the noun, not the verb
            let det = |k: usize| {
                matches!(
                    s.word(k),
                    "the"
                        | "these"
                        | "those"
                        | "such"
                        | "its"
                        | "their"
                        | "his"
                        | "her"
                        | "our"
                        | "a"
                        | "an"
                        | "'s"
                        | "’s"
                        | "any"
                        | "all"
                )
            };
            if l == 1 && i > 0 && r.claim_nouns.contains_word(s.word(i)) {
                let before = s.at[i - 1]
                    .filter(|&m| s.mentions[m].form == Form::Demonym && s.mentions[m].end == i)
                    .map_or(i - 1, |m| s.mentions[m].start.saturating_sub(1));
                if det(i - 1) || (before < i - 1 && det(before)) {
                    i += 1;
                    continue;
                }
            }
            // "in Upper Nile and Jonglei states, …": the plural noun, not the verb
            if l == 1
                && s.word(i) == "states"
                && matches!(s.word(i + 1), "," | "." | ";" | ")" | "and" | "or" | "")
            {
                i += 1;
                continue;
            }
            // "called for talks", "calls on Kabul to …": a demand, not words reported
            if matches!(s.word(i), "called" | "calls" | "call")
                && matches!(s.word(i + l), "for" | "on" | "upon" | "off")
            {
                i += l;
                continue;
            }
            let in_hedge = (i.saturating_sub(3)..=i)
                .any(|k| r.hedges.match_at(&s.toks, k).is_some_and(|hl| k + hl > i));
            // "neither confirmed nor denied", "did not deny", "did not confirm that …",
            // "declined to say whether …": no stance at all, and what follows is no fact
            let unstated = (i.saturating_sub(4)..i)
                .rev()
                .take_while(|&k| s.word(k) != ",")
                .any(|k| {
                    matches!(
                        s.word(k),
                        "not"
                            | "'t"
                            | "n't"
                            | "never"
                            | "neither"
                            | "nor"
                            | "declined"
                            | "refused"
                            | "unable"
                            | "cannot"
                    )
                });
            if in_hedge {
                i += l;
                continue;
            }
            if unstated {
                frames.push(Frame {
                    from: i + l,
                    to: s.clause_end(i + l),
                    claimants: Vec::new(),
                    theme: Vec::new(),
                    denied: false,
                    hedged: false,
                    rule: format!("claim/{}", a.id),
                    pending: false,
                    unstated: true,
                    unnamed_source: false,
                });
                i += l;
                continue;
            }
            // nouns that look like verbs ("claims of", "the claim", "reports of") are not frames
            if (i > 0
                && matches!(
                    s.word(i - 1),
                    "the"
                        | "a"
                        | "an"
                        | "these"
                        | "such"
                        | "continuing"
                        | "new"
                        | "recent"
                        | "unconfirmed"
                ))
                || (s.word(i + l) == "of" && !a.denied && a.theme == Theme::None)
            {
                i += l;
                continue;
            }
            if self.attributive(s, i, l) {
                i += l;
                continue;
            }
            let passive = self.be_before(s, i);
            let end = s.clause_end(i + l);
            let mut from = i + l;
            let mut to = end;
            let mut claimants: Vec<String>;
            let mut theme: Vec<String> = Vec::new();
            if passive {
                // "X, having been accused of … by Y"
                let by = (i + l..end).find(|&k| s.word(k) == "by");
                claimants = by
                    .map(|b| self.object_of(s, b + 1, 4, &actor))
                    .map(|v| self.keys(s, &v))
                    .unwrap_or_default();
                if let Some(b) = by {
                    to = b;
                }
                theme = {
                    let v = self.subject_of(s, i, &actor);
                    self.keys(s, &v)
                };
                if s.word(from) == "of" {
                    from += 1;
                }
            } else {
                // "…, an allegation the Gulf state has rejected": the denier is the phrase
                // between the noun and the verb; when that names nobody, nobody is known
                // "…, a charge that Rwanda has consistently rejected": a named denier, and the
                // denial refers back (deny_previous). Either way it frames nothing of its own
                // sentence.
                let refers_back = a.denied
                    && (i.saturating_sub(8)..i).any(|k| {
                        if !r.claim_nouns.contains_word(s.word(k)) {
                            return false;
                        }
                        let named = (k + 1..i).any(|j| s.at[j].is_some());
                        let unnamed = !named && i - k <= 6;
                        let appended = named
                            && (k + 1..i).all(|j| {
                                s.at[j].is_some()
                                    || matches!(s.word(j), "that" | "which" | "the")
                                    || r.subject_skip.contains_word(s.word(j))
                            });
                        unnamed || appended
                    });
                if refers_back || self.noun_relative(s, i) {
                    i += l;
                    continue;
                }
                claimants = {
                    let v = self.subject_of(s, i, &actor);
                    // "…, local officials said": the speaker is the phrase after the last
                    // comma, not a name inside the reported words
                    let last_comma = (0..i).rev().take(10).find(|&k| s.word(k) == ",");
                    let v: Vec<usize> = match last_comma {
                        Some(c) if self.ends_report(s, i, i + l) => {
                            v.into_iter().filter(|&m| s.mentions[m].start > c).collect()
                        }
                        _ => v,
                    };
                    self.keys(s, &v)
                };
                // "X condemned strikes by Y, saying that …": the main clause's subject speaks,
                // not the name nearest the participle
                if i > 0 && s.word(i - 1) == "," && s.word(i).ends_with("ing") {
                    if let Some(first) = s
                        .mentions
                        .iter()
                        .position(|m| m.end < i && actor(m.kind) && m.start >= s.dateline)
                    {
                        let v = self.group_of(s, first);
                        claimants = self.keys(s, &v);
                    }
                }
                // "the ISPR said … and claimed …": the same speaker
                if i > 0 && s.word(i - 1) == "and" {
                    // (not a quotation's guessed speaker: "dismissed the Indian claims as
                    // "baseless" and said …")
                    if let Some(prev) = frames
                        .iter()
                        .rev()
                        .find(|f: &&Frame| !f.claimants.is_empty() && f.rule != "claim/quotation")
                    {
                        claimants = prev.claimants.clone();
                    }
                }
                // "…,” Salam said." / "said Salam"
                // "…, said Shahid Rind, a spokesman for …": the speaker after the verb, and
                // the words before are his
                let mut inverted = false;
                if a.theme == Theme::None && i > 0 && s.word(i - 1) == "," {
                    // the name right after the verb, and nothing of a clause after the name
                    let speaker = s.at.get(i + l).copied().flatten().filter(|&m| {
                        actor(s.mentions[m].kind)
                            && matches!(s.word(s.mentions[m].end), "," | "." | "")
                    });
                    if let Some(m) = speaker {
                        claimants = self.keys(s, &self.group_of(s, m));
                        inverted = true;
                    }
                }
                // (not the reported words' subject: "It claimed that Indian troops had …", an
                // "it" nobody was named for, leaves the claimant unknown)
                let pronoun_subject =
                    i > 0 && matches!(s.word(i - 1), "it" | "they" | "he" | "she" | "we");
                if claimants.is_empty()
                    && a.theme == Theme::None
                    && s.word(i + l) != "that"
                    && !pronoun_subject
                {
                    let v = self.object_of(s, i + l, 3, &actor);
                    claimants = self.keys(s, &v);
                }
                // ("… as "baseless" and said …": a scare quote, then a second verb)
                let quote_before = s.word(i.saturating_sub(1)) != "and"
                    && (0..i)
                        .rev()
                        .take(4)
                        .any(|k| matches!(s.word(k), "\"" | "”" | "'"));
                if quote_before || inverted || (self.ends_report(s, i, i + l) && i > 3) {
                    from = 0;
                    to = s
                        .mentions
                        .iter()
                        .filter(|m| m.end <= i)
                        .map(|m| m.start)
                        .next_back()
                        .unwrap_or(i)
                        .min(i);
                }
                match a.theme {
                    Theme::Object => {
                        // "accuses Kabul of harboring …": the accused, then "of"
                        if let Some(of) = (i + l..end).find(|&k| matches!(s.word(k), "of" | "for"))
                        {
                            let v = self.object_of(s, i + l, of - i - l, &actor);
                            theme = self.keys(s, &v);
                            from = of + 1;
                        } else if let Some(on) = (i + l..end.min(i + l + 8))
                            .find(|&k| s.word(k) == "on")
                            .filter(|&on| (i + l..on).any(|k| r.starts_event(&s.toks, k)))
                        {
                            // "blamed the attack on Lashkar-e-Taiba": the event, then the accused
                            let v = self.object_of(s, on + 1, 5, &actor);
                            theme = self.keys(s, &v);
                            to = on;
                        } else {
                            // "Pakistan blamed the TTP.", "The SDF blamed Islamic State sleeper
                            // cells.": the accused alone, with at most a few words naming its
                            // people; the deed is an event told just before (event_claims)
                            let v = self.object_of(s, i + l, 3, &actor);
                            if let Some(&last) = v.last() {
                                let mut after = s.mentions[last].end;
                                // "blamed the Ethiopian National Defense Force (ENDF)"
                                if s.acronym_in_parens(after) {
                                    after += 3;
                                }
                                let mut stop = end;
                                // "…, which has used armed drones against Fano": a relative
                                // clause on the accused is the writer's gloss
                                if let Some(c) = (after..end).find(|&k| {
                                    s.word(k) == "," && matches!(s.word(k + 1), "which" | "who")
                                }) {
                                    if c == after {
                                        stop = c;
                                    }
                                }
                                while stop > after && matches!(s.word(stop - 1), "." | "!") {
                                    stop -= 1;
                                }
                                let bare = after + 3 >= stop
                                    && (after..stop).all(|k| {
                                        s.at[k].is_none()
                                            && s.toks[k].kind == TokKind::Word
                                            && !s.toks[k].cap
                                    });
                                if bare {
                                    theme = self.keys(s, &v);
                                    from = end;
                                    to = end;
                                }
                            }
                        }
                    }
                    Theme::Claimant => theme = claimants.clone(),
                    Theme::None => {}
                }
            }
            // "It added that …", "They said …" at the start: the previous speaker
            if claimants.is_empty()
                && (0..i).all(|k| {
                    matches!(
                        s.word(k),
                        "it" | "they" | "also" | "further" | "later" | "had" | "has"
                    )
                })
                && i > 0
                && matches!(s.word(0), "it" | "they")
            {
                claimants = self.last_speaker.clone();
            }
            if !claimants.is_empty() {
                self.last_speaker = claimants.clone();
            }
            if a.theme == Theme::Claimant && theme.is_empty() {
                theme = claimants.clone();
            }
            // "accuses Afghanistan of harbouring the TTP, which has stepped up attacks in
            // Khyber Pakhtunkhwa": a relative clause on a name that closes the sentence is the
            // writer's gloss, not part of what was said
            if from > 0 {
                if let Some(c) = (from..to).find(|&k| {
                    s.word(k) == ","
                        && matches!(s.word(k + 1), "which" | "who")
                        && (s.mention_ending_at(k).is_some()
                            || (s.word(k - 1) == ")" && s.mention_ending_at(k - 1).is_some()))
                }) {
                    let last = (c + 1..n).all(|k| {
                        !matches!(s.word(k), "," | ";" | "\"" | "”" | "“")
                            && !r.starts_attribution(&s.toks, k)
                    });
                    if last {
                        to = c;
                    }
                }
            }
            let hedged = claimants.is_empty();
            // "…, a Srinagar-based defence spokesperson said", "…, said a military
            // spokesman": the closing speaker is a side's spokesperson without a name (an
            // unnamed official or resident reports as the narrator does)
            let voice_in =
                |from: usize, to: usize| r.side_voices.any_in(&s.toks, from, to).is_some();
            let voice_before = (i.saturating_sub(7)..i)
                .rev()
                .find(|&k| s.word(k) == ",")
                .is_some_and(|c| {
                    voice_in(c + 1, i)
                        && (c + 1..i).all(|k| s.at[k].is_none_or(|m| !actor(s.mentions[m].kind)))
                })
                && matches!(s.word(i + l), "." | "," | "");
            let voice_after =
                i + l + 4 > n && s.word(i.saturating_sub(1)) == "," && voice_in(i + l, n);
            let unnamed_source = claimants.is_empty()
                && a.theme == Theme::None
                && !a.denied
                && ((i > 1 && voice_before) || voice_after);
            frames.push(Frame {
                from,
                to,
                claimants,
                theme,
                denied: a.denied,
                hedged,
                rule: format!("claim/{}", a.id),
                pending: false,
                unstated: false,
                unnamed_source,
            });
            i += l;
        }
        // "reportedly", "is believed to": no source
        let mut k = 0;
        while k < n {
            if let Some(l) = r.hedges.match_at(&s.toks, k) {
                // "X, who leads the TTP, is believed to be in Afghanistan": the relative clause
                // before the hedge is told as fact
                let start = s.clause_start(k);
                let mut from = start;
                for j in start..k {
                    if s.word(j) == "," && matches!(s.word(j + 1), "who" | "which") {
                        if let Some(c) = (j + 2..k).find(|&c| s.word(c) == ",") {
                            from = c + 1;
                        }
                    }
                }
                frames.push(Frame {
                    from,
                    to: s.clause_end(k + l),
                    claimants: Vec::new(),
                    theme: Vec::new(),
                    denied: false,
                    hedged: true,
                    rule: "claim/hedge".into(),
                    pending: false,
                    unstated: false,
                    unnamed_source: false,
                });
                k += l;
                continue;
            }
            if let Some(l) = r.sources.match_at(&s.toks, k) {
                let mut v = self.object_of(s, k + l, 6, &actor);
                // "according to the head of the city's military administration, Tymur
                // Tkachenko": the person the title phrase is apposed to
                if let Some(p) = (k + l..(k + l + 12).min(n))
                    .filter_map(|j| s.at[j])
                    .find(|&m| {
                        let pm = &s.mentions[m];
                        pm.kind == Kind::Person
                            && pm.start > k + l + 1
                            && s.word(pm.start - 1) == ","
                            && matches!(s.word(pm.end), "," | "." | "")
                            && r.titles.any_in(&s.toks, k + l, pm.start).is_some()
                    })
                {
                    v = vec![p];
                }
                let who = self.keys(s, &v);
                // "according to a statement from the civil defence agency": a source the
                // text does not name still makes what it says a claim, with no claimant
                let unnamed = who.is_empty()
                    && s.toks.get(k + l).is_some_and(|t| t.kind == TokKind::Word)
                    && !s.toks[k + l].cap
                    && !matches!(s.word(k + l), "plan" | "schedule");
                if !who.is_empty() || unnamed {
                    let hedged = who.is_empty();
                    frames.push(Frame {
                        from: 0,
                        to: n,
                        claimants: who,
                        theme: Vec::new(),
                        denied: false,
                        hedged,
                        rule: "claim/according-to".into(),
                        pending: false,
                        unstated: false,
                        unnamed_source: false,
                    });
                }
                k += l;
                continue;
            }
            k += 1;
        }
        // quotations
        let quote_marks: Vec<(usize, bool)> = s
            .toks
            .iter()
            .enumerate()
            .filter_map(|(k, t)| {
                let raw = &s.text[t.start..t.end];
                match raw {
                    "“" => Some((k, true)),
                    "”" => Some((k, false)),
                    "\"" => Some((k, true)),
                    _ => None,
                }
            })
            .collect();
        let mut open: Option<usize> = if self.in_quote { Some(0) } else { None };
        let mut plain_quote_open = false;
        for (k, is_open) in quote_marks {
            let raw_is_plain = &s.text[s.toks[k].start..s.toks[k].end] == "\"";
            let opening = if raw_is_plain {
                !plain_quote_open
            } else {
                is_open
            };
            if raw_is_plain {
                plain_quote_open = !plain_quote_open;
            }
            if opening {
                open = Some(k);
            } else if let Some(o) = open.take() {
                // scare quotes inside someone's report ("said 23 soldiers had been 'martyred'",
                // "said 'more than 20' fighters …"): the report's speaker says them
                // "said Thai soldiers had "crossed into Cambodian territory and attacked
                // first"": a quotation that opens inside a reported clause is part of it
                let mid_clause = o > 0
                    && s.toks[o - 1].kind == TokKind::Word
                    && !s.toks[o - 1].cap
                    && !self.rules().starts_attribution(&s.toks, o - 1);
                let scare = (k - o <= 5 || mid_clause)
                    && frames
                        .iter()
                        .any(|f| !f.claimants.is_empty() && f.from <= o && k <= f.to);
                if scare {
                    self.in_quote = false;
                    continue;
                }
                let speaker = self.quote_speaker(s, o, k);
                frames.push(Frame {
                    from: o,
                    to: k,
                    claimants: speaker.clone(),
                    theme: Vec::new(),
                    denied: false,
                    hedged: false,
                    rule: "claim/quotation".into(),
                    pending: false,
                    unstated: false,
                    unnamed_source: false,
                });
                if !speaker.is_empty() {
                    let who = speaker.first().cloned();
                    for ci in std::mem::take(&mut self.pending_quote) {
                        if let Some(c) = self.claims.get_mut(ci) {
                            c.claimant = who.clone();
                            c.hedged = false;
                        }
                    }
                }
                self.in_quote = false;
            }
        }
        if let Some(o) = open {
            // the quotation runs on into the next sentence
            self.in_quote = true;
            frames.push(Frame {
                from: o,
                to: n,
                claimants: Vec::new(),
                theme: Vec::new(),
                denied: false,
                hedged: false,
                rule: "claim/quotation".into(),
                pending: true,
                unstated: false,
                unnamed_source: false,
            });
        }
        s.frames = frames;
    }

    fn quote_speaker(&self, s: &Sent, open: usize, close: usize) -> Vec<String> {
        let r = self.rules();
        let say = |k: usize| {
            r.attributions
                .iter()
                .any(|a| !a.denied && a.verbs.match_at(&s.toks, k).is_some())
        };
        // after: ”, X said / ,” said X / ,” he added
        let mut k = close + 1;
        if s.word(k) == "," {
            k += 1;
        }
        if let Some(m) = s.mention_at(k) {
            if m.kind.is_actor() && say(m.end) {
                return vec![m.key.clone()];
            }
        }
        if say(k) {
            let mut j = k + 1;
            while j < s.toks.len() && s.at[j].is_none() && j < k + 3 {
                j += 1;
            }
            if let Some(m) = s.mention_at(j) {
                if m.kind.is_actor() {
                    return vec![m.key.clone()];
                }
            }
        }
        // before: X said: “…
        if open >= 2 && matches!(s.word(open - 1), ":" | ",") && say(open - 2) {
            let v = self.subject_of(s, open - 2, &|k: Kind| k.is_actor());
            return self.keys(s, &v);
        }
        Vec::new()
    }

    /// Record a statement found at trigger `i`: a fact, or a claim when a frame covers it.
    #[allow(clippy::too_many_arguments)]
    fn statement(
        &mut self,
        s: &Sent,
        i: usize,
        subj: &str,
        p: &str,
        obj: &str,
        rule: &str,
        confidence: f32,
    ) {
        if subj == obj {
            return;
        }
        // where a place lies is the geography of the story, not the speaker's claim
        let geography = matches!(p, "locatedIn" | "borders");
        let frame = self.frame_at(s, i).cloned().filter(|_| !geography);
        if frame.as_ref().is_some_and(|f| f.unstated) {
            return;
        }
        match frame {
            None => self.fact(s, subj, p, Value::Entity(obj.to_string()), rule, confidence),
            Some(f) => {
                let denied = f.denied || self.negated_in_frame(s, i);
                let claimants = f.claimant_slots();
                for c in claimants {
                    self.claims.push(Claim {
                        s: ClaimSubject::Entity(subj.to_string()),
                        p: p.to_string(),
                        o: obj.to_string(),
                        o_casualty: None,
                        claimant: c,
                        denied,
                        hedged: f.hedged && !f.pending,
                        prov: self.prov(s, &format!("{}+{rule}", f.rule), confidence * 0.9),
                    });
                    if f.pending {
                        self.pending_quote.push(self.claims.len() - 1);
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ relations

    fn relations(&mut self, s: &Sent) {
        let r = self.rules();
        let n = s.toks.len();
        for rule in &r.relations {
            let subj_ok = |k: Kind| kind_ok(k, &rule.subject);
            let obj_ok = |k: Kind| kind_ok(k, &rule.object);
            let place_rel = rule
                .subject
                .iter()
                .all(|t| matches!(t.as_str(), "Place" | "City" | "Region" | "State" | "Site"));
            let place_rel_obj = rule
                .object
                .iter()
                .all(|t| matches!(t.as_str(), "Place" | "City" | "Region" | "State" | "Site"));
            let family = |k: Kind| {
                if place_rel {
                    k.is_place()
                } else {
                    k.is_actor()
                }
            };
            // what the object side may be: places for "operates in", actors otherwise
            let obj_family = |k: Kind| {
                if place_rel_obj {
                    k.is_place()
                } else {
                    family(k)
                }
            };
            if !s.toks.iter().any(|t| rule.any.may_start_at(t)) {
                continue;
            }
            let rid = rule.rule_id.as_str();
            let mut i = 0;
            while i < n {
                if s.at[i].is_some() || !rule.any.may_start_at(&s.toks[i]) {
                    i += 1;
                    continue;
                }
                let mut pairs: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
                let mut used = 1;
                // an apposition describing a name ("JNIM, al-Qaeda's affiliate,") is the
                // writer's description, a fact even inside reported speech
                let mut apposed = false;
                let frame_from = || self.frame_at(s, i).map_or(0, |f| f.from);
                if let Some(l) = rule.passive.match_at(&s.toks, i) {
                    used = l;
                    // "Pakistan's delegation, led by X", "the Afghan team, headed by X": the
                    // possessor or demonym only qualifies the noun that is led or backed
                    // ("Mali's junta, led by General X": one of its institutions is the
                    // actor itself)
                    let o: Vec<usize> = self
                        .subject_of(s, i, &family)
                        .into_iter()
                        .filter(|&m| {
                            let m = &s.mentions[m];
                            let qualifier = m.possessive || m.form == Form::Demonym;
                            !qualifier || {
                                let mut k = m.end;
                                if matches!(s.word(k), "'s" | "'") {
                                    k += 1;
                                }
                                r.institutions.match_at(&s.toks, k).is_some_and(|il| {
                                    k + il == i || (k + il + 1 == i && s.word(k + il) == ",")
                                })
                            }
                        })
                        .collect();
                    let mut sub = self.object_of(s, i + l, 5, &family);
                    // "led by its founder, Riek Machar": the person the title is apposed to
                    if sub.is_empty() {
                        sub.extend(self.titled_person_after(s, i + l));
                    }
                    pairs.push((sub, o));
                } else if let Some(l) = rule.from.match_at(&s.toks, i) {
                    used = l;
                    let sub = self.object_of(s, i + l, 4, &family);
                    let o = self.subject_of(s, i, &family);
                    pairs.push((sub, o));
                } else if let Some(l) = rule
                    .compound
                    .match_at(&s.toks, i)
                    .filter(|_| i >= 2 && s.word(i - 1) == "-")
                {
                    used = l;
                    if let Some(sm) = s.mention_ending_at(i - 1) {
                        let o = self.object_of(s, i + l, 6, &obj_ok);
                        pairs.push((vec![sm], o));
                    }
                } else if let Some((l, o)) = self
                    .double_object(s, i, rule, &obj_ok)
                    .filter(|_| !self.cancelled(s, i, frame_from()))
                {
                    // "accuses Kabul of giving IMU fighters sanctuary"
                    used = l;
                    pairs.push((self.subject_of(s, i, &family), o));
                } else if let Some(l) = rule
                    .verbs
                    .match_at(&s.toks, i)
                    .filter(|&l| {
                        // "handed Lashio back to the military": the adverb, not the verb "to back"
                        let adverb = l == 1
                            && s.word(i) == "back"
                            && matches!(
                                s.word(i + 1),
                                "to" | "from"
                                    | "into"
                                    | "in"
                                    | "on"
                                    | "off"
                                    | "down"
                                    | "up"
                                    | "home"
                                    | ","
                                    | "."
                                    | "across"
                                    | "over"
                            );
                        !adverb
                    })
                    .filter(|_| {
                        // "a militia that operates in …": "that" as a relative pronoun
                        let relative_that = i > 0
                            && s.word(i - 1) == "that"
                            && (s.word(i).ends_with('s') || s.word(i).ends_with("ed"))
                            && rule.nominal.match_at(&s.toks, i).is_none();
                        rule.adjacent
                            || i == 0
                            || relative_that
                            || !matches!(
                                s.word(i - 1),
                                "their"
                                    | "its"
                                    | "his"
                                    | "her"
                                    | "our"
                                    | "the"
                                    | "a"
                                    | "an"
                                    | "this"
                                    | "that"
                                    | "whose"
                            )
                    })
                {
                    used = l;
                    // "Ansaru, an affiliate of al-Qaeda,": an apposition is the writer's
                    apposed |= i > 0 && s.word(i - 1) == "," && matches!(s.word(i), "a" | "an");
                    if rule.adjacent {
                        // "Goma, the capital of North Kivu", "North Kivu in the eastern DRC"
                        // ("Torkham, which lies in Nangarhar", "Goma is the capital of …")
                        let mut b = i;
                        while b > 0
                            && matches!(
                                s.word(b - 1),
                                "," | "the" | "a" | "provincial" | "regional" | "which" | "is"
                            )
                        {
                            b -= 1;
                        }
                        // "Bariire, a farming town in …", "Merawi, a small market town in …":
                        // a few modifiers before the place noun of the verb
                        if b == i && l >= 2 {
                            let mut c = i;
                            // ("Tal Tamr, a largely Assyrian town in …": a demonym or an
                            // unknown capitalised adjective too)
                            let modifier = |j: usize| {
                                s.at[j].is_none_or(|m| {
                                    s.mentions[m].form == Form::Demonym
                                        && s.mentions[m].start == j
                                        && s.mentions[m].end == j + 1
                                })
                            };
                            while c > i.saturating_sub(3)
                                && c > 2
                                && s.toks[c - 1].kind == TokKind::Word
                                && modifier(c - 1)
                                && !matches!(s.word(c - 1), "a" | "an" | "the" | "and" | "or")
                                && !r.starts_event(&s.toks, c - 1)
                            {
                                c -= 1;
                            }
                            if c < i
                                && matches!(s.word(c - 1), "a" | "an" | "the")
                                && s.word(c - 2) == ","
                            {
                                b = c - 2;
                            }
                        }
                        let mut a = i + l;
                        while matches!(
                            s.word(a),
                            "the"
                                | "eastern"
                                | "western"
                                | "northern"
                                | "southern"
                                | "central"
                                | "north"
                                | "south"
                                | "northwestern"
                                | "northeastern"
                                | "southwestern"
                                | "southeastern"
                                | "restive"
                                | "neighbouring"
                                | "neighboring"
                        ) {
                            a += 1;
                        }
                        if let (Some(sm), Some(om)) =
                            (s.mention_ending_at(b), s.at.get(a).copied().flatten())
                        {
                            if s.mentions[sm].form == Form::Name
                                && s.mentions[om].form == Form::Name
                            {
                                pairs.push((vec![sm], vec![om]));
                            }
                        }
                    } else if !self.cancelled(s, i, frame_from()) || self.negated_in_frame(s, i) {
                        // passive with words between: "is reportedly supplied with weapons by X"
                        let be = self.be_before(s, i);
                        let by = (i + l..(i + l + 5).min(n)).find(|&k| s.word(k) == "by");
                        if let (true, Some(by)) = (be, by) {
                            let o = self.subject_of(s, i, &obj_family);
                            let sub = self.object_of(s, by + 1, 5, &family);
                            pairs.push((sub, o));
                        } else {
                            let mut sub = self.subject_of(s, i, &family);
                            // "ISKP is the Afghan branch of X": a demonym modifying the verb
                            // phrase is no subject
                            if let [m] = sub[..] {
                                let dm = &s.mentions[m];
                                if dm.form == Form::Demonym && dm.end == i {
                                    sub = self.subject_of(s, dm.start, &family);
                                }
                            }
                            // the object, not a party named after an event noun ("hosted
                            // talks between the army and the RSF", "supports talks with X")
                            // ("who heads Ukraine's delegation", "leads the Pakistani team":
                            // one leads or joins the noun the name qualifies, unless that noun
                            // is the actor's own institution)
                            let qualifies = |m: usize| {
                                let mm = &s.mentions[m];
                                let mut k = mm.end;
                                if matches!(s.word(k), "'s" | "'") {
                                    k += 1;
                                }
                                matches!(rule.predicate.as_str(), "leaderOf" | "memberOf")
                                    && (mm.possessive || mm.form == Form::Demonym)
                                    && s.toks.get(k).is_some_and(|t| t.kind == TokKind::Word)
                                    && s.at[k].is_none()
                                    && r.institutions.match_at(&s.toks, k).is_none()
                            };
                            // "harbouring, arming and financing JNIM": the object
                            // of the list's last verb
                            let from = self.past_verb_list(s, i + l);
                            let o = self
                                .object_of(s, from, 8, &obj_family)
                                .into_iter()
                                .filter(|&m| {
                                    !(from..s.mentions[m].start).any(|k| r.starts_event(&s.toks, k))
                                        && !qualifies(m)
                                })
                                .collect();
                            pairs.push((sub, o));
                        }
                    }
                } else if let Some(l) = rule.possessed.match_at(&s.toks, i) {
                    used = l;
                    // the possessor: "al-Qaeda's affiliate", "the Islamic State's Afghan branch"
                    // (up to three modifier words between: "West African", "Afghan", "local")
                    let mut b = i;
                    while b > 0
                        && i - b < 3
                        && s.toks[b - 1].kind == TokKind::Word
                        && !matches!(s.word(b - 1), "'s" | "’s" | "the" | "a" | "an")
                        && s.at[b - 1].is_none_or(|m| s.mentions[m].form == Form::Demonym)
                    {
                        b -= 1;
                    }
                    let owner = (b >= 2 && matches!(s.word(b - 1), "'s" | "’s" | "'"))
                        .then(|| s.mention_ending_at(b - 1))
                        .flatten()
                        .filter(|&m| {
                            obj_ok(s.mentions[m].kind) && s.mentions[m].form == Form::Name
                        });
                    if let Some(o) = owner {
                        let mut a = s.mentions[o].start;
                        if s.word(a.saturating_sub(1)) == "the" {
                            a -= 1;
                        }
                        // "JNIM, al-Qaeda's affiliate": the name before the comma; "JNIM is
                        // al-Qaeda's affiliate": the subject of "is"
                        let sub = if a > 0 && s.word(a - 1) == "," {
                            // "Jama'at Nusrat al-Islam wal-Muslimin (JNIM), al-Qaeda's branch"
                            let mut e = a - 1;
                            if e >= 1 && s.word(e - 1) == ")" {
                                if let Some(p) = (e.saturating_sub(5)..e - 1)
                                    .rev()
                                    .find(|&p| s.word(p) == "(")
                                {
                                    e = p;
                                }
                            }
                            apposed = true;
                            s.mention_ending_at(e).map(|m| vec![m]).unwrap_or_default()
                        } else if a > 0
                            && matches!(s.word(a - 1), "is" | "was" | "are" | "became" | "remains")
                        {
                            self.subject_of(s, a - 1, &family)
                        } else {
                            Vec::new()
                        };
                        if !self.cancelled(s, i, frame_from()) {
                            pairs.push((sub, vec![o]));
                        }
                    }
                } else if let Some(l) = rule.nominal.match_at(&s.toks, i) {
                    used = l;
                    // "TTP militants enjoy safe havens in Afghanistan", "Mauritania, where
                    // JNIM commanders enjoy sanctuary": no possessor names the giver
                    let mut rv = i;
                    if matches!(s.word(rv.saturating_sub(1)), "the" | "a" | "an") {
                        rv -= 1;
                    }
                    if let Some(v) = rule
                        .receipt
                        .match_ending(&s.toks, rv)
                        .filter(|_| rule.receipt_in_place)
                    {
                        let giver = self.receiving_state(s, v, i + l);
                        if let Some(g) = giver.filter(|_| !self.cancelled(s, v, frame_from())) {
                            pairs.push((vec![g], self.subject_of(s, v, &obj_ok)));
                        }
                    } else {
                        // the name right before: "Rwanda's military assistance", "Taliban support"
                        let mut b = i;
                        while b > 0
                            && b + 3 > i
                            && s.toks[b - 1].kind == TokKind::Word
                            && !s.toks[b - 1].cap
                            && s.at[b - 1].is_none()
                            && !matches!(
                                s.word(b - 1),
                                "of" | "to" | "for" | "by" | "with" | "from" | "and" | "the"
                            )
                        {
                            b -= 1;
                        }
                        if matches!(s.word(b.saturating_sub(1)), "'s" | "'") {
                            b -= 1;
                        }
                        if let Some(sm) = s
                            .mention_ending_at(b)
                            .filter(|&m| family(s.mentions[m].kind))
                        {
                            // the object must be introduced: "assistance to X", "support for X"
                            let prep = (i..(i + l + 6).min(n)).find(|&k| {
                                matches!(s.word(k), "to" | "for" | "of" | "with" | "in")
                            });
                            let mut o = match prep {
                                Some(p) if !(i + l..p).any(|k| s.word(k) == ",") => {
                                    self.object_of(s, p + 1, 5, &family)
                                }
                                _ => Vec::new(),
                            };
                            if o.is_empty() {
                                // "the TTP enjoys Taliban support"
                                let sm_start = s.mentions[sm].start;
                                let mut rv = sm_start;
                                if s.word(rv.saturating_sub(1)) == "the" {
                                    rv -= 1;
                                }
                                if let Some(v) = rule.receipt.match_ending(&s.toks, rv) {
                                    o = self.subject_of(s, v, &obj_ok);
                                }
                            }
                            if !self.cancelled(s, i, frame_from()) {
                                pairs.push((self.group_of(s, sm), o));
                            }
                        }
                    }
                }
                for (subs, objs) in pairs {
                    let subs: Vec<usize> = subs
                        .into_iter()
                        .filter(|&m| subj_ok(s.mentions[m].kind))
                        .collect();
                    let objs: Vec<usize> = objs
                        .into_iter()
                        .filter(|&m| {
                            obj_ok(s.mentions[m].kind)
                                && !(place_rel_obj && s.mentions[m].form == Form::Demonym)
                        })
                        .collect();
                    let theme = self
                        .frame_at(s, i)
                        .map(|f| f.theme.clone())
                        .unwrap_or_default();
                    let sub_keys = if subs.is_empty() {
                        theme
                    } else {
                        self.keys(s, &subs)
                    };
                    let obj_keys = self.keys(s, &objs);
                    for sk in &sub_keys {
                        if !subj_ok(self.kind_of(sk)) {
                            continue;
                        }
                        for ok in &obj_keys {
                            if apposed {
                                let o = Value::Entity(ok.clone());
                                self.fact(s, sk, &rule.predicate, o, rid, rule.confidence);
                            } else {
                                self.statement(s, i, sk, &rule.predicate, ok, rid, rule.confidence);
                            }
                        }
                    }
                }
                i += used;
            }
        }
    }

    /// "its Northeastern War Front", "the ELN's Eastern War Front": a group named as another
    /// group's own is its member.
    fn possessed_groups(&mut self, s: &Sent) {
        for mi in 1..s.mentions.len() {
            let (a, b) = (&s.mentions[mi - 1], &s.mentions[mi]);
            let touching = b.start == a.end || (b.start == a.end + 1 && s.word(a.end) == "'s");
            if touching
                && a.possessive
                && a.kind == Kind::ArmedGroup
                && b.kind == Kind::ArmedGroup
                && b.form == Form::Name
                && !b.coref
                && a.key != b.key
            {
                let (sub, obj) = (b.key.clone(), a.key.clone());
                self.fact(
                    s,
                    &sub,
                    "memberOf",
                    Value::Entity(obj),
                    "member/possessive",
                    0.6,
                );
            }
        }
    }

    /// "the Pakistan–Afghanistan border", "the Afghan–Pakistani border".
    fn border_pairs(&mut self, s: &Sent) {
        for mi in 0..s.mentions.len().saturating_sub(1) {
            let (a, b) = (&s.mentions[mi], &s.mentions[mi + 1]);
            if b.start == a.end + 1
                && matches!(s.word(a.end), "-" | "/")
                && a.kind.is_place()
                && b.kind.is_place()
            {
                let mut k = b.end;
                if matches!(
                    s.word(k),
                    "land" | "mountain" | "mountainous" | "disputed" | "porous"
                ) {
                    k += 1;
                }
                if matches!(
                    s.word(k),
                    "border" | "frontier" | "boundary" | "borderlands" | "border region"
                ) {
                    let (ak, bk) = (a.key.clone(), b.key.clone());
                    self.fact(
                        s,
                        &ak,
                        "borders",
                        Value::Entity(bk),
                        "relation/hyphen-border",
                        0.8,
                    );
                }
            }
        }
    }

    /// Where a place is, as the writer places it: "Afghanistan's Kunar province" (a state's
    /// possessive before a place), "a base in Marte, Borno State, on Saturday" (a town set
    /// off by a comma before its region or state, not in a list of places), "near Amadiya in
    /// Duhok province" (a province named after its city).
    fn place_hierarchy(&mut self, s: &Sent) {
        let placed = |k: Kind| matches!(k, Kind::City | Kind::Region | Kind::Place);
        let mut found: Vec<(String, String, &'static str)> = Vec::new();
        for mi in 0..s.mentions.len().saturating_sub(1) {
            let (a, b) = (&s.mentions[mi], &s.mentions[mi + 1]);
            if a.coref || b.coref || a.form == Form::Demonym || b.form == Form::Demonym {
                continue;
            }
            if a.kind == Kind::State && a.possessive && b.start == a.end + 1 && placed(b.kind) {
                found.push((b.key.clone(), a.key.clone(), "relation/possessed-place"));
                continue;
            }
            let in_list = |k: usize| matches!(s.word(k), "," | "and" | "or" | "&");
            let r = self.rules();
            // "Ulang County, Upper Nile": a region named by its head before a larger one
            let headed_region = a.kind == Kind::Region
                && a.end > a.start + 1
                && (r.titled_region_heads.match_ending(&s.toks, a.end).is_some()
                    || r.region_heads.match_ending(&s.toks, a.end).is_some());
            if (matches!(a.kind, Kind::City | Kind::Place) || headed_region)
                && matches!(b.kind, Kind::Region | Kind::State)
                && s.word(a.end) == ","
                && b.start == a.end + 1
                && !(a.start > 0 && in_list(a.start - 1))
                && !matches!(s.word(b.end), "and" | "or" | "&")
                && !(s.word(b.end) == "," && matches!(s.word(b.end + 1), "and" | "or"))
                && a.key != b.key
            {
                found.push((a.key.clone(), b.key.clone(), "relation/apposed-place"));
            }
            // "near Amadiya in Duhok province": a city's name for the province around it
            if matches!(a.kind, Kind::City | Kind::Place)
                && b.kind == Kind::City
                && s.word(a.end) == "in"
                && b.start == a.end + 1
                && self.rules().region_heads.match_at(&s.toks, b.end).is_some()
                && a.key != b.key
            {
                found.push((a.key.clone(), b.key.clone(), "relation/located"));
            }
            // "the Chaman crossing in Balochistan", "the Tirah valley of Khyber district": a
            // place, its head noun, then where it lies
            let head = r
                .region_heads
                .match_at(&s.toks, a.end)
                .or_else(|| r.locality_heads.match_at(&s.toks, a.end))
                .or_else(|| r.site_heads.match_at(&s.toks, a.end));
            // (the head inside the name: "the Tirah valley of Khyber district", "the Kurram
            // district of Khyber Pakhtunkhwa")
            let head = head.or_else(|| {
                (a.kind == Kind::Region
                    && a.end > a.start + 1
                    && r.region_heads.match_ending(&s.toks, a.end).is_some())
                .then_some(0)
            });
            if let Some(hl) = head {
                let larger = matches!(b.kind, Kind::Region | Kind::State)
                    || (b.kind == Kind::City && r.region_heads.match_at(&s.toks, b.end).is_some());
                // ("… of eastern Lebanon")
                let mut q = a.end + hl + 1;
                while q < b.start
                    && matches!(
                        s.word(q),
                        "the"
                            | "eastern"
                            | "western"
                            | "northern"
                            | "southern"
                            | "central"
                            | "northeastern"
                            | "northwestern"
                            | "southeastern"
                            | "southwestern"
                    )
                {
                    q += 1;
                }
                if matches!(a.kind, Kind::City | Kind::Place | Kind::Region)
                    && matches!(s.word(a.end + hl), "in" | "of")
                    && b.start == q
                    && larger
                    && !(a.start > 0 && in_list(a.start - 1))
                    && a.key != b.key
                {
                    found.push((a.key.clone(), b.key.clone(), "relation/located"));
                }
            }
        }
        for (a, b, rule) in found {
            self.fact(s, &a, "locatedIn", Value::Entity(b), rule, 0.7);
        }
    }

    // ------------------------------------------------------------------ events

    fn events_in(&mut self, s: &Sent) {
        let r = self.rules();
        let n = s.toks.len();
        let mut i = 0;
        let mut in_sentence: Vec<usize> = Vec::new();
        // events whose agent is denied ("denied shelling the market"): never merged with what
        // the same sentence asserts ("…, saying its forces had only targeted army positions")
        let mut denied_deeds: Vec<usize> = Vec::new();
        while i < n {
            if s.at[i].is_some() {
                i += 1;
                continue;
            }
            if !r.event_any.may_start_at(&s.toks[i]) {
                i += 1;
                continue;
            }
            // longest trigger across rules; at equal length a verb reading wins, except after
            // a determiner ("claimed the bombing": the noun, an Attack, not the verb "bombing")
            // (a name before counts as a determiner: "the Quetta bombing")
            let after_det = i > 0
                && (matches!(
                    s.word(i - 1),
                    "the" | "a" | "an" | "this" | "that" | "its" | "their" | "his" | "her"
                ) || {
                    // the start of the name before: a known mention, or one capitalised word
                    let start = match s.at[i - 1] {
                        Some(m) => Some(s.mentions[m].start),
                        None => s.toks[i - 1].cap.then_some(i - 1),
                    };
                    start.is_some_and(|a| a > 0 && matches!(s.word(a - 1), "the" | "a" | "an"))
                });
            let mut best: Option<(usize, usize, bool)> = None; // (rule, len, verb)
            for (ri, rule) in r.events.iter().enumerate() {
                for (set, verb) in [(&rule.triggers, false), (&rule.verbs, true)] {
                    if let Some(l) = set.match_at(&s.toks, i) {
                        if best.is_none_or(|(_, bl, _)| l > bl || (l == bl && verb != after_det)) {
                            best = Some((ri, l, verb));
                        }
                    }
                }
                // "exchanged small-arms and mortar fire": the verb with its object a few
                // modifier words on
                if let Some(l) = rule.far_verbs.match_at(&s.toks, i) {
                    let mut j = i + l;
                    while j < s.toks.len() && j <= i + l + rule.far_gap {
                        if let Some(lo) = rule.far_objects.match_at(&s.toks, j) {
                            let l = j + lo - i;
                            if best.is_none_or(|(_, bl, _)| l > bl) {
                                best = Some((ri, l, true));
                            }
                            break;
                        }
                        let t = &s.toks[j];
                        let modifier = t.kind == TokKind::Word && !t.cap && s.at[j].is_none()
                            || matches!(t.lower.as_str(), "-" | ",");
                        if !modifier {
                            break;
                        }
                        j += 1;
                    }
                }
            }
            // "launched 470 drones at Ukraine", "fired rockets into Sderot": a weapon is an
            // event only as the object of a light verb
            // ("Four projectiles fired by the Polisario fell near Smara", "rockets launched
            // from Gaza hit Sderot": a weapon with its participle tells the attack too)
            let fired = |e: usize| {
                r.weapon_participles
                    .match_at(&s.toks, e)
                    .is_some_and(|l| r.weapon_directions.match_at(&s.toks, e + l).is_some())
            };
            if best.is_none()
                && (self.light_verb_before(s, i).is_some()
                    || r.events.iter().any(|rule| {
                        rule.weapons
                            .match_at(&s.toks, i)
                            .is_some_and(|l| fired(i + l))
                    }))
            {
                best = r
                    .events
                    .iter()
                    .enumerate()
                    .filter_map(|(ri, rule)| rule.weapons.match_at(&s.toks, i).map(|l| (ri, l)))
                    .max_by_key(|&(_, l)| l)
                    .map(|(ri, l)| (ri, l, false));
            }
            let Some((ri, l, verb_trigger)) = best else {
                i += 1;
                continue;
            };
            let rule = &r.events[ri];
            // "traded accusations", "exchanged views": the verb of something else ("a second
            // round of strikes": a noun of something else)
            if rule.not_before.match_at(&s.toks, i + l).is_some() {
                i += l;
                continue;
            }
            // "received Somalia's president": the verb makes the event only with such an object
            if verb_trigger && !rule.object.is_empty() && !self.object_is(s, i + l, &rule.object) {
                i += l;
                continue;
            }
            // verbs are verbs only when not used as nouns ("the attack") and vice versa
            let prev = if i > 0 { s.word(i - 1) } else { "" };
            let det_before = i > 0
                && (r.modifiers.contains_word(prev)
                    || matches!(
                        prev,
                        "in" | "on"
                            | "of"
                            | "with"
                            | "after"
                            | "during"
                            | "for"
                            | "from"
                            | "at"
                            | "by"
                            | "against"
                            | "amid"
                            | "'s"
                            | "the"
                            | "a"
                            | "an"
                            | "its"
                            | "their"
                            | "his"
                            | "her"
                            | "this"
                            | "these"
                            | "both"
                            | "all"
                            | "several"
                            | "multiple"
                    )
                    || dates::number_at(&s.toks, i - 1).is_some());
            // "stepped up attacks", "launched strikes": a noun after a light verb
            let after_light = {
                let mut k = i;
                while k > 0
                    && (matches!(s.word(k - 1), "a" | "an" | "the" | "its" | "their" | "-")
                        || r.modifiers.contains_word(s.word(k - 1)))
                {
                    k -= 1;
                }
                r.light_verbs.match_ending(&s.toks, k).is_some()
            };
            // "accused Russia of deporting children", "suspected of attacking": a gerund after
            // "of" whose subject is the accused is a verb, not a noun
            let accused_gerund = prev == "of"
                && s.word(i).ends_with("ing")
                && (s.mention_ending_at(i - 1).is_some()
                    // "accused Afghan forces of shelling …": a demonym with its actor noun
                    || r.actor_heads.match_ending(&s.toks, i - 1).is_some_and(|h| {
                        s.mention_ending_at(h)
                            .is_some_and(|m| s.mentions[m].form == Form::Demonym)
                    })
                    || r.attributive_participles
                        .match_ending(&s.toks, i - 1)
                        .is_some()
                    || r.attributions.iter().any(|a| {
                        a.id == "claim/accuse" && a.verbs.match_ending(&s.toks, i - 1).is_some()
                    }));
            let verb = verb_trigger && (!det_before || accused_gerund) && !after_light;
            // "such attacks", "future talks"; "The strikes come a month after …"; "the
            // negotiating delegation", "directors general of military operations"
            // (a finite verb's next noun is its object: "shelled positions near X")
            // ("flew attack helicopters": a word that is also a noun trigger stays a modifier)
            let finite = verb
                && !s.word(i + l - 1).ends_with("ing")
                && r.events
                    .iter()
                    .all(|e| e.triggers.match_at(&s.toks, i).is_none());
            // "a surge in militant attacks": over the modifiers, a trend noun
            let mut m0 = i;
            while m0 > 0 && r.modifiers.contains_word(s.word(m0 - 1)) {
                m0 -= 1;
            }
            let generic = (i > 0 && r.generic_determiners.match_ending(&s.toks, i).is_some())
                || r.trend_nouns.match_ending(&s.toks, m0).is_some()
                || (!finite && r.modifier_heads.match_at(&s.toks, i + l).is_some())
                || (i >= 2
                    && s.word(i - 1) == "of"
                    && (r.titles.match_ending(&s.toks, i - 1).is_some()
                        || matches!(s.word(i - 2), "general" | "generals" | "directors")));
            let framing = !verb
                && i > 0
                && matches!(s.word(i - 1), "the" | "this" | "these" | "that" | "those")
                && r.framing_verbs.match_at(&s.toks, i + l).is_some();
            if generic || framing {
                i += l;
                continue;
            }
            // "accused X of launching attacks", "denied carrying out strikes": not asserted
            // ("blamed an ambush near Sittwe on X": a new event, whose agent is the claim and
            // whose target is not X)
            let frame = self.frame_at(s, i);
            let blamed_on: Option<Vec<String>> = frame
                .filter(|f| {
                    f.rule == "claim/accuse"
                        && s.word(f.to) == "on"
                        && i > 0
                        && matches!(s.word(i - 1), "a" | "an")
                })
                .map(|f| f.theme.clone());
            // "accused Russia of deporting children from Kherson": the deed the accusation
            // tells is an event of its own, whose agent is the accuser's claim
            // ("accused Kenya of carrying out airstrikes in Gedo": an event noun after a light
            // verb likewise, unless it is definite and so refers back: "of carrying out the
            // attack")
            let accused_noun = !verb
                && after_light
                && i > 0
                && !matches!(s.word(i - 1), "the" | "this" | "that" | "these" | "those")
                && frame.is_some_and(|f| f.from <= i && i - f.from <= 5);
            let accused_deed = ((accused_gerund && verb) || accused_noun)
                && frame.is_some_and(|f| f.rule == "claim/accuse" && !f.denied && f.from <= i);
            let blamed_on = blamed_on.or_else(|| {
                accused_deed
                    .then(|| frame.map(|f| f.theme.clone()))
                    .flatten()
            });
            // "The RSF denied shelling the market": the deed denied is an event of its own (a
            // source may tell it), whose agent the denier denies being
            let denied_deed = verb
                && s.word(i).ends_with("ing")
                && frame.is_some_and(|f| f.denied && !f.theme.is_empty() && f.from == i);
            // "The SDF denied that its fighters had started the fighting", "Kabul denied that
            // Pakistani jets had struck Kandahar": a deed with its own subject inside the
            // denial is the denied claim; the deny verb that opens the frame does not cancel it
            let denial_from = frame
                .filter(|f| f.denied && !f.unstated && f.from <= i && f.from > 0 && verb)
                .filter(|f| {
                    let subj = self.subject_of(s, i, &|k: Kind| k.is_actor());
                    !subj.is_empty() && subj.iter().all(|&m| s.mentions[m].start >= f.from)
                })
                .map(|f| f.from);
            let disputed = blamed_on.is_none()
                && !denied_deed
                && denial_from.is_none()
                && frame.is_some_and(|f| !f.theme.is_empty() && f.from <= i);
            if self.cancelled(
                s,
                i,
                if denied_deed {
                    i
                } else {
                    denial_from.unwrap_or(0)
                },
            ) || self.stopped(s, i)
                || disputed
                || (!verb && (self.modal_after(s, i + l) || self.unrealised_after(s, i + l)))
            {
                i += l;
                continue;
            }
            let ev = self.build_event(s, i, l, rule, verb);
            if let Some(mut ev) = ev {
                if let Some(accused) = &blamed_on {
                    ev.targets.retain(|t| !accused.contains(t));
                }
                if accused_deed || denied_deed {
                    // the accused did it only as the accuser says: no agent is asserted
                    ev.agents.clear();
                }
                // who did it, when a source says so, is that source's claim
                let said_agents = match frame.filter(|_| denial_from.is_some()) {
                    Some(f) if !ev.agents.is_empty() => {
                        Some((f.clone(), std::mem::take(&mut ev.agents)))
                    }
                    _ => self.attributed_agents(s, i, &mut ev),
                };
                // merge with an event of the same family earlier in this sentence
                let family = |t: &str| -> String {
                    if EVENT_FAMILY_ATTACK.contains(&t) {
                        "Attack".to_string()
                    } else {
                        t.to_string()
                    }
                };
                let talks_like = |t: &str| matches!(t, "Meeting" | "Negotiation");
                // "talks on a ceasefire", "negotiations for a truce": the topic, not an event
                let topic_of_talks = ev.types[0] == "Ceasefire"
                    && i >= 1
                    && (i.saturating_sub(4)..i).any(|k| {
                        matches!(
                            s.word(k),
                            "on" | "for" | "over" | "about" | "towards" | "toward"
                        ) && r.events.iter().any(|e| {
                            e.types[0] == "Negotiation"
                                && e.triggers.match_ending(&s.toks, k).is_some()
                        })
                    })
                    && in_sentence
                        .iter()
                        .any(|&e| self.events[e].types.iter().any(|t| t == "Negotiation"));
                if topic_of_talks {
                    i += l;
                    continue;
                }
                // "attacked a base in revenge for raids in Kismayo", "following strikes on …":
                // the event given as a cause is another event
                let cause = (i.saturating_sub(3)..i)
                    .any(|k| matches!(s.word(k), "for" | "following" | "avenge" | "avenging"));
                // "bombed positions on Monday, a day after troops fired rockets into …": what
                // the gap clause tells happened at another time
                let told_after_gap = |e: usize| {
                    self.triggers
                        .iter()
                        .filter(|&&(x, _)| x == e)
                        .any(|&(_, p)| dates::gap_after(&s.toks, p, i).is_some())
                };
                let merge_into = in_sentence
                    .iter()
                    .copied()
                    .rev()
                    .filter(|&e| !cause && !told_after_gap(e))
                    .filter(|e| !denied_deed && !denied_deeds.contains(e))
                    .find(|&e| {
                        let prev = &self.events[e];
                        if talks_like(&prev.types[0]) && talks_like(&ev.types[0]) {
                            return true; // "met in Riyadh in talks hosted by …"
                        }
                        // (not at another time: "seized Goma in January and took Bukavu
                        // the following month")
                        let same_time = later_after_trigger(s, i).is_none()
                            || prev
                                .date
                                .as_ref()
                                .zip(ev.date.as_ref())
                                .is_none_or(|(a, b)| a.overlaps(b));
                        family(&prev.types[0]) == family(&ev.types[0])
                            && same_time
                            && (ev.agents.is_empty()
                                || prev.agents.is_empty()
                                || prev.agents == ev.agents)
                    });
                let idx = match merge_into {
                    Some(e) => {
                        merge_event(&mut self.events[e], ev);
                        e
                    }
                    None => match self.coreferent_event(s, i, l, &ev) {
                        Coref::Same(e) => {
                            merge_event(&mut self.events[e], ev);
                            e
                        }
                        Coref::Earlier(e) => {
                            // the same truce or talks at another time: the same parties
                            let mut ev = ev;
                            if ev.participants.is_empty() {
                                ev.participants = self.events[e].participants.clone();
                            }
                            self.events.push(ev);
                            self.events.len() - 1
                        }
                        Coref::None => {
                            self.events.push(ev);
                            self.events.len() - 1
                        }
                    },
                };
                // (attacks get theirs from event_claims, as "accused X of carrying out the attack")
                let deed = frame.filter(|_| {
                    accused_deed
                        && !EVENT_FAMILY_ATTACK.contains(&self.events[idx].types[0].as_str())
                });
                if let Some(f) = deed {
                    let claimants = f.claimant_slots();
                    for who in &f.theme {
                        for c in &claimants {
                            self.claims.push(Claim {
                                s: ClaimSubject::Event(idx),
                                p: "agent".into(),
                                o: who.clone(),
                                o_casualty: None,
                                claimant: c.clone(),
                                denied: false,
                                hedged: f.hedged,
                                prov: self.prov(s, &format!("{}+event/deed", f.rule), 0.7),
                            });
                        }
                    }
                }
                if let Some(f) = frame.filter(|_| denied_deed) {
                    denied_deeds.push(idx);
                    for who in &f.theme {
                        self.claims.push(Claim {
                            s: ClaimSubject::Event(idx),
                            p: "agent".into(),
                            o: who.clone(),
                            o_casualty: None,
                            claimant: Some(who.clone()),
                            denied: true,
                            hedged: false,
                            prov: self.prov(s, &format!("{}+event/deed", f.rule), 0.7),
                        });
                    }
                }
                if !in_sentence.contains(&idx) {
                    in_sentence.push(idx);
                }
                self.triggers.push((idx, i));
                if self.events[idx].types.iter().any(|t| t == "Ceasefire")
                    && passive_after(s, i + l)
                {
                    self.truces_made.insert(idx);
                }
                self.push_agent_claims(s, idx, said_agents);
                for t in self.events[idx].types.clone() {
                    self.last_event.insert(t, idx);
                }
            }
            i += l;
        }
    }

    /// The light verb a weapon noun at `i` is the object of: "launched 470 drones and 36
    /// missiles", "fired a barrage of rockets", "dropped more than 20 bombs".
    fn light_verb_before(&self, s: &Sent, i: usize) -> Option<usize> {
        let r = self.rules();
        let mut k = i;
        while k > 0 && i - k < 8 && s.at[k - 1].is_none() {
            let t = &s.toks[k - 1];
            let skip = t.kind == TokKind::Number
                || dates::number_at(&s.toks, k - 1).is_some()
                || r.modifiers.contains_word(&t.lower)
                || matches!(
                    t.lower.as_str(),
                    "a" | "an"
                        | "the"
                        | "of"
                        | "more"
                        | "than"
                        | "at"
                        | "least"
                        | "over"
                        | "some"
                        | "about"
                        | "around"
                        | "nearly"
                        | "dozens"
                        | "hundreds"
                        | "scores"
                        | "barrage"
                        | "salvo"
                        | "salvos"
                        | "volley"
                        | "wave"
                        | "waves"
                        | "series"
                        | ","
                );
            if !skip {
                break;
            }
            k -= 1;
        }
        r.light_verbs.match_ending(&s.toks, k)
    }

    /// "the ceasefire", "the talks", a participant-less truce: the latest one of its type.
    fn coreferent_event(&self, s: &Sent, i: usize, l: usize, ev: &Event) -> Coref {
        match self.coreferent_event_at(s, i, l, ev) {
            Some((e, true)) => Coref::Same(e),
            Some((e, false)) => Coref::Earlier(e),
            None => Coref::None,
        }
    }

    /// The event "the ceasefire" at `i` names, and whether it is the same occurrence (false:
    /// the same truce told at another date, "the ceasefire was first agreed on Oct. 19").
    fn coreferent_event_at(
        &self,
        s: &Sent,
        i: usize,
        l: usize,
        ev: &Event,
    ) -> Option<(usize, bool)> {
        let main = ev.types[0].as_str();
        let definite = i > 0 && matches!(s.word(i - 1), "the" | "this" | "that");
        if EVENT_FAMILY_ATTACK.contains(&main) {
            // "the attack", with nothing of its own: the latest attack
            // ("the strikes targeted X": the same strikes, now with a target)
            if definite && ev.agents.is_empty() {
                let prev = self.last_event.get("Attack").copied()?;
                let p = &self.events[prev];
                let same_place = ev.locations.is_empty()
                    || p.locations.is_empty()
                    || ev.locations.iter().any(|l| p.locations.contains(l));
                return (same_place && p.prov.sentence + self.rules().attack_reach >= s.idx)
                    .then_some((prev, true));
            }
            return None;
        }
        // "… were killed in the fighting", "the clashes lasted until dawn": with no place and
        // no other time of its own, the latest fighting told a few sentences back
        if main == "Clash" {
            if !definite || !ev.locations.is_empty() {
                return None;
            }
            let prev = ["Clash", "Attack"]
                .iter()
                .filter_map(|t| self.last_event.get(*t).copied())
                .max()?;
            let p = &self.events[prev];
            let same_time = match (&ev.date, &p.date) {
                (Some(a), Some(b)) => a.overlaps(b),
                (Some(_), None) => false,
                _ => true,
            };
            return (same_time && p.prov.sentence + self.rules().attack_reach >= s.idx)
                .then_some((prev, true));
        }
        if !matches!(main, "Ceasefire" | "Negotiation" | "Meeting") {
            return None;
        }
        if !definite {
            return None;
        }
        let prev = *self.last_event.get(main)?;
        let p = &self.events[prev];
        let conflict = !ev.participants.is_empty()
            && !p.participants.is_empty()
            && ev.participants.iter().any(|x| !p.participants.contains(x));
        // "… agreed on Thursday to extend a ceasefire … The ceasefire was first agreed on
        // Oct. 19 in Doha": another date is another event (the first agreement, not the
        // extension)
        // (only a date told of the truce itself, in a passive right after it: in "On 17
        // October, shortly before the truce was due to expire, aircraft struck …" the date is
        // the strikes', in "the negotiations produced a ceasefire in 2022" the ceasefire's)
        let own_date = s
            .dates
            .iter()
            .filter(|_| passive_after(s, i + l))
            .find(|d| {
                d.start > i + l
                    && d.start <= i + l + 5
                    && !(i + l..d.start).any(|k| matches!(s.word(k), "," | ";" | "that" | "and"))
            })
            .map(|d| d.value);
        let other_date = matches!((&own_date, &p.date), (Some(a), Some(b)) if !a.overlaps(b));
        (!conflict).then_some((prev, !other_date))
    }

    fn build_event(
        &mut self,
        s: &Sent,
        i: usize,
        l: usize,
        rule: &crate::rules::EventRule,
        verb: bool,
    ) -> Option<Event> {
        let r = self.rules();
        let actor = |k: Kind| k.is_actor();
        let place = |k: Kind| k.is_place();
        let any = |k: Kind| k.is_actor() || k.is_place();
        let main = rule.types[0].as_str();
        let multi_party = matches!(
            main,
            "Clash" | "Ceasefire" | "Negotiation" | "Meeting" | "PrisonerExchange"
        );
        let mut ev = Event::new(
            rule.types.clone(),
            self.prov(s, &format!("event/{}", rule.id), rule.confidence),
        );
        let end = s.clause_end(i + l);
        let after = i + l;
        let mut agents: Vec<usize> = Vec::new();
        let mut parts: Vec<usize> = Vec::new();
        let mut targets: Vec<usize> = Vec::new();
        let mut locs: Vec<usize> = Vec::new();
        let mut metonym_place: Option<String> = None;
        let mut meds: Vec<usize> = Vec::new();
        // passive voice: "was hijacked by X"
        let passive = verb && self.be_before(s, i);
        // 1. a name right before the noun: "Pakistani airstrikes", "the M23 offensive"
        let mut b = i;
        while b > 0
            && i - b < 4
            && s.at[b - 1].is_none()
            && (matches!(s.word(b - 1), "-" | "'s" | "'")
                || r.modifiers.contains_word(s.word(b - 1))
                // "Israeli drone and air strikes": modifiers in a list
                || (matches!(s.word(b - 1), "and" | ",")
                    && b >= 2
                    && s.at[b - 2].is_none()
                    && r.modifiers.contains_word(s.word(b - 2))))
        {
            b -= 1;
        }
        if matches!(s.word(b.saturating_sub(1)), "'s" | "'") {
            b -= 1;
        }
        if !verb {
            if let Some(mi) = s.mention_ending_at(b) {
                // "the Kabul strike": a capital before the event word is where it happened
                let city = s
                    .metonyms
                    .iter()
                    .find(|(t, _)| *t == s.mentions[mi].start)
                    .map(|(_, c)| c.clone());
                if let Some(c) = city {
                    metonym_place = Some(c);
                } else if actor(s.mentions[mi].kind) {
                    let g = self.group_of(s, mi);
                    if multi_party && s.word(i) == "mediation" {
                        // "under Qatari mediation": the mediator, no party
                        meds.extend(g)
                    } else if multi_party {
                        parts.extend(g)
                    } else {
                        agents.extend(g);
                    }
                }
            }
        }
        // 2. "by X"
        if let Some(by) = (after..end.min(after + 6))
            .find(|&k| r.role_agent.match_at(&s.toks, k).is_some() && s.word(k) == "by")
            .filter(|&by| {
                // "attacks by X", "strikes carried out by X", not "facilities used by X"
                // ("was recaptured from al-Shabaab by Somali forces": a passive verb's "from"
                // complement comes first)
                (after..by).all(|k| {
                    r.agent_bridges.contains_word(s.word(k))
                        || (passive
                            && (s.word(k) == "from"
                                || ((s.at[k].is_some() || s.word(k) == "the")
                                    && s.word(after) == "from")))
                })
            })
        {
            // "fired by elements of the separatist Polisario Front"
            let from = match r.agent_collectives.match_at(&s.toks, by + 1) {
                Some(l) => by + 1 + l,
                None => by + 1,
            };
            let g = self.object_of(s, from, 4, &actor);
            if !g.is_empty() && !multi_party {
                agents = g;
            }
        }
        // 3. verbs and light verbs: the clause subject
        if agents.is_empty() && !multi_party {
            if verb && !passive {
                agents = self.subject_of(s, i, &actor);
            } else if !verb {
                let mut k = b;
                while k > 0
                    && b - k < 6
                    && s.at[k - 1].is_none()
                    && r.light_verbs.match_ending(&s.toks, k).is_none()
                    && (s.toks[k - 1].kind == TokKind::Number
                        || matches!(
                            s.word(k - 1),
                            "a" | "an" | "the" | "its" | "their" | "of" | "-" | "series" | "wave"
                        )
                        || r.modifiers.contains_word(s.word(k - 1))
                        || (s.toks[k - 1].kind == TokKind::Word
                            && !s.toks[k - 1].cap
                            && !matches!(
                                s.word(k - 1),
                                "in" | "on"
                                    | "at"
                                    | "and"
                                    | "or"
                                    | "to"
                                    | "by"
                                    | "for"
                                    | "with"
                                    | "from"
                                    | "after"
                                    | "before"
                                    | "said"
                                    | "says"
                            )))
                {
                    k -= 1;
                }
                if let Some(lv) = r.light_verbs.match_ending(&s.toks, k) {
                    agents = self.subject_of(s, lv, &actor);
                }
            }
        }
        if multi_party {
            // "between X and Y", "with X", "against X", and the clause subject for verbs
            for k in after..end.min(after + 8) {
                if r.role_participant.match_at(&s.toks, k).is_some() {
                    let g = self.object_of(s, k + 1, 5, &actor);
                    // "with the United States claiming it brokered the deal": an absolute
                    // clause, no party
                    let absolute = s.word(k) == "with"
                        && g.last().is_some_and(|&m| {
                            let w = s.word(s.mentions[m].end);
                            w.len() > 4 && w.ends_with("ing")
                        });
                    if !absolute {
                        // "X travelled to Nairobi for talks with Y", "X, after talks with his
                        // counterpart Y, said …": the one who talked with Y is the sentence's
                        // subject
                        let mut p = i;
                        while p > 0 && r.modifiers.contains_word(s.word(p - 1)) {
                            p -= 1;
                        }
                        // ("took control of villages after heavy fighting with the army": the
                        // fighting's other side likewise)
                        // ("discussed the situation in a phone call with Y", "during a
                        // meeting with Y": after an article too)
                        let q = if p >= 2 && matches!(s.word(p - 1), "a" | "an") {
                            p - 1
                        } else {
                            p
                        };
                        let talks = matches!(main, "Meeting" | "Negotiation")
                            && q > 0
                            && (matches!(s.word(q - 1), "for" | "after" | "during" | "following")
                                || (q < p && s.word(q - 1) == "in"));
                        let fight = main == "Clash"
                            && p > 0
                            && matches!(s.word(p - 1), "after" | "during" | "following" | "amid");
                        let purpose = !verb
                            && k == after
                            && s.word(k) == "with"
                            && !g.is_empty()
                            && (talks || fight);
                        if purpose {
                            if let Some(o) =
                                self.opening_actor(s).filter(|&o| s.mentions[o].end < p)
                            {
                                parts.push(o);
                            }
                        }
                        parts.extend(g);
                    }
                    break;
                }
            }
            if verb && rule.host {
                // "Wang Yi hosted his Pakistani and Afghan counterparts": a host of two sides
                // or more is their mediator
                let guests = self.keys(s, &self.object_of(s, after, 6, &actor));
                let host = self.subject_of(s, i, &actor);
                if guests.len() >= 2 {
                    meds.extend(host);
                } else {
                    parts.extend(host);
                }
            } else if verb
                || main == "PrisonerExchange"
                || r.party_verbs
                    .any_in(&s.toks, i.saturating_sub(8), i)
                    .is_some()
            {
                parts.extend(self.subject_of(s, i, &actor));
            }
            // "the ceasefire that India and Pakistan agreed in May", "the truce the two sides
            // signed": the parties are the subject of the relative clause
            let rel = usize::from(matches!(s.word(after), "that" | "which"));
            if let Some(first) = s.at.get(after + rel).copied().flatten() {
                let g = self.group_of(s, first);
                let end_of_list = g.last().map_or(after + rel, |&m| s.mentions[m].end);
                let mut v = end_of_list;
                while r.subject_skip.contains_word(s.word(v)) {
                    v += 1;
                }
                if r.party_verbs.match_at(&s.toks, v).is_some()
                    && g.iter().all(|&m| actor(s.mentions[m].kind))
                {
                    parts.extend(g);
                }
            }
            let next_is_name = s.at.get(after).copied().flatten().is_some()
                || r.titles.match_at(&s.toks, after).is_some();
            if (verb || next_is_name) && matches!(main, "Meeting" | "Negotiation") {
                // "signed a peace agreement at the White House": where, not with whom
                // ("at the White House", "at a White House ceremony")
                let venue = |m: usize| {
                    let mut b = s.mentions[m].start;
                    if b > 0 && matches!(s.word(b - 1), "the" | "a" | "an") {
                        b -= 1;
                    }
                    r.role_location.match_ending(&s.toks, b).is_some()
                };
                parts.extend(
                    self.object_of(s, after, 6, &actor)
                        .into_iter()
                        .filter(|&m| !venue(m)),
                );
            }
        }
        // "Pakistan and Afghanistan agreed … after two days of talks in Istanbul", "… to
        // monitor their fragile ceasefire": talks or a truce the clause's subject, a pair of
        // parties, holds
        if multi_party
            && !verb
            && parts.is_empty()
            && matches!(main, "Meeting" | "Negotiation" | "Ceasefire")
        {
            let mut p = i;
            let mut owned = false;
            while p > 0 && i - p < 6 && s.at[p - 1].is_none() {
                let w = s.word(p - 1);
                if r.held_talks_openers.contains_word(w) {
                    owned = true;
                    break;
                }
                let filler = s.toks[p - 1].kind == TokKind::Number
                    || (s.toks[p - 1].kind == TokKind::Word
                        && !s.toks[p - 1].cap
                        && !r.held_talks_stops.contains_word(w));
                if !filler {
                    break;
                }
                p -= 1;
            }
            if owned {
                if let Some(o) = self.opening_actor(s).filter(|&o| s.mentions[o].end < p) {
                    let g = self.group_of(s, o);
                    if g.len() >= 2 && g.iter().all(|&m| actor(s.mentions[m].kind)) {
                        parts.extend(g);
                    }
                }
            }
        }
        // "deported from Pakistan": the deporting state
        if main == "Deportation" && agents.is_empty() {
            if let Some(f) = (after..end.min(after + 4)).find(|&k| s.word(k) == "from") {
                agents = self.object_of(s, f + 1, 3, &|k: Kind| k == Kind::State);
            }
        }
        // targets ("jets struck Kabul": a trigger phrase ending in a verb takes its object)
        let ends_in_verb = !verb
            && l > 1
            && r.events
                .iter()
                .any(|e| e.verbs.match_at(&s.toks, i + l - 1) == Some(1));
        if (verb || ends_in_verb) && !passive && !multi_party {
            // the direct object: before any preposition ("attacked a convoy in Kabul")
            let stop = (after..end)
                .find(|&k| {
                    matches!(
                        s.word(k),
                        "in" | "at"
                            | "near"
                            | "during"
                            | "after"
                            | "before"
                            | "with"
                            | "from"
                            | "since"
                            | "for"
                            | "as"
                            | "when"
                            | "while"
                            | "across"
                            | "along"
                    )
                })
                .unwrap_or(end);
            // "struck the Houthi-controlled port of Hodeidah": the name before the compound
            // only qualifies the object, which starts after it
            let from = (after..(after + 4).min(end))
                .find(|&k| {
                    s.word(k) == "-"
                        && s.mention_ending_at(k).is_some()
                        && r.control_compounds.match_at(&s.toks, k + 1).is_some()
                })
                .map_or(after, |k| k + 2);
            targets.extend(self.object_of(s, from, stop.saturating_sub(from).min(6), &any));
        } else if passive {
            for m in self.subject_of(s, i, &any) {
                // "Kabul was attacked by drones": a capital hit is the place, not its state
                let city = s
                    .metonyms
                    .iter()
                    .find(|(t, _)| *t == s.mentions[m].start)
                    .map(|(_, c)| c.clone());
                match city {
                    Some(c) if EVENT_FAMILY_ATTACK.contains(&main) => metonym_place = Some(c),
                    _ => targets.push(m),
                }
            }
        }
        let mut k = after;
        while k < end.min(after + 16) {
            if let Some(pl) = r.role_target.match_at(&s.toks, k) {
                if !multi_party && (s.word(k) != "of" || k == after) {
                    let g = self.object_of(s, k + pl, 6, &any);
                    if !g.is_empty() {
                        targets.extend(g);
                        break;
                    }
                }
            }
            k += 1;
        }
        if !multi_party {
            // "…, reportedly targeting X"
            if let Some(t) =
                (after..end).find(|&k| matches!(s.word(k), "targeting" | "targetting" | "aimed"))
            {
                targets.extend(self.object_of(s, t + 1, 5, &any));
            }
        }
        // locations
        // "in Kabul and in the eastern province of Paktika": every location phrase of the clause,
        // up to the next event word ("border battles after Pakistan carried out air raids in
        // Kabul": Kabul is where the raids were)
        let mut k = after;
        let mut found_at: Option<usize> = None;
        // "…, a local official in Gondar said": where the speaker is, not where it happened
        let loc_end = self
            .speaker_tail_of(s)
            .filter(|&c| c > after)
            .map_or(end, |c| end.min(c));
        while k < loc_end.min(after + 25) {
            // "talks on a ceasefire in Doha": the truce is the topic, and the place after it
            // is still where the talks are
            let topic = matches!(main, "Negotiation" | "Meeting")
                && k <= after + 3
                && matches!(s.word(after), "on" | "for" | "over" | "about")
                && (after + 1..k).all(|q| {
                    s.toks[q].kind == TokKind::Word
                        && !s.toks[q].cap
                        && s.at[q].is_none()
                        && !r.starts_event(&s.toks, q)
                })
                && r.events.iter().any(|e| {
                    e.types[0] == "Ceasefire" && e.triggers.match_at(&s.toks, k).is_some()
                });
            if k > after && r.starts_event(&s.toks, k) && !topic {
                break;
            }
            // "in what they describe as solidarity with Palestinians in Gaza", "in what was
            // the deadliest attack in Quetta": a comment of its own, not where the event was
            if k > after && s.word(k) == "in" && s.word(k + 1) == "what" {
                break;
            }
            // "the UN Support Mission in Libya": a preposition inside a name places nothing
            let inside_name = s.at[k].is_some();
            if let Some(pl) = r
                .role_location
                .match_at(&s.toks, k)
                .filter(|_| !inside_name)
            {
                let follows_and = found_at.is_some_and(|f| {
                    // "along the Line of Control (LoC) in the Keran sector": the short form in
                    // brackets does not part the two places
                    let f = if s.word(f) == "(" {
                        (f + 1..(f + 6).min(k))
                            .find(|&j| s.word(j) == ")")
                            .map_or(f, |j| j + 1)
                    } else {
                        f
                    };
                    ((f..k).any(|j| s.word(j) == "and") && k - f < 10) || k - f <= 1
                });
                if found_at.is_none() || follows_and {
                    let g = self.object_of(s, k + pl, 6, &place);
                    // only descriptive words between: "in the eastern province of Paktika",
                    // not "in November 2024 that was brokered by the United States"
                    let clean_gap = g.first().is_some_and(|&m| {
                        (k + pl..s.mentions[m].start).all(|j| {
                            // "in Pakistan's southwestern Balochistan province"
                            let possessor = s.word(j) == "'s"
                                || s.at[j].is_some_and(|pm| s.mentions[pm].possessive);
                            // ("in a phone call with Tajikistan's minister": another event
                            // word, or "with", leads elsewhere)
                            possessor
                                || s.toks[j].kind == TokKind::Word
                                    && !s.toks[j].cap
                                    && !r.starts_event(&s.toks, j)
                                    && !matches!(
                                        s.word(j),
                                        "that"
                                            | "with"
                                            | "which"
                                            | "who"
                                            | "by"
                                            | "was"
                                            | "were"
                                            | "is"
                                            | "has"
                                            | "had"
                                            | "and"
                                            | "when"
                                    )
                                || s.word(j) == "-"
                        })
                    });
                    if !g.is_empty()
                        && clean_gap
                        && g.iter().all(|&m| s.mentions[m].form == Form::Name)
                    {
                        found_at = g.last().map(|&m| s.mentions[m].end);
                        k = found_at.unwrap_or(k + 1);
                        locs.extend(g);
                        continue;
                    }
                }
            }
            k += 1;
        }
        for &t in &targets {
            if matches!(s.mentions[t].kind, Kind::City | Kind::Region | Kind::Place) {
                locs.push(t);
            }
        }
        let definite = i > 0 && matches!(s.word(i - 1), "the" | "this" | "that" | "these");
        if locs.is_empty() && !definite {
            // the nearest place before the trigger, with no other event word between
            let start = s.clause_start(i);
            if let Some(mi) = (start..i).rev().find_map(|k| {
                s.at[k].filter(|&m| {
                    matches!(s.mentions[m].kind, Kind::City | Kind::Region)
                        && s.mentions[m].form == Form::Name
                })
            }) {
                let between_trigger = (s.mentions[mi].end..i).any(|k| r.starts_event(&s.toks, k));
                if !between_trigger {
                    locs.push(mi);
                }
            }
        }
        // "Pakistani aircraft carried out strikes", "Israeli jets hit …": from the air
        if ev.types.first().is_some_and(|t| t == "Attack")
            && agents
                .iter()
                .any(|&m| r.air_heads.match_at(&s.toks, s.mentions[m].end).is_some())
        {
            ev.types.insert(0, "Airstrike".to_string());
        }
        // "Drones struck a fuel depot", "Unidentified warplanes bombed …": from the air, by
        // someone unnamed
        // ("a drone struck": "drone" may read as a modifier, which makes the verb look a noun)
        if !passive && agents.is_empty() && ev.types.first().is_some_and(|t| t == "Attack") {
            let mut k = i;
            while k > 0 && r.subject_skip.contains_word(s.word(k - 1)) {
                k -= 1;
            }
            if r.air_heads.match_ending(&s.toks, k).is_some() {
                ev.types.insert(0, "Airstrike".to_string());
            }
        }
        ev.agents = self.with_states(self.keys(s, &agents));
        ev.participants = self.with_states(self.keys(s, &parts));
        for k in self.keys(s, &meds) {
            if let Some(e) = self.entities.get_mut(&k) {
                e.mediator = true;
            }
            if !ev.mediators.contains(&k) {
                ev.mediators.push(k);
            }
        }
        ev.targets = self
            .keys(s, &targets)
            .into_iter()
            .filter(|t| !ev.agents.contains(t))
            .collect();
        ev.locations = self.keys(s, &locs);
        if let Some(c) = metonym_place {
            if !ev.locations.contains(&c) {
                ev.locations.push(c);
            }
        }
        // "additional strikes": the agent of the latest attack
        if ev.agents.is_empty()
            && !multi_party
            && i > 0
            && matches!(
                s.word(i - 1),
                "additional" | "further" | "more" | "fresh" | "renewed" | "subsequent" | "new"
            )
        {
            if let Some(&prev) = self.last_event.get("Attack") {
                ev.agents = self.events[prev].agents.clone();
                for t in self.events[prev].types.clone() {
                    if !ev.types.contains(&t) {
                        ev.types.push(t);
                    }
                }
            }
        }
        ev.date = self.date_for(s, i);
        if matches!(s.word(i), "war" | "wars" | "battle" | "battles") && ev.participants.is_empty()
        {
            return None;
        }
        let empty = ev.agents.is_empty()
            && ev.targets.is_empty()
            && ev.participants.is_empty()
            && ev.locations.is_empty()
            && ev.date.is_none();
        // a bare event word with nothing around it (e.g. "war", "operation") says too little
        if empty
            && matches!(
                s.word(i),
                "war"
                    | "operation"
                    | "operations"
                    | "campaign"
                    | "advance"
                    | "strike"
                    | "strikes"
                    | "dialogue"
                    | "visit"
                    | "retaliation"
                    | "reprisals"
                    | "blast"
                    | "explosion"
            )
        {
            return None;
        }
        Some(ev)
    }

    /// A state's armed forces or agency acting: the state acts too ("US forces carried out
    /// strikes" → agent United States as well as its armed forces).
    fn with_states(&mut self, keys: Vec<String>) -> Vec<String> {
        let mut out = keys.clone();
        for k in &keys {
            let Some(ci) = self.cat_index(k) else {
                continue;
            };
            let e = &self.cat().entities[ci];
            if e.kind != Kind::Organization {
                continue;
            }
            if let Some(st) = e
                .affiliation
                .filter(|&a| self.cat().entities[a].kind == Kind::State)
            {
                let sk = self.record_catalogue(st);
                if !out.contains(&sk) {
                    out.push(sk);
                }
            }
        }
        out
    }

    /// The date nearest to token `i` in the sentence, else the paragraph's latest date.
    fn date_for(&self, s: &Sent, i: usize) -> Option<DateValue> {
        // "the death toll from the assault rose to 19 on Tuesday": that is when it rose
        let toll_update = s
            .toks
            .iter()
            .any(|t| matches!(t.lower.as_str(), "toll" | "tally"));
        // "Anwar, who brokered the July 2025 ceasefire, spoke … on Tuesday": a date inside a
        // relative clause set off by commas is that clause's, when the trigger is outside it
        let aside = |d: &dates::DateMention| {
            let open = (d.start.saturating_sub(12)..d.start)
                .rev()
                .find(|&k| s.word(k) == "," && matches!(s.word(k + 1), "who" | "which" | "whose"));
            let close = (d.end..(d.end + 12).min(s.toks.len())).find(|&k| s.word(k) == ",");
            matches!((open, close), (Some(o), Some(c)) if !(o..=c).contains(&i))
        };
        let any_outside = s.dates.iter().any(|d| !aside(d));
        let best = s
            .dates
            .iter()
            .filter(|d| !toll_update && (!any_outside || !aside(d)))
            .min_by_key(|d| {
                if d.start >= i {
                    d.start - i
                } else {
                    i - d.end + 1
                }
            });
        if let Some(d) = best {
            // "seized Goma in January 2025 and took Bukavu the following month": counted from
            // the date told before, in the words right after the trigger
            if d.end <= i {
                if let Some(later) = later_after_trigger(s, i) {
                    return later.after(d.value);
                }
            }
            // "on Monday, a day after troops fired rockets …": the rockets were fired on Sunday
            if d.end <= i {
                match dates::gap_after(&s.toks, d.end, i) {
                    Some(Some(Later::Days(0))) => {}
                    Some(gap) => return gap.and_then(|g| g.after(d.value)),
                    None => {}
                }
            }
            return Some(d.value);
        }
        let since = s.idx.saturating_sub(self.para_date_sentence);
        let just_before = self.para_date.filter(|_| since == 1);
        let prev = just_before
            .filter(|&(p, _)| p == s.paragraph)
            .map(|(_, v)| v);
        // "A ceasefire was agreed two days later": counted from the last date told, a few
        // sentences back at most (also in a paragraph before: "… on 12 October. The group
        // said …¶Three days later, …"); from a counted date ("two days earlier") only when it
        // was just before; and no date at all when that date is not precise enough
        let reach = if self.para_date_counted {
            1
        } else {
            self.rules().later_reach
        };
        match dates::later_offset(&s.toks) {
            Some(later) => self
                .para_date
                .filter(|_| since >= 1 && since <= reach)
                .and_then(|(_, v)| later.after(v)),
            None => prev,
        }
    }

    // ------------------------------------------------------------------ mediation

    fn mediation(&mut self, s: &Sent) {
        let r = self.rules();
        let n = s.toks.len();
        let actor = |k: Kind| k.is_actor();
        let mut i = 0;
        while i < n {
            if s.at[i].is_some() {
                i += 1;
                continue;
            }
            let mut mediators: Vec<usize> = Vec::new();
            let mut used = 1;
            let mut after = i + 1;
            let mut passive = false;
            let mut relative: Option<usize> = None;
            if let Some(l) = r.mediation_passive.match_at(&s.toks, i) {
                used = l;
                passive = true;
                mediators = self.object_of(s, i + l, 4, &actor);
                after = i + l;
                // "Under a deal mediated by Qatar, Rwanda and Congo agreed …": a fronted phrase
                // ends at the comma, and what follows is the main clause's subject
                let fronted = matches!(
                    s.word(s.dateline),
                    "under" | "after" | "following" | "in" | "despite" | "with" | "through"
                );
                if fronted && mediators.len() > 1 {
                    let last = s.mentions[mediators[mediators.len() - 1]].end;
                    let verb_follows = s.toks.get(last).is_some_and(|t| {
                        t.kind == TokKind::Word && !matches!(t.lower.as_str(), "and" | "or")
                    });
                    if let Some(c) = (i + l..last).find(|&k| s.word(k) == ",") {
                        if verb_follows {
                            mediators.retain(|&m| s.mentions[m].end <= c);
                        }
                    }
                }
            } else if let Some(l) = r.mediator_nouns.match_at(&s.toks, i) {
                used = l;
                let mut k = i + l;
                let introduced = matches!(s.word(k), "from" | "including" | "such")
                    || matches!(s.word(i + l - 1), "by" | "from");
                if matches!(s.word(k), "from" | "including" | "such") {
                    k += 1;
                }
                // "mediators Qatar and Egypt", "mediators from Qatar", "mediated by Qatar"; a
                // bare "mediators" names no one after a verb ("mediators met Hamas negotiators")
                mediators = if introduced || s.at.get(k).copied().flatten().is_some() {
                    self.object_of(s, k, 3, &actor)
                } else {
                    Vec::new()
                };
                // "Egyptian and Qatari mediators", "US mediators": the names before the noun
                if mediators.is_empty() {
                    if let Some(m) = s
                        .mention_ending_at(i)
                        .filter(|&m| actor(s.mentions[m].kind) && !s.mentions[m].possessive)
                    {
                        mediators = self.group_of(s, m);
                    }
                }
                after = i + l;
            } else if let Some(l) = r
                .mediation_verbs
                .match_at(&s.toks, i)
                .filter(|&l| r.modifier_heads.match_at(&s.toks, i + l).is_none())
            {
                used = l;
                after = i + l;
                // only when it governs talks or a truce, or mediates "between" parties
                let governs_event = (after..(after + 5).min(n)).any(|k| {
                    r.events.iter().any(|e| {
                        matches!(
                            e.types[0].as_str(),
                            "Ceasefire" | "Negotiation" | "Meeting" | "PrisonerExchange"
                        ) && e.triggers.match_at(&s.toks, k).is_some()
                    })
                                }) || s.word(after) == "between"
                    // "with Qatar and Türkiye acting as mediators"
                    || matches!(s.word(after - 1), "mediator" | "mediators");
                if governs_event && !self.cancelled(s, i, 0) {
                    mediators = self.subject_of(s, i, &actor);
                } else if !self.cancelled(s, i, 0) {
                    // "a ceasefire that Qatar and Turkey mediated in Doha", "the truce, which
                    // Egypt brokered,": the talks or truce just before the relative pronoun
                    let subject = self.subject_of(s, i, &actor);
                    if let Some(&m0) = subject.first() {
                        let start = s.mentions[m0].start;
                        let rel = start >= 2 && matches!(s.word(start - 1), "that" | "which");
                        let before = if rel && s.word(start - 2) == "," {
                            start - 2
                        } else {
                            start.saturating_sub(1)
                        };
                        relative = rel
                            .then(|| {
                                self.triggers.iter().rev().find(|&&(e, t)| {
                                    t < before
                                        && t + 4 >= before
                                        && self.events[e].types.iter().any(|ty| {
                                            matches!(
                                                ty.as_str(),
                                                "Ceasefire" | "Negotiation" | "Meeting"
                                            )
                                        })
                                })
                            })
                            .flatten()
                            .map(|&(e, _)| e);
                        if relative.is_some() {
                            mediators = subject;
                        }
                    }
                }
            }
            if mediators.is_empty() {
                i += used;
                continue;
            }
            let parts = match (after..s.clause_end(after)).find(|&k| s.word(k) == "between") {
                Some(b) => self.object_of(s, b + 1, 5, &actor),
                None => Vec::new(),
            };
            // which event: one named in this sentence, else the latest talks or truce
            let mediatable = |e: &Event| {
                e.types.iter().any(|t| {
                    matches!(
                        t.as_str(),
                        "Ceasefire" | "Negotiation" | "Meeting" | "PrisonerExchange"
                    )
                })
            };
            let here: Vec<(usize, usize)> = self
                .triggers
                .iter()
                .copied()
                .filter(|(e, _)| mediatable(&self.events[*e]))
                .collect();
            // active verbs govern the event after them, passives and nouns the one before;
            // between several, talks or truces between named parties come first
            let before = here
                .iter()
                .filter(|(_, t)| *t < i)
                .max_by_key(|(_, t)| *t)
                .map(|x| x.0);
            let after_ev = here
                .iter()
                .filter(|(_, t)| *t >= i)
                .min_by_key(|(_, t)| *t)
                .map(|x| x.0);
            let with_parties = here
                .iter()
                .map(|x| x.0)
                .find(|&e| !self.events[e].participants.is_empty());
            let in_sentence = if passive {
                before.or(after_ev)
            } else {
                after_ev.or(before)
            }
            .filter(|&e| !self.events[e].participants.is_empty() || with_parties.is_none())
            .or(with_parties);
            // "a deal mediated by Qatar": a deal of its own, not the latest truce told
            let indefinite =
                passive && (i.saturating_sub(3)..i).any(|k| matches!(s.word(k), "a" | "an"));
            let target = relative.or(in_sentence).or_else(|| {
                if indefinite {
                    return None;
                }
                // the latest talks or truce between named parties, else the latest at all
                let talks = |e: &Event| {
                    e.types.iter().any(|t| {
                        matches!(t.as_str(), "Ceasefire" | "Negotiation" | "PrisonerExchange")
                    })
                };
                self.events
                    .iter()
                    .rposition(|e| talks(e) && !e.participants.is_empty())
                    .or_else(|| self.events.iter().rposition(talks))
            });
            let med_keys = self.keys(s, &mediators);
            let part_keys = self.keys(s, &parts);
            let idx = match target {
                Some(t) => t,
                None => {
                    let mut ev = Event::new(
                        vec!["Negotiation".into()],
                        self.prov(s, "event/mediation", 0.7),
                    );
                    ev.date = self.date_for(s, i);
                    self.events.push(ev);
                    let k = self.events.len() - 1;
                    self.last_event.insert("Negotiation".into(), k);
                    k
                }
            };
            let _ = passive;
            // talks and the truce they produced in one sentence share their mediators (not
            // the truce named in a relative clause: "talks that build on a ceasefire that
            // Qatar mediated")
            let mut targets = vec![idx];
            for &(e, _) in self.triggers.iter().filter(|_| relative.is_none()) {
                let ty = &self.events[e].types;
                let pair = (ty.iter().any(|t| t == "Ceasefire")
                    && self.events[idx].types.iter().any(|t| t == "Negotiation"))
                    || (ty.iter().any(|t| t == "Negotiation")
                        && self.events[idx].types.iter().any(|t| t == "Ceasefire"));
                if pair && !targets.contains(&e) {
                    targets.push(e);
                }
            }
            for &t in &targets {
                for m in &med_keys {
                    if !self.events[t].mediators.contains(m) {
                        self.events[t].mediators.push(m.clone());
                    }
                }
            }
            for &t in &targets {
                // a mediator is no party to the talks it mediates
                let ev = &mut self.events[t];
                ev.participants.retain(|p| !med_keys.contains(p));
            }
            for m in &med_keys {
                if let Some(e) = self.entities.get_mut(m) {
                    e.mediator = true;
                }
            }
            for p in part_keys {
                if !med_keys.contains(&p) && !self.events[idx].participants.contains(&p) {
                    self.events[idx].participants.push(p);
                }
            }
            i += used;
        }
    }

    /// "The Pakistani delegation was led by Defence Minister Khawaja Asif, while the Afghan
    /// side was headed by … Mullah Mohammad Yaqoob": each head, and the party whose team it
    /// is, take part in the talks of the sentence or the latest talks just told.
    fn delegations(&mut self, s: &Sent) {
        let r = self.rules();
        let n = s.toks.len();
        let mut found: Vec<(Option<usize>, usize)> = Vec::new();
        let mut i = 0;
        while i < n {
            let Some(l) = r.delegation_nouns.match_at(&s.toks, i) else {
                i += 1;
                continue;
            };
            let Some(hl) = r.delegation_heads.match_at(&s.toks, i + l) else {
                i += l;
                continue;
            };
            let from = i + l + hl;
            let end = s.clause_end(from).min(from + 14);
            // the head: the first person named after the verb, past titles and possessives
            let head = (from..end)
                .filter_map(|k| s.at[k])
                .find(|&m| s.mentions[m].kind == Kind::Person);
            // the party: a demonym or possessive name right before the noun
            let party = s.mention_ending_at(i).filter(|&m| {
                let pm = &s.mentions[m];
                pm.kind.is_actor() && (pm.form == Form::Demonym || pm.possessive)
            });
            if let Some(h) = head {
                found.push((party, h));
            }
            i = from;
        }
        if found.is_empty() {
            return;
        }
        let talks = |e: &Event| {
            e.types
                .iter()
                .any(|t| matches!(t.as_str(), "Negotiation" | "Meeting"))
        };
        let target = self
            .triggers
            .iter()
            .map(|&(e, _)| e)
            .find(|&e| talks(&self.events[e]))
            .or_else(|| {
                self.events
                    .iter()
                    .rposition(|e| talks(e) && e.prov.sentence + 3 >= s.idx)
            });
        let Some(t) = target else {
            return;
        };
        for (party, head) in found {
            let mut keys = self.keys(s, &[head]);
            if let Some(p) = party {
                let pk = self.keys(s, &[p]);
                // the head of a party's delegation speaks for that party
                for hk in keys.clone() {
                    for k in &pk {
                        let o = Value::Entity(k.clone());
                        self.fact(s, &hk, "affiliatedWith", o, "relation/delegation", 0.7);
                    }
                }
                keys.extend(pk);
            }
            let ev = &mut self.events[t];
            for k in keys {
                if !ev.participants.contains(&k) && !ev.mediators.contains(&k) {
                    ev.participants.push(k);
                }
            }
        }
    }

    // ------------------------------------------------------------------ casualties

    fn casualties(&mut self, s: &Sent, first_event: usize) {
        let r = self.rules();
        let n = s.toks.len();
        let in_date = |k: usize| s.dates.iter().any(|d| d.start <= k && k < d.end);
        let mut i = 0;
        while i < n {
            if in_date(i) || s.at[i].is_some() {
                i += 1;
                continue;
            }
            let after_kill =
                i > 0 && matches!(s.word(i - 1), "killed" | "killing" | "kills" | "kill");
            let number = dates::number_at(&s.toks, i)
                .or_else(|| (after_kill && matches!(s.word(i), "a" | "an")).then_some((1, 1)));
            let Some((value, len)) = number else {
                i += 1;
                continue;
            };
            let num_end = i + len;
            // "the 2,570 km border", "48-hour", "23 Afghan border posts"
            if matches!(
                s.word(num_end),
                "-" | "%"
                    | "km"
                    | "percent"
                    | "per"
                    | "kilometres"
                    | "kilometers"
                    | "miles"
                    | "years"
                    | "year"
                    | "days"
                    | "hours"
            ) {
                i = num_end;
                continue;
            }
            let at_least = r.at_least.match_ending(&s.toks, i).is_some()
                || (i >= 2 && s.word(i - 2) == "at" && s.word(i - 1) == "least");
            // "the death toll rose to 23", "the toll stood at 40"
            // "the death toll (from the assault …) rose to 19", "the toll stood at 40"
            let toll = {
                let mut k = i;
                while k > 0
                    && matches!(
                        s.word(k - 1),
                        "to" | "at"
                            | "least"
                            | "more"
                            | "than"
                            | "over"
                            | "nearly"
                            | "about"
                            | "some"
                            | "around"
                    )
                {
                    k -= 1;
                }
                let moved = k > 0
                    && matches!(
                        s.word(k - 1),
                        "rose"
                            | "climbed"
                            | "reached"
                            | "stood"
                            | "stands"
                            | "jumped"
                            | "increased"
                            | "risen"
                            | "hit"
                            | "is"
                            | "was"
                            | "now"
                    );
                (0..k)
                    .rev()
                    .find(|&j| matches!(s.word(j), "toll" | "tally"))
                    .filter(|_| moved)
            };
            if let Some(t) = toll {
                let cas = Casualty {
                    victim: None,
                    killed: value,
                    at_least,
                    claimed_only: false,
                };
                let ev = self
                    .triggers
                    .last()
                    .map(|x| x.0)
                    .or_else(|| self.last_event.get("Attack").copied());
                if let Some(ev) = ev {
                    if !self.events[ev].casualties.contains(&cas) {
                        self.events[ev].casualties.push(cas);
                    }
                }
                let _ = t;
                i = num_end;
                continue;
            }
            // the victim phrase: up to 5 tokens of words and names after the number
            let mut k = num_end;
            let mut victim_mentions: Vec<usize> = Vec::new();
            let mut noun: Option<&str> = None;
            while k < n && k < num_end + 6 {
                if let Some(mi) = s.at[k] {
                    victim_mentions.push(mi);
                    k = s.mentions[mi].end;
                    continue;
                }
                let w = s.word(k);
                // quotation marks around the figure or the noun: 'said "more than 20" Afghan
                // fighters', '30 "terrorists"'
                if matches!(w, "\"" | "“" | "”") || (k == num_end && matches!(w, "'" | "‘" | "’"))
                {
                    k += 1;
                    continue;
                }
                if r.security_nouns.match_at(&s.toks, k).is_some() {
                    noun = Some("security");
                } else if r.combatant_nouns.match_at(&s.toks, k).is_some() {
                    noun = noun.or(Some("combatant"));
                } else if r.civilian_nouns.match_at(&s.toks, k).is_some() {
                    noun = noun.or(Some("civilian"));
                }
                let glue = matches!(
                    w,
                    "were"
                        | "was"
                        | "have"
                        | "had"
                        | "are"
                        | "in"
                        | "on"
                        | "during"
                        | "by"
                        | "who"
                        | "when"
                        | "including"
                );
                // "three soldiers and two civilians": the second figure is a toll of its own
                let next_figure = k > num_end && dates::number_at(&s.toks, k).is_some();
                let np_word = s.toks[k].kind == TokKind::Word
                    && w.chars().all(|c| c.is_alphabetic())
                    && !r.kill_words.contains_word(w)
                    && !glue
                    && !next_figure;
                if !np_word && w != "-" {
                    break;
                }
                k += 1;
            }
            let np_end = k;
            // "nine people, including three children": part of a toll already counted (a
            // side-specific part, "including 18 soldiers", is a toll of its own)
            // ("nine civilians, among them five children")
            let among = |k: usize| {
                k >= 2 && s.word(k - 2) == "among" && matches!(s.word(k - 1), "them" | "whom")
            };
            // ("…, among them five children and two women, …": every figure of the list)
            let in_subset_list = (i.saturating_sub(8)..i)
                .rev()
                .find(|&c| s.word(c) == ",")
                .is_some_and(|c| s.word(c + 1) == "including" || among(c + 3));
            // ("nine civilians, four of them children, were killed")
            let partitive = i >= 1
                && s.word(i - 1) == ","
                && s.word(num_end) == "of"
                && matches!(s.word(num_end + 1), "them" | "whom");
            let included = i >= 1
                && (s.word(i - 1) == "including"
                    || among(i)
                    || partitive
                    || in_subset_list
                    || (i >= 3 && s.word(i - 3) == "including" && s.word(i - 1) == "least"));
            if included && noun == Some("civilian") && victim_mentions.is_empty() {
                i = num_end;
                continue;
            }
            // where "at least" / "about" before the number starts, if any
            let qualified = r
                .at_least
                .match_ending(&s.toks, i)
                .or_else(|| r.approximate.match_ending(&s.toks, i))
                .unwrap_or(i);
            // "…, killing two and wounding nine", "…, killing at least 12.": a bare number
            // right after the kill verb counts the dead, whoever they were
            let bare_after_kill = qualified > 0
                && matches!(s.word(qualified - 1), "killing" | "killed")
                && matches!(s.word(num_end), "," | "." | "and" | ";" | "");
            if noun.is_none() && victim_mentions.is_empty() && !bare_after_kill {
                i = num_end;
                continue;
            }
            // a kill word: before the number ("killing at least one soldier") …
            let mut before = qualified;
            if s.word(before.saturating_sub(1)) == "the" {
                before -= 1;
            }
            // "had killed 'more than 60' troops": a quoted figure
            if matches!(s.word(before.saturating_sub(1)), "\"" | "“" | "'" | "‘") {
                before -= 1;
            }
            let kill_before = r
                .kill_words
                .match_ending(&s.toks, before)
                .filter(|&b| r.transitive_kill_words.contains_word(s.word(b)));
            // … or after the phrase ("23 soldiers were killed", "left 23 soldiers dead")
            let mut kill_after = None;
            let mut k = np_end;
            let limit = (np_end + 12).min(n);
            let partitive_after = |j: usize| {
                dates::number_at(&s.toks, j).is_some_and(|(_, l)| {
                    s.word(j + l) == "of" && matches!(s.word(j + l + 1), "them" | "whom")
                })
            };
            if s.word(k) == ","
                && (s.word(k + 1) == "including"
                    || (s.word(k + 1) == "among" && matches!(s.word(k + 2), "them" | "whom"))
                    || partitive_after(k + 1))
            {
                // skip the list: "at least 64 people, including …, were killed"
                if let Some(c) = (k + 2..n).find(|&j| {
                    s.word(j) == ","
                        && (matches!(s.word(j + 1), "were" | "was" | "had" | "have" | "are")
                            || r.kill_words.match_at(&s.toks, j + 1).is_some())
                }) {
                    k = c + 1;
                }
            }
            while k < limit.max(k + 4).min(n) {
                if s.boundary[k] && s.word(k) != "after" {
                    break;
                }
                if let Some(l) = r.kill_words.match_at(&s.toks, k) {
                    // ("20 insurgents entered Mucojo, where they beheaded two more people":
                    // a kill verb with a counted object of its own counts those)
                    let own_object = dates::number_at(&s.toks, k + l).is_some() && !in_date(k + l);
                    if !matches!(s.word(k), "killing" | "kill") && !own_object {
                        kill_after = Some(k);
                    }
                    break;
                }
                if dates::number_at(&s.toks, k).is_some() && !in_date(k) {
                    // "three soldiers and two civilians were killed": over the next figure
                    if !matches!(s.word(k.saturating_sub(1)), "and" | ",") {
                        break;
                    }
                }
                k += 1;
            }
            let kill = kill_before.or(kill_after);
            let Some(kill_at) = kill else {
                i = num_end;
                continue;
            };
            if self.cancelled(s, kill_at, 0) && !(kill_at > 0 && s.word(kill_at - 1) == "were") {
                i = np_end;
                continue;
            }
            let victim = self.victim(s, &victim_mentions, noun, kill_at);
            let cas = Casualty {
                victim: victim.clone(),
                killed: value,
                at_least,
                claimed_only: false,
            };
            let ev = self.casualty_event(s, kill_at, first_event, kill_before.is_some());
            // a toll a source gives ("the military said 23 soldiers were killed") is its claim
            // ("…, officials said", "reportedly": a claim with no named source)
            let source = self
                .frame_at(s, kill_at)
                .filter(|f| f.theme.is_empty() && f.from <= kill_at && !f.denied && !f.unstated)
                .map(|f| (f.claimants.clone(), f.rule.clone()));
            let e = &mut self.events[ev];
            if !e.casualties.contains(&cas) {
                e.casualties.push(cas.clone());
            }
            if let Some((claimants, rule)) = source {
                let k = self.events[ev]
                    .casualties
                    .iter()
                    .position(|c| *c == cas)
                    .unwrap_or(0);
                let unsourced = claimants.is_empty();
                let claimants: Vec<Option<String>> = if unsourced {
                    vec![None]
                } else {
                    claimants.into_iter().map(Some).collect()
                };
                for c in claimants {
                    self.claims.push(Claim {
                        s: ClaimSubject::Event(ev),
                        p: "casualties".into(),
                        o: String::new(),
                        o_casualty: Some(k),
                        claimant: c,
                        denied: false,
                        hedged: unsourced,
                        prov: self.prov(s, &format!("{rule}+casualties"), 0.7),
                    });
                }
            }
            let e = &mut self.events[ev];
            if let Some(v) = victim {
                let main = e.types[0].clone();
                if main == "Clash" {
                    if !e.participants.contains(&v) {
                        e.participants.push(v);
                    }
                } else if EVENT_FAMILY_ATTACK.contains(&main.as_str())
                    && !e.agents.contains(&v)
                    && e.targets.is_empty()
                {
                    e.targets.push(v);
                }
            }
            i = np_end.max(num_end);
        }
    }

    /// Who did the killing at `kill_at`: "killed by X", else the subject of an active verb.
    fn killer(&self, s: &Sent, kill_at: usize) -> Vec<String> {
        let actor = |k: Kind| k.is_actor();
        if let Some(b) = (kill_at + 1..(kill_at + 3).min(s.toks.len())).find(|&k| s.word(k) == "by")
        {
            let v = self.object_of(s, b + 1, 4, &actor);
            return self.keys(s, &v);
        }
        let passive = kill_at > 0
            && matches!(
                s.word(kill_at - 1),
                "were" | "was" | "been" | "and" | "being"
            );
        if passive || !matches!(s.word(kill_at), "killed" | "killing" | "kill" | "kills") {
            return Vec::new();
        }
        let v = self.subject_of(s, kill_at, &actor);
        self.keys(s, &v)
    }

    fn victim(
        &mut self,
        s: &Sent,
        np: &[usize],
        noun: Option<&str>,
        kill_at: usize,
    ) -> Option<String> {
        // a name in the phrase: "23 Pakistani soldiers", "33 BLA insurgents"
        if let Some(&m) = np.first() {
            let mm = &s.mentions[m];
            if mm.kind.is_actor() || mm.form == Form::Demonym {
                return Some(mm.key.clone());
            }
        }
        match noun {
            Some("combatant") => {
                // the latest armed group, unless it is the one doing the killing
                let killer_keys = self.killer(s, kill_at);
                // groups named in this sentence first, then those named before
                let mut cands: Vec<String> = Vec::new();
                // (a group named long before is not these: the paragraph has moved on)
                let reach = self.rules().group_reach;
                let near = |k: &str| {
                    self.last_seen
                        .get(k)
                        .is_some_and(|&at| s.idx.saturating_sub(at) <= reach)
                };
                for (k, kind) in s
                    .mentions
                    .iter()
                    .map(|m| (m.key.clone(), m.kind))
                    .chain(self.recent.iter().rev().filter(|(k, _)| near(k)).cloned())
                {
                    if kind == Kind::ArmedGroup && !killer_keys.contains(&k) && !cands.contains(&k)
                    {
                        cands.push(k);
                    }
                }
                let in_sentence = s
                    .mentions
                    .iter()
                    .filter(|m| m.kind == Kind::ArmedGroup && !killer_keys.contains(&m.key))
                    .count();
                let place_state = s
                    .mentions
                    .iter()
                    .filter(|m| matches!(m.kind, Kind::City | Kind::Region) && m.form == Form::Name)
                    .find_map(|m| self.cat_index(&m.key).and_then(|c| self.cat().state_of(c)));
                if in_sentence > 0 {
                    cands.first().cloned()
                } else {
                    self.likely_group_in(&cands, place_state)
                }
            }
            Some("security") => {
                // a state named in the sentence that is not the attacker; else where it happened
                let killer_keys = self.killer(s, kill_at);
                let states: Vec<&Mention> = s
                    .mentions
                    .iter()
                    .filter(|m| m.kind == DEMONYM_KIND && !killer_keys.contains(&m.key))
                    .collect();
                if let Some(m) = states.iter().find(|m| m.form == Form::Demonym) {
                    return Some(m.key.clone());
                }
                // (the state of the place named, "… a check post in Bajaur's Salarzai tehsil",
                // which the text may not have named itself: recorded here)
                let by_place = s
                    .mentions
                    .iter()
                    .filter(|m| matches!(m.kind, Kind::City | Kind::Region))
                    .find_map(|m| self.cat_index(&m.key).and_then(|c| self.cat().state_of(c)))
                    .filter(|&st| {
                        !killer_keys
                            .iter()
                            .any(|k| k == self.cat().entities[st].key())
                    });
                match by_place {
                    Some(st) => Some(self.record_catalogue(st)),
                    None => states.first().map(|m| m.key.clone()),
                }
            }
            _ => None,
        }
    }

    /// The event the deaths belong to: one named before in this sentence, else a new attack.
    fn casualty_event(
        &mut self,
        s: &Sent,
        kill_at: usize,
        first_event: usize,
        active: bool,
    ) -> usize {
        let _ = first_event;
        // events whose trigger comes before the kill word in this sentence
        let here: Vec<usize> = self
            .triggers
            .iter()
            .filter(|(_, t)| *t < kill_at)
            .map(|(e, _)| *e)
            .collect();
        let own_subject = if active {
            self.subject_of(s, kill_at, &|k: Kind| k.is_actor())
        } else {
            Vec::new()
        };
        let own_keys = self.keys(s, &own_subject);
        let participle = matches!(s.word(kill_at), "killing" | "leaving" | "left") || !active;
        if let Some(&e) = here.last() {
            let trigger_pos = self
                .triggers
                .iter()
                .rev()
                .find(|(ev, _)| *ev == e)
                .map_or(0, |t| t.1);
            let killer_after_trigger = own_subject
                .first()
                .is_some_and(|&m| s.mentions[m].start > trigger_pos);
            // "an attack on a UN convoy killed two civilians": the name before the verb is
            // the attack's target, inside its noun phrase, not the killer
            let in_trigger_phrase = !own_keys.is_empty()
                && own_keys.iter().all(|k| {
                    self.events[e].targets.contains(k) || self.events[e].locations.contains(k)
                });
            if participle
                || own_keys.is_empty()
                || self.events[e].agents == own_keys
                || !killer_after_trigger
                || in_trigger_phrase
            {
                return e;
            }
        }
        // "12 people were killed when a suicide bomber struck …": the event the sentence names
        if !active {
            if let Some(&(e, _)) = self
                .triggers
                .iter()
                .filter(|(_, t)| *t > kill_at)
                .min_by_key(|(_, t)| *t)
            {
                return e;
            }
        }
        // "killed 19 militants in an operation", "were killed in retaliatory strikes"
        let end = s.clause_end(kill_at);
        if let Some(&(e, _)) = self
            .triggers
            .iter()
            .filter(|(_, t)| *t > kill_at && *t < end)
            .min_by_key(|(_, t)| *t)
        {
            let t = self
                .triggers
                .iter()
                .find(|(ev, _)| *ev == e)
                .map_or(0, |x| x.1);
            let r = self.rules();
            let introduced = (kill_at..t)
                .rev()
                .find(|&k| matches!(s.word(k), "in" | "during" | "by"))
                .is_some_and(|p| {
                    t - p <= 6
                        && (p + 1..t).all(|k| {
                            s.at[k].is_none()
                                && (matches!(s.word(k), "a" | "an" | "the" | "its" | "their" | "-")
                                    || r.modifiers.contains_word(s.word(k))
                                    || (s.toks[k].kind == TokKind::Word && !s.toks[k].cap))
                        })
                });
            if introduced {
                if active && !own_keys.is_empty() && self.events[e].agents.is_empty() {
                    let mut tmp = Event::new(vec![], self.prov(s, "", 0.0));
                    tmp.agents = own_keys.clone();
                    let said = self.attributed_agents(s, kill_at, &mut tmp);
                    self.events[e].agents = tmp.agents;
                    self.push_agent_claims(s, e, said);
                }
                return e;
            }
        }
        // "Gunmen attacked a police station in Lakki Marwat. Two policemen were killed …": a
        // toll told on its own, right after an attack or clash that had none, is that one's
        let by_agent = (kill_at..s.clause_end(kill_at)).any(|k| s.word(k) == "by");
        if !active && self.triggers.is_empty() && !by_agent {
            let place_before = (0..kill_at).any(|k| {
                s.at[k].is_some_and(|m| {
                    s.mentions[m].kind.is_place() && s.mentions[m].form == Form::Name
                })
            });
            // (the latest fighting of the sentence before: "… exchanged fire near Chong Chom,
            // in the first clash since the ceasefire of July 2025. One Thai ranger was killed")
            let latest = (0..self.events.len())
                .rev()
                .take_while(|&e| self.events[e].prov.sentence + 1 >= s.idx)
                .find(|&e| is_fighting(&self.events[e]));
            if let Some(e) = latest {
                let ev = &self.events[e];
                let fresh = ev.casualties.is_empty() || self.toll_told_after == Some((s.idx, e));
                if ev.prov.sentence + 1 == s.idx && fresh && !place_before {
                    let same_time = match (self.date_for(s, kill_at), &ev.date) {
                        (Some(a), Some(b)) => a.overlaps(b),
                        _ => true,
                    };
                    if same_time {
                        self.toll_told_after = Some((s.idx, e));
                        return e;
                    }
                }
            }
        }
        // "JNIM fighters attacked a base in Djibo. JNIM said it had killed 60 troops.": who
        // kills, a sentence or two after its attack, tells that attack's toll
        // ("its Kaladan Brigade had killed 25": the group's own unit is the group)
        if active && self.triggers.is_empty() && !own_keys.is_empty() {
            let group_of = |k: &String| -> Vec<String> {
                let mut v = vec![k.clone()];
                v.extend(self.fact_objects(k, &["memberOf"]));
                v
            };
            let theirs = (0..self.events.len())
                .rev()
                .take_while(|&e| self.events[e].prov.sentence + 2 >= s.idx)
                .find(|&e| {
                    let ev = &self.events[e];
                    is_fighting(ev)
                        && own_keys.iter().all(|k| {
                            group_of(k)
                                .iter()
                                .any(|g| ev.agents.contains(g) || ev.participants.contains(g))
                        })
                });
            if let Some(e) = theirs {
                return e;
            }
        }
        let mut ev = Event::new(vec!["Attack".into()], self.prov(s, "event/killing", 0.7));
        let actor = |k: Kind| k.is_actor();
        ev.agents = if active {
            own_keys
        } else {
            let by = (kill_at..s.clause_end(kill_at)).find(|&k| s.word(k) == "by");
            by.map(|b| self.object_of(s, b + 1, 4, &actor))
                .map(|v| self.keys(s, &v))
                .unwrap_or_default()
        };
        // where: the nearest place before, with no other event between
        if let Some(mi) = (0..kill_at).rev().find_map(|k| {
            s.at[k].filter(|&m| matches!(s.mentions[m].kind, Kind::City | Kind::Region))
        }) {
            ev.locations.push(s.mentions[mi].key.clone());
        } else if let Some(g) = (kill_at..s.clause_end(kill_at))
            .find(|&k| s.word(k) == "in")
            .map(|k| self.object_of(s, k + 1, 3, &|k: Kind| k.is_place()))
        {
            let named: Vec<usize> = g
                .into_iter()
                .filter(|&m| s.mentions[m].form == Form::Name)
                .collect();
            ev.locations = self.keys(s, &named);
        }
        ev.date = self.date_for(s, kill_at);
        let said_agents = self.attributed_agents(s, kill_at, &mut ev);
        self.events.push(ev);
        let k = self.events.len() - 1;
        self.last_event.insert("Attack".into(), k);
        self.push_agent_claims(s, k, said_agents);
        k
    }

    /// Inside "X said (that) …" or a quotation with a speaker, the agent of an event is what X
    /// says: take the agents out of the event, to be recorded as claims.
    fn attributed_agents(
        &self,
        s: &Sent,
        i: usize,
        ev: &mut Event,
    ) -> Option<(Frame, Vec<String>)> {
        let f = self.frame_at(s, i)?;
        if f.unstated {
            // "did not confirm that it had carried out the strikes": no agent at all
            ev.agents.clear();
            return None;
        }
        let quotation = f.rule == "claim/quotation";
        // "according to X" sources the account; it does not make the narrator's agent a claim
        if f.rule == "claim/according-to" {
            return None;
        }
        if (f.claimants.is_empty() && !quotation && !f.unnamed_source)
            || !f.theme.is_empty()
            || f.from > i
            || ev.agents.is_empty()
        {
            return None;
        }
        Some((f.clone(), std::mem::take(&mut ev.agents)))
    }

    fn push_agent_claims(&mut self, s: &Sent, event: usize, said: Option<(Frame, Vec<String>)>) {
        let Some((f, agents)) = said else { return };
        // a quotation whose speaker is not (yet) known still makes a claim
        let claimants = f.claimant_slots();
        for a in agents {
            for c in &claimants {
                if f.pending {
                    self.pending_quote.push(self.claims.len());
                }
                self.claims.push(Claim {
                    s: ClaimSubject::Event(event),
                    p: "agent".into(),
                    o: a.clone(),
                    o_casualty: None,
                    claimant: c.clone(),
                    denied: f.denied,
                    hedged: false,
                    prov: self.prov(s, &format!("{}+event/agent", f.rule), 0.7),
                });
            }
        }
    }

    // ------------------------------------------------------------------ claims about events

    /// "Kabul rejected the accusation", "a charge Pakistan denied", "Abu Dhabi denies the
    /// charge": the denier denies the claims just reported (this or the previous sentence).
    fn deny_previous(&mut self, s: &Sent) {
        let actor = |k: Kind| k.is_actor();
        let r = self.rules();
        let mut deniers: Vec<String> = Vec::new();
        // "the accusation", "a claim": one claim (the latest); "the allegations": all recent
        let mut singular = true;
        // where the first denial of an accusation is: what the denier goes on to say ("…
        // denied the accusation, saying the army had attacked first") is not what it denies
        let mut deny_at = usize::MAX;
        let plural = |w: &str| w.ends_with('s');
        for f in s.frames.iter().filter(|f| f.denied) {
            let mut k = f.from;
            while matches!(
                s.word(k),
                "the" | "these" | "those" | "such" | "this" | "that" | "all"
            ) {
                k += 1;
            }
            // "the Thai account", "the Indian claims", "these baseless allegations": a
            // demonym or an adjective before the noun
            if !r.claim_nouns.contains_word(s.word(k)) {
                if let Some(j) = (k + 1..(k + 3).min(s.toks.len())).find(|&j| {
                    r.claim_nouns.contains_word(s.word(j))
                        && (k..j).all(|i| {
                            s.toks[i].kind == TokKind::Word
                                && !r.boundaries.contains_word(s.word(i))
                                && !FUNCTION_WORDS.contains(&s.word(i))
                        })
                }) {
                    k = j;
                }
            }
            if r.claim_nouns.contains_word(s.word(k)) && !matches!(s.word(k + 1), "of" | "that") {
                deniers.extend(f.claimants.iter().cloned());
                singular &= !plural(s.word(k));
                deny_at = deny_at.min(f.from);
            } else if matches!(s.word(f.from), "this" | "that" | "it" | "these" | "them")
                && matches!(s.word(f.from + 1), "." | "," | ";" | "")
            {
                // "Kabul denies this.": the claim just told
                deniers.extend(f.claimants.iter().cloned());
                singular &= !matches!(s.word(f.from), "these" | "them");
            }
        }
        let mut this_sentence_only = false;
        // "an accusation Tehran rejects", "a charge Pakistan denied", "a charge that Delhi
        // rejects", "an allegation Pakistan has consistently rejected", "…, which Tehran denies"
        for i in 2..s.toks.len() {
            if r.attributions
                .iter()
                .any(|a| a.denied && a.verbs.match_at(&s.toks, i).is_some())
            {
                let mut e = i;
                while e > 1 && r.subject_skip.contains_word(s.word(e - 1)) {
                    e -= 1;
                }
                if let Some(m) = s
                    .mention_ending_at(e)
                    .filter(|&m| actor(s.mentions[m].kind))
                {
                    let group = self.group_of(s, m);
                    let mut first = group
                        .first()
                        .map_or(s.mentions[m].start, |&g| s.mentions[g].start);
                    // "a charge officials in Kabul deny"
                    if first >= 2
                        && s.word(first - 1) == "in"
                        && CAPITAL_SPEAKERS.contains(&s.word(first - 2))
                    {
                        first -= 2;
                    }
                    if first >= 1 && s.word(first - 1) == "the" {
                        first -= 1;
                    }
                    let noun_at = |k: usize| k >= 1 && r.claim_nouns.contains_word(s.word(k - 1));
                    let noun = if noun_at(first) {
                        Some(first - 1)
                    } else if first >= 2
                        && matches!(s.word(first - 1), "that" | "which")
                        && noun_at(first - 1)
                    {
                        Some(first - 2)
                    } else {
                        None
                    };
                    let relative =
                        first >= 2 && s.word(first - 1) == "which" && s.word(first - 2) == ",";
                    if let Some(k) = noun {
                        deniers.extend(self.keys(s, &group));
                        singular &= !plural(s.word(k));
                        // "Islamabad accuses Kabul of …, a charge Kabul denies": the charge is
                        // the accusation of this sentence; when that gave no claim, an earlier
                        // sentence's claim is not what is denied
                        if s.frames.iter().any(|f| !f.denied && f.from < k) {
                            this_sentence_only = true;
                        }
                    } else if relative {
                        // ", which X denies" refers to this sentence's own words only
                        deniers.extend(self.keys(s, &group));
                        this_sentence_only = true;
                    }
                }
            }
        }
        if deniers.is_empty() {
            return;
        }
        // a side does not deny what its own people claim (a state and its military); an armed
        // group is no side of the state it fights in
        let side = |k: &str| {
            if self.kind_of(k) == Kind::ArmedGroup {
                None
            } else {
                self.home_state(k)
            }
        };
        let said_after: Vec<&String> = s
            .frames
            .iter()
            .filter(|f| f.from > deny_at)
            .flat_map(|f| f.claimants.iter())
            .collect();
        // what the previous sentence claimed; when it claimed nothing ("Army spokesman X
        // said seven soldiers were wounded"), the sentence before
        let eligible = |c: &Claim, reach: usize| {
            !c.denied
                && c.prov.sentence + reach >= s.idx
                && !(c.prov.sentence == s.idx
                    && c.claimant.as_ref().is_some_and(|w| said_after.contains(&w)))
                && (!this_sentence_only || c.prov.sentence == s.idx)
                && c.claimant.as_ref().is_none_or(|w| {
                    !deniers.contains(w)
                        && !deniers
                            .iter()
                            .any(|d| side(d).is_some() && side(d) == side(w))
                })
        };
        let reach = if self.claims.iter().any(|c| eligible(c, 1)) {
            1
        } else {
            2
        };
        let mut recent: Vec<Claim> = self
            .claims
            .iter()
            .filter(|c| eligible(c, reach))
            .cloned()
            .collect();
        if singular {
            // the latest claim: its sentence and claimant
            if let Some(last) = recent.last().map(|c| (c.prov.sentence, c.claimant.clone())) {
                recent.retain(|c| (c.prov.sentence, c.claimant.clone()) == last);
            }
        }
        for d in deniers {
            for c in &recent {
                let mut c2 = c.clone();
                c2.claimant = Some(d.clone());
                c2.denied = true;
                c2.hedged = false;
                c2.prov = self.prov(
                    s,
                    &format!("claim/deny-previous+{}", c.prov.rule),
                    c.prov.confidence * 0.9,
                );
                self.claims.push(c2);
            }
        }
    }

    /// "X denied involvement in the attack", "X claimed responsibility for the bombing":
    /// claims whose subject is an event and whose predicate is ckg:agent.
    fn event_claims(&mut self, s: &Sent, first_event: usize) {
        let r = self.rules();
        let here: Vec<usize> = (first_event..self.events.len())
            .filter(|&e| self.events[e].prov.sentence == s.idx)
            .collect();
        let latest_attack = self.last_event.get("Attack").copied();
        let target_event = here
            .iter()
            .copied()
            .find(|&e| EVENT_FAMILY_ATTACK.contains(&self.events[e].types[0].as_str()))
            .or(latest_attack);
        let Some(ev) = target_event else { return };
        let mut new_claims = Vec::new();
        for f in &s.frames {
            // "accused X of carrying out the attack", "blamed X for the strikes", "blamed
            // the attack on X": who did an event, as the accuser says
            // (the attack word opens what X is accused of, a few words in at most)
            let attack_word = |k: usize| {
                r.events.iter().any(|e| {
                    EVENT_FAMILY_ATTACK.contains(&e.types[0].as_str())
                        && (e.triggers.match_at(&s.toks, k).is_some()
                            || e.verbs.match_at(&s.toks, k).is_some())
                })
            };
            // "…. Pakistan blamed the TTP.": a bare accusation names who did the attack of
            // its own sentence or of the two before it
            let bare = f.rule == "claim/accuse"
                && !f.denied
                && !f.theme.is_empty()
                && f.from == f.to
                && self.events[ev].prov.sentence + 2 >= s.idx;
            let accusation = f.rule == "claim/accuse"
                && !f.denied
                && ((f.from..f.to.min(f.from + 4)).any(attack_word) || bare);
            if f.theme.is_empty()
                || !(accusation
                    || (f.from..f.to).any(|k| r.involvement.match_at(&s.toks, k).is_some()))
            {
                continue;
            }
            for who in &f.theme {
                let self_claim = f.denied && f.theme == f.claimants;
                let claimants: Vec<Option<String>> = if self_claim {
                    vec![Some(who.clone())]
                } else {
                    f.claimant_slots()
                };
                for c in claimants {
                    new_claims.push(Claim {
                        s: ClaimSubject::Event(ev),
                        p: "agent".into(),
                        o: who.clone(),
                        o_casualty: None,
                        claimant: c,
                        denied: f.denied,
                        hedged: f.hedged,
                        prov: self.prov(
                            s,
                            &format!(
                                "{}+event/{}",
                                f.rule,
                                if bare { "blame" } else { "involvement" }
                            ),
                            0.7,
                        ),
                    });
                }
            }
        }
        // "The TTP said it had no role in it": the speaker (or the actor named before the
        // phrase) denies being the agent
        for f in s.frames.iter().filter(|f| !f.denied && !f.unstated) {
            for k in f.from..f.to.min(s.toks.len()) {
                if r.disclaimers.match_at(&s.toks, k).is_none() {
                    continue;
                }
                let named = self.subject_of(s, k, &|kind: Kind| {
                    matches!(kind, Kind::State | Kind::ArmedGroup | Kind::Organization)
                });
                let who = if named.is_empty() {
                    f.claimants.clone()
                } else {
                    self.keys(s, &named)
                };
                for w in who {
                    for c in f.claimant_slots() {
                        new_claims.push(Claim {
                            s: ClaimSubject::Event(ev),
                            p: "agent".into(),
                            o: w.clone(),
                            o_casualty: None,
                            claimant: c,
                            denied: true,
                            hedged: f.hedged,
                            prov: self.prov(s, &format!("{}+event/disclaimer", f.rule), 0.7),
                        });
                    }
                }
                break;
            }
        }
        // "X claimed responsibility for …" (the subject claims) and "… was claimed by X"
        for k in 0..s.toks.len() {
            let claimers = if r.claim_responsibility.match_at(&s.toks, k).is_some() {
                self.subject_of(s, k, &|kind: Kind| kind.is_actor())
            } else if let Some(l) = r.claimed_by.match_at(&s.toks, k) {
                self.object_of(s, k + l, 6, &|kind: Kind| {
                    matches!(kind, Kind::ArmedGroup | Kind::Organization | Kind::State)
                })
            } else {
                continue;
            };
            if self.cancelled(s, k, 0) {
                continue;
            }
            for who in self.keys(s, &claimers) {
                // "TTP spokesman Muhammad Khurasani claimed responsibility": the spokesman
                // claims it for his group (the one the text affiliated him with)
                let doer = if self.kind_of(&who) == Kind::Person {
                    self.fact_objects(&who, PERSON_TIES)
                        .next()
                        .unwrap_or_else(|| who.clone())
                } else {
                    who.clone()
                };
                new_claims.push(Claim {
                    s: ClaimSubject::Event(ev),
                    p: "agent".into(),
                    o: doer,
                    o_casualty: None,
                    claimant: Some(who),
                    denied: false,
                    hedged: false,
                    prov: self.prov(s, "claim/responsibility", 0.8),
                });
            }
        }
        self.claims.extend(new_claims);
    }

    fn dedupe(&mut self) {
        // a toll told only by whoever claims the deed is its boast, not a fact about the event
        // (the group, or its spokesman: a person's group from the facts told of them)
        let sides = |x: &String| -> Vec<String> {
            let mut v = vec![x.clone()];
            v.extend(self.fact_objects(x, PERSON_TIES));
            // (and its own units: "its Northeastern War Front had killed 15")
            v.extend(
                self.facts
                    .iter()
                    .filter(|f| f.p == "memberOf" && f.o == Value::Entity(x.clone()))
                    .map(|f| f.s.clone()),
            );
            v
        };
        let boasts: Vec<(usize, usize)> = self
            .claims
            .iter()
            .filter(|c| !c.denied)
            .filter_map(|c| match (&c.s, c.o_casualty, &c.claimant) {
                (ClaimSubject::Event(e), Some(k), Some(w)) => {
                    // its own deed: "the TTP claimed responsibility" (not an accusation of the
                    // other side, "Afghan officials said Pakistani shelling killed 12", whose
                    // toll stays the event's)
                    let claims_deed =
                        self.claims.iter().any(|d| {
                            d.s == c.s
                                && d.p == "agent"
                                && !d.denied
                                && d.claimant
                                    .as_ref()
                                    .is_some_and(|dw| sides(dw).contains(&d.o))
                                && sides(w).contains(&d.o)
                        }) || self.events[*e].agents.iter().any(|a| sides(w).contains(a));
                    // and nobody else gives that toll (one who denies it gives none)
                    let others = self.claims.iter().any(|d| {
                        d.s == c.s
                            && d.o_casualty == Some(k)
                            && d.claimant.as_ref() != Some(w)
                            && !d.denied
                    });
                    (claims_deed && !others).then_some((*e, k))
                }
                _ => None,
            })
            .collect();
        for (e, k) in boasts {
            if let Some(c) = self
                .events
                .get_mut(e)
                .and_then(|ev| ev.casualties.get_mut(k))
            {
                c.claimed_only = true;
            }
        }
        // an event nobody did, nothing was hit by, nowhere, with no toll and no claim about
        // it ("the government denied that it had targeted civilians") tells a user nothing
        let claimed: BTreeSet<usize> = self
            .claims
            .iter()
            .filter_map(|c| match c.s {
                ClaimSubject::Event(i) => Some(i),
                ClaimSubject::Entity(_) => None,
            })
            .collect();
        let keep: Vec<bool> = self
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| {
                // a truce told as made, with only its date, still says when one was made ("On
                // 15 October, a 48-hour ceasefire was announced", "since a truce was agreed in
                // October"; not "said it backs the ceasefire")
                let dated_truce = e.date.is_some() && self.truces_made.contains(&i);
                claimed.contains(&i)
                    || dated_truce
                    || !(e.agents.is_empty()
                        && e.targets.is_empty()
                        && e.participants.is_empty()
                        && e.mediators.is_empty()
                        && e.locations.is_empty()
                        && e.casualties.is_empty())
            })
            .collect();
        if keep.iter().any(|k| !k) {
            let mut new_index = vec![usize::MAX; keep.len()];
            let mut next = 0;
            for (i, k) in keep.iter().enumerate() {
                if *k {
                    new_index[i] = next;
                    next += 1;
                }
            }
            let mut i = 0;
            self.events.retain(|_| {
                i += 1;
                keep[i - 1]
            });
            for c in &mut self.claims {
                if let ClaimSubject::Event(e) = &mut c.s {
                    *e = new_index[*e];
                }
            }
        }
        let mut seen = BTreeSet::new();
        self.facts
            .retain(|f| seen.insert((f.s.clone(), f.p.clone(), f.o.clone(), f.prov.sentence)));
        let mut seen = BTreeSet::new();
        self.claims.retain(|c| {
            let subj = match &c.s {
                ClaimSubject::Entity(e) => e.clone(),
                ClaimSubject::Event(i) => format!("#{i}"),
            };
            seen.insert((
                subj,
                c.p.clone(),
                format!("{}{:?}", c.o, c.o_casualty),
                c.claimant.clone(),
                c.denied,
                c.prov.sentence,
            ))
        });
        for e in &mut self.events {
            e.participants.retain(|p| !e.mediators.contains(p));
        }
        // entities matched and then absorbed into a longer name are not mentioned
        let mut used = self.mentioned.clone();
        for f in &self.facts {
            used.insert(f.s.clone());
            if let Value::Entity(o) = &f.o {
                used.insert(o.clone());
            }
        }
        for e in &self.events {
            for k in e
                .agents
                .iter()
                .chain(&e.targets)
                .chain(&e.participants)
                .chain(&e.mediators)
                .chain(&e.locations)
            {
                used.insert(k.clone());
            }
            for c in &e.casualties {
                if let Some(v) = &c.victim {
                    used.insert(v.clone());
                }
            }
        }
        for c in &self.claims {
            if let ClaimSubject::Entity(k) = &c.s {
                used.insert(k.clone());
            }
            if !c.o.is_empty() {
                used.insert(c.o.clone());
            }
            if let Some(k) = &c.claimant {
                used.insert(k.clone());
            }
        }
        self.entities.retain(|k, _| used.contains(k));
    }
}

/// "… and took Bukavu the following month": a count of time in the words right after the
/// trigger at `i` (up to a comma or another clause).
fn later_after_trigger(s: &Sent, i: usize) -> Option<Later> {
    let end = (i + 8).min(s.toks.len());
    let stop = (i..end)
        .find(|&k| matches!(s.word(k), "," | ";" | "when" | "after"))
        .unwrap_or(end);
    dates::later_offset(s.toks.get(i..stop)?)
}

fn merge_event(into: &mut Event, from: Event) {
    for t in from.types {
        if !into.types.contains(&t) {
            // keep the most specific type first
            if t == "Airstrike" {
                into.types.insert(0, t);
            } else {
                into.types.push(t);
            }
        }
    }
    for (a, b) in [
        (&mut into.agents, from.agents),
        (&mut into.targets, from.targets),
        (&mut into.participants, from.participants),
        (&mut into.mediators, from.mediators),
        (&mut into.locations, from.locations),
    ] {
        for x in b {
            if !a.contains(&x) {
                a.push(x);
            }
        }
    }
    // ("the November 2024 ceasefire … The ceasefire took effect on November 27, 2024": the
    // finer date of the same time)
    match (&into.date, &from.date) {
        (None, _) => into.date = from.date,
        (Some(a), Some(b)) if a.overlaps(b) && b.precision() > a.precision() => {
            into.date = from.date
        }
        _ => {}
    }
    for c in from.casualties {
        if !into.casualties.contains(&c) {
            into.casualties.push(c);
        }
    }
}

/// The lower-case words of an institution phrase, as the key of `DocState::institutions`.
fn institution_phrase(s: &Sent, k: usize, l: usize) -> String {
    (k..k + l).map(|j| s.word(j)).collect::<Vec<_>>().join(" ")
}

fn catalogue_is_acronym_noise(s: &str) -> bool {
    s.chars().count() < 2
}

/// The length in tokens of a wire dateline at the start of a sentence: "ISLAMABAD, March 14
/// (Agency) -" or "GOMA, Democratic Republic of Congo, Sept 24 (Agency) —". Zero if none.
fn dateline_len(toks: &[Token], text: &str) -> usize {
    let Some(first) = toks.first() else { return 0 };
    let raw = &text[first.start..first.end];
    let all_caps = raw.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && raw.chars().all(|c| !c.is_lowercase());
    if !all_caps {
        return 0;
    }
    // the dash that ends the dateline, within the first 16 tokens: after the agency's
    // parenthesis ("ISLAMABAD, March 14 (Reuters) -"), or after a place and date with no
    // lower-case word ("NAIROBI, June 12 —")
    (1..toks.len().min(16))
        .find(|&k| {
            toks[k].lower == "-"
                && (toks[k - 1].lower == ")"
                    || (k <= 10
                        && toks[1].lower == ","
                        && toks[k - 1].kind == TokKind::Number
                        && toks[1..k].iter().all(|t| t.kind != TokKind::Word || t.cap)))
        })
        .map_or(0, |k| k + 1)
}

/// "Álvaro Restrepo Gil", "Gustavo Petro Urrego": in a name of three capitalised words the
/// middle one may be the (first) surname a later bare mention uses ("Restrepo said"). It is
/// registered only where no one else answers to it. Lower-cased; None for other names.
fn paternal_surname(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.as_slice() {
        [first, middle, last]
            if [first, middle, last].iter().all(|w| {
                w.chars().next().is_some_and(|c| c.is_uppercase()) && !w.contains('-')
            }) && middle.chars().count() >= 5
                && last.chars().count() >= 3 =>
        {
            Some(middle.to_lowercase())
        }
        _ => None,
    }
}
