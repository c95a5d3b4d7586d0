//! A deterministic corpus generator for benchmarks.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --docs 10000 --out /tmp/ckg-corpus10k [--seed 7]
//! ```
//!
//! Every document is built from the sentences of the example articles in `examples/articles`:
//! runs of two or three consecutive sentences of one article make a paragraph, paragraphs are
//! added until the body is about 4 KB, and every catalogue name in them is replaced by the name
//! of another catalogue entry of the same kind (a state's demonym by another state's demonym, a
//! capital by another capital), consistently within a document. Each file starts with a
//! `title:` / `source:` / `published:` block closed by `---`. The sentences are therefore NOT
//! true: the corpus measures speed, nothing else. The same `--docs` and `--seed` always give
//! the same bytes.
//!
//! The benchmarks (`benches/pipeline.rs`) include this file as a module and call [`generate`].
#![allow(dead_code)]

use conflictkg::catalogue::{is_acronym, Catalogue, Form, Kind};
use conflictkg::document::split_metadata;
use conflictkg::sentences;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A document gets paragraphs until its body has this many bytes (about 4 KB per file).
pub const TARGET_BYTES: usize = 3500;

/// SplitMix64: small, fast, and the same on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// A piece of a sentence template: literal text, or a catalogue name to substitute.
#[derive(Debug, Clone)]
enum Piece {
    Text(String),
    Name {
        entity: usize,
        form: Form,
        /// Written as one of the entity's acronyms (TTP, RSF).
        acronym: bool,
        /// Written in capitals though the name is not an acronym (a dateline's "ISLAMABAD").
        upper: bool,
    },
}

/// A sentence of an example article, with its catalogue names marked.
#[derive(Debug, Clone)]
struct Template {
    pieces: Vec<Piece>,
}

#[derive(Debug)]
struct Article {
    title: Template,
    /// Sentences by paragraph.
    sentences: Vec<Template>,
}

/// The generator: templates from the example articles and substitution pools from the
/// catalogue.
pub struct Generator {
    articles: Vec<Article>,
    /// Entities of each kind that may stand in for a name of that kind.
    by_kind: HashMap<Kind, Vec<usize>>,
    /// The same, for entities with an acronym among their aliases.
    by_kind_acronym: HashMap<Kind, Vec<usize>>,
    /// States with a demonym.
    with_demonym: Vec<usize>,
    /// Cities that are some state's capital.
    capitals: Vec<usize>,
    cat: Catalogue,
}

fn template(cat: &Catalogue, text: &str) -> Template {
    let mut pieces = Vec::new();
    let mut at = 0;
    for m in cat.find(text) {
        let Some(t) = m.targets.first() else { continue };
        let e = &cat.entities[t.entity];
        if e.kind == Kind::Ignore
            || m.targets
                .iter()
                .any(|t| cat.entities[t.entity].kind == Kind::Ignore)
        {
            continue;
        }
        if m.start > at {
            pieces.push(Piece::Text(text[at..m.start].to_string()));
        }
        let surface = &text[m.start..m.end];
        let acronym =
            is_acronym(surface) && (e.label == surface || e.aliases.iter().any(|a| a == surface));
        let upper = !acronym
            && surface.chars().filter(|c| c.is_alphabetic()).count() > 1
            && !surface.chars().any(|c| c.is_lowercase());
        pieces.push(Piece::Name {
            entity: t.entity,
            form: t.form,
            acronym,
            upper,
        });
        at = m.end;
    }
    if at < text.len() {
        pieces.push(Piece::Text(text[at..].to_string()));
    }
    Template { pieces }
}

fn has_acronym(e: &conflictkg::catalogue::Entity) -> bool {
    e.aliases.iter().any(|a| is_acronym(a))
}

/// The directory of the example articles.
pub fn articles_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/articles")
}

impl Generator {
    /// Build from the example articles (`examples/articles/*.txt`) and the built-in catalogue.
    pub fn new() -> Generator {
        let cat = Catalogue::load(&[]).expect("built-in catalogue loads");
        let mut files: Vec<PathBuf> = std::fs::read_dir(articles_dir())
            .expect("examples/articles")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        let mut articles = Vec::new();
        for f in &files {
            let text = std::fs::read_to_string(f).expect("article is UTF-8");
            let (meta, body) = split_metadata(f, &text).expect("article metadata");
            let title = meta
                .iter()
                .find(|(_, k, _)| k == "title")
                .map(|(_, _, v)| v.clone())
                .unwrap_or_else(|| {
                    f.file_stem()
                        .map(|s| s.to_string_lossy().replace('-', " "))
                        .unwrap_or_default()
                });
            let sentences = sentences::split(body)
                .iter()
                .map(|s| template(&cat, s.text(body)))
                .collect();
            articles.push(Article {
                title: template(&cat, &title),
                sentences,
            });
        }
        let mut by_kind: HashMap<Kind, Vec<usize>> = HashMap::new();
        let mut by_kind_acronym: HashMap<Kind, Vec<usize>> = HashMap::new();
        let mut with_demonym = Vec::new();
        let mut capitals = Vec::new();
        for (i, e) in cat.entities.iter().enumerate() {
            if e.kind == Kind::Ignore {
                continue;
            }
            by_kind.entry(e.kind).or_default().push(i);
            if has_acronym(e) {
                by_kind_acronym.entry(e.kind).or_default().push(i);
            }
            if !e.demonyms.is_empty() {
                with_demonym.push(i);
            }
            if e.capital_of.is_some() {
                capitals.push(i);
            }
        }
        Generator {
            articles,
            by_kind,
            by_kind_acronym,
            with_demonym,
            capitals,
            cat,
        }
    }

