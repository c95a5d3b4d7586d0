//! The catalogue of known entities, loaded from TOML (see `docs/CATALOGUE.md`), and the index
//! that finds every name, alias, demonym and capital of it in a text: names keyed by their first
//! token, so that each token of a sentence costs one lookup (a name can only start where a
//! token starts, which a byte automaton cannot use).
//!
//! The built-in files under `ontology/catalogue/` are embedded in the binary; users add or
//! override entries with their own files. An entry's IRI is a pure function of its kind and id.
use crate::error::{Error, Result};
use crate::text::{tokenize, Token};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::HashMap;

/// The built-in catalogue files: (name, TOML text).
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "ontology/catalogue/states.toml",
        include_str!("../ontology/catalogue/states.toml"),
    ),
    (
        "ontology/catalogue/capitals.toml",
        include_str!("../ontology/catalogue/capitals.toml"),
    ),
    (
        "ontology/catalogue/places.toml",
        include_str!("../ontology/catalogue/places.toml"),
    ),
    (
        "ontology/catalogue/groups.toml",
        include_str!("../ontology/catalogue/groups.toml"),
    ),
    (
        "ontology/catalogue/organizations.toml",
        include_str!("../ontology/catalogue/organizations.toml"),
    ),
    (
        "ontology/catalogue/people.toml",
        include_str!("../ontology/catalogue/people.toml"),
    ),
    (
        "ontology/catalogue/ignore.toml",
        include_str!("../ontology/catalogue/ignore.toml"),
    ),
];

/// What kind of thing an entity is. `Ignore` entries are names that must not be read as
/// anything else (e.g. "Doha Agreement" is not the city of Doha).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, PartialOrd, Ord)]
pub enum Kind {
    State,
    ArmedGroup,
    Organization,
    Person,
    City,
    Region,
    Place,
    Ignore,
}