    /// The replacement entity for `entity` in the current document.
    fn substitute(
        &self,
        rng: &mut Rng,
        subst: &mut HashMap<(usize, u8), usize>,
        entity: usize,
        form: Form,
    ) -> usize {
        let (pool, tag): (&[usize], u8) = match form {
            Form::Demonym => (&self.with_demonym, 1),
            Form::Capital => (&self.capitals, 2),
            Form::Name => {
                // an entity known by an acronym is replaced by one that has one too, so that
                // "Tehrik-i-Taliban Pakistan (TTP)" becomes "X (XY)", not "X (X)"
                let e = &self.cat.entities[entity];
                let pools = if has_acronym(e) {
                    &self.by_kind_acronym
                } else {
                    &self.by_kind
                };
                (pools.get(&e.kind).map_or(&[][..], |v| v.as_slice()), 0)
            }
        };
        if pool.is_empty() {
            return entity;
        }
        *subst
            .entry((entity, tag))
            .or_insert_with(|| pool[rng.below(pool.len())])
    }

    fn render(
        &self,
        t: &Template,
        rng: &mut Rng,
        subst: &mut HashMap<(usize, u8), usize>,
        out: &mut String,
    ) {
        for p in &t.pieces {
            match p {
                Piece::Text(s) => out.push_str(s),
                Piece::Name {
                    entity,
                    form,
                    acronym,
                    upper,
                } => {
                    let r = self.substitute(rng, subst, *entity, *form);
                    let e = &self.cat.entities[r];
                    let name = match form {
                        Form::Demonym if !e.demonyms.is_empty() => e.demonyms[0].as_str(),
                        _ if *acronym => e
                            .aliases
                            .iter()
                            .find(|a| is_acronym(a))
                            .unwrap_or(&e.label)
                            .as_str(),
                        _ => e.label.as_str(),
                    };
                    if *upper {
                        out.push_str(&name.to_uppercase());
                    } else {
                        out.push_str(name);
                    }
                }
            }
        }
    }

    /// Document number `n` of the corpus with this seed: the whole file's text.
    pub fn document(&self, seed: u64, n: usize) -> String {
        let mut rng = Rng::new(seed.wrapping_mul(1_000_003).wrapping_add(n as u64));
        let mut subst = HashMap::new();
        let home = &self.articles[rng.below(self.articles.len())];
        let mut title = String::new();
        self.render(&home.title, &mut rng, &mut subst, &mut title);
        let day = rng.below(730) as i64;
        let date = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("date")
            + chrono::Duration::days(day);
        let mut body = String::new();
        // the opening paragraph comes from the home article (with its dateline)
        let mut first = true;
        while body.len() < TARGET_BYTES {
            let a = if first {
                home
            } else {
                &self.articles[rng.below(self.articles.len())]
            };
            let len = 2 + rng.below(2);
            // later paragraphs never start at an article's first sentence (its dateline)
            let start = if first {
                0
            } else {
                1 + rng.below(a.sentences.len().saturating_sub(len + 1).max(1))
            };
            first = false;
            let mut para = String::new();
            for s in a.sentences.iter().skip(start).take(len) {
                if !para.is_empty() {
                    para.push(' ');
                }
                self.render(s, &mut rng, &mut subst, &mut para);
            }
            if !body.is_empty() {
                body.push_str("\n\n");
            }
            body.push_str(&para);
        }
        format!(
            "title: {title}\nsource: conflictkg gen_corpus seed {seed} document {n}\npublished: {date}\n---\n{body}\n"
        )
    }

    /// The file name of document `n`.
    pub fn file_name(n: usize) -> String {
        format!("doc-{n:06}.txt")
    }
}

impl Default for Generator {
    fn default() -> Self {
        Generator::new()
    }
}

/// Write `docs` documents to `out` (created if needed). Returns the bytes written.
pub fn generate(docs: usize, out: &Path, seed: u64) -> std::io::Result<u64> {
    let g = Generator::new();
    std::fs::create_dir_all(out)?;
    let mut bytes = 0u64;
    for n in 0..docs {
        let text = g.document(seed, n);
        bytes += text.len() as u64;
        std::fs::write(out.join(Generator::file_name(n)), text)?;
    }
    Ok(bytes)
}

fn usage() -> ! {
    eprintln!("usage: gen_corpus --docs N --out DIR [--seed S]");
    std::process::exit(2)
}

fn main() {
    let mut docs: Option<usize> = None;
    let mut out: Option<PathBuf> = None;
    let mut seed: u64 = 1;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--docs" => docs = Some(value().parse().unwrap_or_else(|_| usage())),
            "--out" => out = Some(PathBuf::from(value())),
            "--seed" => seed = value().parse().unwrap_or_else(|_| usage()),
            "-h" | "--help" => usage(),
            _ => usage(),
        }
    }
    let (Some(docs), Some(out)) = (docs, out) else {
        usage()
    };
    let started = std::time::Instant::now();
    match generate(docs, &out, seed) {
        Ok(bytes) => eprintln!(
            "{docs} documents, {:.1} MB written to {} in {:.1} s",
            bytes as f64 / 1e6,
            out.display(),
            started.elapsed().as_secs_f64()
        ),
        Err(e) => {
            eprintln!("gen_corpus: {}: {e}", out.display());
            std::process::exit(2);
        }
    }
}