impl Kind {
    /// The IRI path segment of this kind.
    pub fn path(self) -> &'static str {
        match self {
            Kind::State => "state",
            Kind::ArmedGroup => "group",
            Kind::Organization => "org",
            Kind::Person => "person",
            Kind::City | Kind::Region | Kind::Place => "place",
            Kind::Ignore => "ignore",
        }
    }
    pub fn is_actor(self) -> bool {
        matches!(
            self,
            Kind::State | Kind::ArmedGroup | Kind::Organization | Kind::Person
        )
    }
    pub fn is_place(self) -> bool {
        matches!(self, Kind::State | Kind::City | Kind::Region | Kind::Place)
    }
    /// The ontology classes an entity of this kind is typed with (superclasses included).
    pub fn classes(self) -> &'static [&'static str] {
        use crate::vocab::term::*;
        match self {
            Kind::State => &[STATE, ACTOR, PLACE],
            Kind::ArmedGroup => &[ARMED_GROUP, ACTOR],
            Kind::Organization => &[ORGANIZATION, ACTOR],
            Kind::Person => &[PERSON, ACTOR],
            Kind::City => &[CITY, PLACE],
            Kind::Region => &[REGION, PLACE],
            Kind::Place => &[PLACE],
            Kind::Ignore => &[],
        }
    }
    /// Parse a type name as used in rule files ("Actor" and "Place" are families).
    pub fn matches_name(self, name: &str) -> bool {
        match name {
            "Actor" => self.is_actor(),
            "Place" => self.is_place(),
            "Any" => true,
            "State" => self == Kind::State,
            "ArmedGroup" => self == Kind::ArmedGroup,
            "Organization" => self == Kind::Organization,
            "Person" => self == Kind::Person,
            "City" => self == Kind::City,
            "Region" => self == Kind::Region,
            // a place that is neither a state, a city nor a region: "Amadiya", "Marte"
            "Site" => self == Kind::Place,
            "Group" => matches!(self, Kind::ArmedGroup | Kind::Organization),
            "Collective" => matches!(self, Kind::State | Kind::ArmedGroup | Kind::Organization),
            _ => false,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    entity: Vec<RawEntity>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    id: String,
    #[serde(rename = "type")]
    kind: Kind,
    label: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    capital: Option<String>,
    wikidata: Option<String>,
    located_in: Option<String>,
    #[serde(default)]
    borders: Vec<String>,
    governs: Option<String>,
    #[serde(default)]
    operates_in: Vec<String>,
    #[serde(default)]
    member_of: Vec<String>,
    affiliation: Option<String>,
    #[serde(default)]
    distinct_from: Vec<String>,
    #[serde(default)]
    office: Vec<RawOffice>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOffice {
    title: String,
    of: Option<String>,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// An office a person held.
#[derive(Debug, Clone)]
pub struct Office {
    pub title: String,
    pub of: Option<usize>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Office {
    /// Whether the office was held on `date` (an unknown bound is open).
    pub fn held_on(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }
}

/// A catalogue entry with its links resolved to indices.
#[derive(Debug, Clone)]
pub struct Entity {
    /// `kind-path/id`: the stable key its IRI is made of (see [`Entity::key`]).
    key: String,
    pub id: String,
    pub kind: Kind,
    pub label: String,
    pub aliases: Vec<String>,
    pub demonyms: Vec<String>,
    pub capital: Option<usize>,
    pub capital_of: Option<usize>,
    pub wikidata: Option<String>,
    pub located_in: Option<usize>,
    pub borders: Vec<usize>,
    pub governs: Option<usize>,
    pub operates_in: Vec<usize>,
    pub member_of: Vec<usize>,
    pub affiliation: Option<usize>,
    pub distinct_from: Vec<usize>,
    pub offices: Vec<Office>,
}

impl Entity {
    /// `kind/id`, the IRI path of the entity.
    pub fn key(&self) -> &str {
        &self.key
    }
    pub fn iri(&self) -> String {
        crate::vocab::id(self.key())
    }
}

/// How a name in the text points at an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Name,
    Demonym,
    /// The name of a state's capital: the city, or the state when the capital acts.
    Capital,
}

#[derive(Debug, Clone, Copy)]
pub struct Target {
    pub entity: usize,
    pub form: Form,
}

#[derive(Debug)]
struct Pattern {
    text: String,
    case_sensitive: bool,
    targets: Vec<Target>,
}

/// A name found in a text.
#[derive(Debug, Clone)]
pub struct NameMatch {
    pub start: usize,
    pub end: usize,
    pub targets: Vec<Target>,
}

/// The loaded catalogue.
#[derive(Debug)]
pub struct Catalogue {
    pub entities: Vec<Entity>,
    by_key: HashMap<(String, Kind), usize>,
    by_id: HashMap<String, Vec<usize>>,
    patterns: Vec<Pattern>,
    /// Patterns by the hash of their first token (ASCII-lower-cased), longest first: a name
    /// starts where a token starts, so one lookup per token finds every candidate.
    by_first_token: crate::text::HashKeyed<Vec<usize>>,
}

impl Catalogue {
    /// The built-in catalogue plus user files (later entries with the same id and kind win).
    pub fn load(user_files: &[std::path::PathBuf]) -> Result<Catalogue> {
        let mut sources: Vec<(String, String)> = BUILTIN
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        for p in user_files {
            let text = std::fs::read_to_string(p).map_err(|source| Error::Io {
                path: p.clone(),
                source,
            })?;
            sources.push((p.display().to_string(), text));
        }
        Self::from_sources(&sources)
    }

    /// Build from (name, TOML) pairs.
    pub fn from_sources(sources: &[(String, String)]) -> Result<Catalogue> {
        let mut raw: Vec<(String, RawEntity)> = Vec::new();
        let mut index: HashMap<(String, Kind), usize> = HashMap::new();
        for (name, text) in sources {
            let file: RawFile = toml::from_str(text).map_err(|e| Error::toml(name, text, &e))?;
            for e in file.entity {
                if e.id.is_empty()
                    || !e
                        .id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    return Err(Error::Data {
                        path: name.clone(),
                        message: format!(
                            "entity id {:?} must be lowercase ASCII, digits and '-'",
                            e.id
                        ),
                    });
                }
                let k = (e.id.clone(), e.kind);
                match index.get(&k) {
                    Some(&i) => raw[i] = (name.clone(), e),
                    None => {
                        index.insert(k, raw.len());
                        raw.push((name.clone(), e));
                    }
                }
            }
        }
        let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, (_, e)) in raw.iter().enumerate() {
            by_id.entry(e.id.clone()).or_default().push(i);
        }
        let resolve = |file: &str, id: &str, want: &dyn Fn(Kind) -> bool| -> Result<usize> {
            by_id
                .get(id)
                .and_then(|v| v.iter().copied().find(|&i| want(raw[i].1.kind)))
                .ok_or_else(|| Error::Data {
                    path: file.to_string(),
                    message: format!("unknown entity id {id:?}"),
                })
        };
        let any = |_: Kind| true;
        let place = |k: Kind| k.is_place();
        let mut entities = Vec::with_capacity(raw.len());
        for (file, e) in &raw {
            let date = |s: &str| -> Result<Option<NaiveDate>> {
                parse_loose_date(s, true).map_err(|m| Error::Data {
                    path: file.clone(),
                    message: format!("{}: {m}", e.id),
                })
            };
            let mut offices = Vec::new();
            for o in &e.office {
                offices.push(Office {
                    title: o.title.clone(),
                    of: match &o.of {
                        Some(id) => Some(resolve(file, id, &any)?),
                        None => None,
                    },
                    from: date(&o.from)?,
                    to: parse_loose_date(&o.to, false).map_err(|m| Error::Data {
                        path: file.clone(),
                        message: format!("{}: {m}", e.id),
                    })?,
                });
            }
            let opt = |id: &Option<String>, want: &dyn Fn(Kind) -> bool| -> Result<Option<usize>> {
                match id {
                    Some(id) if !id.is_empty() => resolve(file, id, want).map(Some),
                    _ => Ok(None),
                }
            };
            let many = |ids: &[String], want: &dyn Fn(Kind) -> bool| -> Result<Vec<usize>> {
                ids.iter().map(|id| resolve(file, id, want)).collect()
            };
            entities.push(Entity {
                key: format!("{}/{}", e.kind.path(), e.id),
                id: e.id.clone(),
                kind: e.kind,
                label: e.label.clone(),
                aliases: e.aliases.clone(),
                demonyms: e.demonyms.clone(),
                capital: opt(&e.capital, &|k| k == Kind::City)?,
                capital_of: None,
                wikidata: e.wikidata.clone().filter(|w| !w.is_empty()),
                located_in: opt(&e.located_in, &place)?,
                borders: many(&e.borders, &place)?,
                governs: opt(&e.governs, &|k| k == Kind::State)?,
                operates_in: many(&e.operates_in, &place)?,
                member_of: many(&e.member_of, &any)?,
                affiliation: opt(&e.affiliation, &any)?,
                distinct_from: many(&e.distinct_from, &|k| k == Kind::Person)?,
                offices,
            });
        }
        for i in 0..entities.len() {
            if let Some(c) = entities[i].capital {
                entities[c].capital_of = Some(i);
            }
        }
        // name patterns
        let mut pattern_index: HashMap<(String, bool), usize> = HashMap::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut add = |text: &str, entity: usize, form: Form| {
            let text = text.trim();
            if text.chars().count() < 2 {
                return;
            }
            let case_sensitive = is_acronym(text);
            let key = if case_sensitive {
                (text.to_string(), true)
            } else {
                (text.to_ascii_lowercase(), false)
            };
            let pi = *pattern_index.entry(key.clone()).or_insert_with(|| {
                patterns.push(Pattern {
                    text: text.to_string(),
                    case_sensitive,
                    targets: Vec::new(),
                });
                patterns.len() - 1
            });
            let p = &mut patterns[pi];
            if !p
                .targets
                .iter()
                .any(|t| t.entity == entity && t.form == form)
            {
                p.targets.push(Target { entity, form });
            }
        };
        for (i, e) in entities.iter().enumerate() {
            let form = if e.capital_of.is_some() {
                Form::Capital
            } else {
                Form::Name
            };
            add(&e.label, i, form);
            for a in &e.aliases {
                add(a, i, form);
            }
            for d in &e.demonyms {
                add(d, i, Form::Demonym);
            }
        }
        let mut by_first_token: crate::text::HashKeyed<Vec<usize>> = Default::default();
        for (pi, p) in patterns.iter().enumerate() {
            if let Some(first) = tokenize(&p.text).first() {
                by_first_token
                    .entry(first_token_key(&p.text[first.start..first.end]))
                    .or_default()
                    .push(pi);
            }
        }
        for v in by_first_token.values_mut() {
            // longest first; among names of one length, the first loaded
            v.sort_by_key(|&pi| (std::cmp::Reverse(patterns[pi].text.len()), pi));
        }
        let mut by_key = HashMap::new();
        for (i, e) in entities.iter().enumerate() {
            by_key.insert((e.id.clone(), e.kind), i);
        }
        let mut by_id2: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in entities.iter().enumerate() {
            by_id2.entry(e.id.clone()).or_default().push(i);
        }
        Ok(Catalogue {
            entities,
            by_key,
            by_id: by_id2,
            patterns,
            by_first_token,
        })
    }

    pub fn get(&self, id: &str, kind: Kind) -> Option<usize> {
        self.by_key.get(&(id.to_string(), kind)).copied()
    }

    /// Any entity with this id.
    pub fn by_id(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).and_then(|v| v.first().copied())
    }

    /// Every catalogue name in `text` at word boundaries, leftmost-longest, non-overlapping.
    pub fn find(&self, text: &str) -> Vec<NameMatch> {
        self.find_in(text, &tokenize(text))
    }

    /// [`Catalogue::find`] over the text's tokens (as [`tokenize`] makes them).
    ///
    /// A name starts where a token starts, so each token asks the index for the names whose
    /// first token it is; the longest that matches the text (ASCII case-insensitively), is a
    /// whole word and passes its case rule wins, and the scan goes on after it.
    pub fn find_in(&self, text: &str, toks: &[Token]) -> Vec<NameMatch> {
        let mut out = Vec::new();
        let mut pos = 0;
        for t in toks {
            if t.start < pos || !boundary_before(text, t.start) {
                continue;
            }
            let raw = &text[t.start..t.end];
            // an ASCII token's lower case is its ASCII lower case: its hash is the key
            let key = if raw.is_ascii() {
                t.hash
            } else {
                first_token_key(raw)
            };
            let Some(cands) = self.by_first_token.get(&key) else {
                continue;
            };
            let rest = &text.as_bytes()[t.start..];
            let found = cands.iter().copied().find(|&pi| {
                let p = self.patterns[pi].text.as_bytes();
                let e = t.start + p.len();
                rest.len() >= p.len()
                    && rest[..p.len()].eq_ignore_ascii_case(p)
                    && text.is_char_boundary(e)
                    && self.valid(text, t.start, e, pi)
            });
            if let Some(pi) = found {
                let e = t.start + self.patterns[pi].text.len();
                out.push(NameMatch {
                    start: t.start,
                    end: e,
                    targets: self.patterns[pi].targets.clone(),
                });
                pos = e;
            }
        }
        out
    }

    /// A name at `s..e` of pattern `p` that is a whole word and passes its case rule.
    fn valid(&self, text: &str, s: usize, e: usize, p: usize) -> bool {
        let pat = &self.patterns[p];
        // a name written all in lower case ("military's media wing") is a description that
        // running text writes so too; any other needs a capital in the text ("Afghan", not
        // "afghan")
        let case_ok = if pat.case_sensitive {
            text[s..e] == *pat.text
        } else {
            case_compatible(&text[s..e]) || !case_compatible(&pat.text)
        };
        case_ok && boundary_after(text, e)
    }

    /// The state a place lies in (following `located_in`), if any.
    pub fn state_of(&self, mut i: usize) -> Option<usize> {
        for _ in 0..8 {
            let e = &self.entities[i];
            if e.kind == Kind::State {
                return Some(i);
            }
            i = e.located_in?;
        }
        None
    }

    /// The state an armed group or organisation belongs to: governed state, affiliation,
    /// or where it operates.
    pub fn home_state(&self, i: usize) -> Option<usize> {
        let e = &self.entities[i];
        if e.kind == Kind::State {
            return Some(i);
        }
        if let Some(g) = e.governs {
            return Some(g);
        }
        if let Some(a) = e.affiliation {
            if let Some(s) = self.state_of(a).or_else(|| self.home_state_shallow(a)) {
                return Some(s);
            }
        }
        e.operates_in.iter().find_map(|&p| self.state_of(p))
    }

    fn home_state_shallow(&self, i: usize) -> Option<usize> {
        let e = &self.entities[i];
        e.governs
            .or_else(|| e.operates_in.iter().find_map(|&p| self.state_of(p)))
    }
}

/// A name written in capitals and digits only (TTP, UN, M23): matched case-sensitively.
pub fn is_acronym(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty()
        && letters.iter().all(|c| c.is_uppercase())
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '&'))
        && s.chars().count() <= 8
}

/// A case-insensitive match must not be all lower case if the name is a proper name: names
/// in running text are capitalised, so "chad" or "georgia" in lower case are not the states.
/// The index key of a first token: the hash of its ASCII-lower-cased text (as [`Token::hash`]
/// for ASCII words, whose lower case is the same).
fn first_token_key(raw: &str) -> u64 {
    crate::text::word_hash(&raw.to_ascii_lowercase())
}

fn case_compatible(found: &str) -> bool {
    found.chars().any(|c| c.is_uppercase())
}

fn boundary_before(text: &str, s: usize) -> bool {
    text[..s]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

fn boundary_after(text: &str, e: usize) -> bool {
    text[e..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (a lower bound takes the first day, an upper the last);
/// empty is open.
pub fn parse_loose_date(s: &str, lower: bool) -> std::result::Result<Option<NaiveDate>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| format!("bad date {s:?}"));
    let d = match parts.as_slice() {
        [y] => {
            let y = num(y)? as i32;
            if lower {
                NaiveDate::from_ymd_opt(y, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(y, 12, 31)
            }
        }
        [y, m] => {
            let (y, m) = (num(y)? as i32, num(m)?);
            if lower {
                NaiveDate::from_ymd_opt(y, m, 1)
            } else {
                let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                NaiveDate::from_ymd_opt(ny, nm, 1).and_then(|d| d.pred_opt())
            }
        }
        [y, m, d] => NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?),
        _ => None,
    };
    d.map(Some).ok_or_else(|| format!("bad date {s:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat() -> Catalogue {
        let t = r#"
[[entity]]
id = "pakistan"
type = "State"
label = "Pakistan"
demonyms = ["Pakistani", "Pakistanis"]
capital = "islamabad"
[[entity]]
id = "islamabad"
type = "City"
label = "Islamabad"
located_in = "pakistan"
[[entity]]
id = "ttp"
type = "ArmedGroup"
label = "Tehrik-i-Taliban Pakistan"
aliases = ["TTP", "Pakistani Taliban"]
[[entity]]
id = "united-states"
type = "State"
label = "United States"
aliases = ["US", "U.S."]
"#;
        Catalogue::from_sources(&[("t.toml".into(), t.into())]).expect("loads")
    }

    fn names(c: &Catalogue, text: &str) -> Vec<String> {
        c.find(text)
            .iter()
            .map(|m| text[m.start..m.end].to_string())
            .collect()
    }

    #[test]
    fn longest_match_wins_and_acronyms_are_case_sensitive() {
        let c = cat();
        assert_eq!(
            names(
                &c,
                "The Pakistani Taliban and Pakistan’s army; the TTP, not ttp. Tell us, US envoy."
            ),
            ["Pakistani Taliban", "Pakistan", "TTP", "US"]
        );
    }

    #[test]
    fn a_name_written_in_lower_case_matches_lower_case_text() {
        let t = "[[entity]]\nid = \"ispr\"\ntype = \"Organization\"\nlabel = \"ISPR\"\n\
                 aliases = [\"military's media wing\"]\n";
        let c = Catalogue::from_sources(&[("t.toml".into(), t.into())]).expect("loads");
        assert_eq!(
            names(&c, "Troops killed seven, the military's media wing said."),
            ["military's media wing"]
        );
        // a capitalised name still needs a capital in the text
        assert!(names(&cat(), "the pakistani side and islamabad").is_empty());
    }

    #[test]
    fn word_boundaries_and_hyphens() {
        let c = cat();
        assert_eq!(
            names(&c, "Pakistanistan; US-led; U.S. forces; Islamabad-based"),
            ["US", "U.S.", "Islamabad"]
        );
    }

    #[test]
    fn capitals_know_their_state() {
        let c = cat();
        let isl = c.get("islamabad", Kind::City).expect("city");
        let pk = c.get("pakistan", Kind::State).expect("state");
        assert_eq!(c.entities[isl].capital_of, Some(pk));
        assert_eq!(c.state_of(isl), Some(pk));
    }

    #[test]
    fn builtin_catalogue_loads() {
        let c = Catalogue::load(&[]).expect("built-in catalogue loads");
        assert!(c.entities.len() > 500, "{}", c.entities.len());
        assert!(c.get("pakistan", Kind::State).is_some());
    }

    #[test]
    fn bad_toml_names_file_and_line() {
        let e = Catalogue::from_sources(&[(
            "u.toml".into(),
            "[[entity]]\nid = \"x\"\ntype = \"Nope\"\nlabel = \"X\"\n".into(),
        )])
        .expect_err("bad type");
        assert!(e.to_string().starts_with("u.toml:3:"), "{e}");
    }
}
