//! Tokens with byte offsets, and sets of word phrases matched over them.
//!
//! Tokens are words, numbers and single punctuation marks. A word keeps internal letters and
//! digits; hyphens and dashes are tokens of their own (so "Rwandan-backed" is three tokens and
//! "Pakistan–Afghanistan border" four); an apostrophe suffix ("’s", "'t") is one token.
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone)]
pub struct Token {
    /// Byte offsets in the tokenised text.
    pub start: usize,
    pub end: usize,
    /// Lower case, with curly apostrophes and dashes normalised.
    pub lower: String,
    pub kind: TokKind,
    /// Starts with an upper-case letter.
    pub cap: bool,
}

fn norm_char(c: char) -> char {
    match c {
        '’' | '‘' | '`' => '\'',
        '–' | '—' | '‑' | '‐' => '-',
        _ => c,
    }
}

/// Tokenise a text.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let end_of = |k: usize| if k < n { chars[k].0 } else { text.len() };
    let mut i = 0;
    while i < n {
        let (b, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let mut j = i + 1;
            while j < n {
                let d = chars[j].1;
                if d.is_ascii_digit() {
                    j += 1;
                } else if (d == ',' || d == '.') && j + 1 < n && chars[j + 1].1.is_ascii_digit() {
                    j += 2;
                } else {
                    break;
                }
            }
            // "M23"-like words start with a letter; "23rd", "48-hour" stay numbers + suffix
            let mut k = j;
            while k < n && chars[k].1.is_alphabetic() {
                k += 1;
            }
            let kind = if k > j {
                TokKind::Word
            } else {
                TokKind::Number
            };
            let e = end_of(k);
            out.push(Token {
                start: b,
                end: e,
                lower: text[b..e].to_lowercase(),
                kind,
                cap: false,
            });
            i = k;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < n && chars[j].1.is_alphanumeric() {
                j += 1;
            }
            let e = end_of(j);
            out.push(Token {
                start: b,
                end: e,
                lower: text[b..e].to_lowercase(),
                kind: TokKind::Word,
                cap: c.is_uppercase(),
            });
            i = j;
            continue;
        }
        if (c == '\'' || c == '’') && i + 1 < n && chars[i + 1].1.is_alphabetic() && !out.is_empty()
        {
            // apostrophe suffix: 's, 't, 're, 've, 'll, 'd
            let mut j = i + 1;
            while j < n && chars[j].1.is_alphabetic() {
                j += 1;
            }
            let e = end_of(j);
            let suffix: String = text[b..e]
                .chars()
                .map(norm_char)
                .collect::<String>()
                .to_lowercase();
            if matches!(
                suffix.as_str(),
                "'s" | "'t" | "'re" | "'ve" | "'ll" | "'d" | "'m"
            ) {
                out.push(Token {
                    start: b,
                    end: e,
                    lower: suffix,
                    kind: TokKind::Word,
                    cap: false,
                });
                i = j;
                continue;
            }
        }
        let e = end_of(i + 1);
        out.push(Token {
            start: b,
            end: e,
            lower: norm_char(c).to_string(),
            kind: TokKind::Punct,
            cap: false,
        });
        i += 1;
    }
    out
}

/// A fast, non-cryptographic hasher for the short words phrase sets are keyed by (the
/// multiply-rotate scheme of rustc's FxHash). Phrase sets are built from the rules, never from
/// untrusted keys, so hash flooding is not a concern.
#[derive(Debug, Default, Clone, Copy)]
pub struct WordHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl WordHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

type WordMap<V> = HashMap<String, V, BuildHasherDefault<WordHasher>>;

/// A set of phrases (token sequences), matched case-insensitively at a token position.
///
/// Most lookups miss (a phrase set is asked about every token of a sentence), so a miss is
/// decided first by a filter on the first word's first byte and length, without hashing.
#[derive(Debug, Default, Clone)]
pub struct PhraseSet {
    by_first: WordMap<Vec<Vec<String>>>,
    /// Per first byte of a first word: one bit per word length in bytes (bit 63: 63 or more).
    /// Empty for an empty set.
    first_filter: Vec<u64>,
    pub max_len: usize,
}

#[inline]
fn length_bit(len: usize) -> u64 {
    1u64 << len.min(63)
}

impl PhraseSet {
    pub fn new<S: AsRef<str>>(phrases: &[S]) -> PhraseSet {
        let mut by_first: WordMap<Vec<Vec<String>>> = WordMap::default();
        let mut max_len = 0;
        for p in phrases {
            let toks: Vec<String> = tokenize(&p.as_ref().to_lowercase())
                .into_iter()
                .map(|t| t.lower)
                .collect();
            if toks.is_empty() {
                continue;
            }
            max_len = max_len.max(toks.len());
            by_first.entry(toks[0].clone()).or_default().push(toks);
        }
        for v in by_first.values_mut() {
            v.sort_by_key(|p| std::cmp::Reverse(p.len()));
            v.dedup();
        }
        let mut first_filter = Vec::new();
        if !by_first.is_empty() {
            first_filter = vec![0u64; 256];
            for w in by_first.keys() {
                if let Some(&b) = w.as_bytes().first() {
                    first_filter[b as usize] |= length_bit(w.len());
                }
            }
        }
        PhraseSet {
            by_first,
            first_filter,
            max_len,
        }
    }

    /// Whether some phrase may start with `word` (no false negatives).
    #[inline]
    fn may_start(&self, word: &str) -> bool {
        word.as_bytes().first().is_some_and(|&b| {
            self.first_filter
                .get(b as usize)
                .is_some_and(|m| m & length_bit(word.len()) != 0)
        })
    }

    /// Length in tokens of the longest phrase starting at `i`.
    ///
    /// The filter is inlined into the callers (the rules ask about every token); only
    /// likely hits pay for the call and the hash lookup.
    #[inline]
    pub fn match_at(&self, toks: &[Token], i: usize) -> Option<usize> {
        let first = toks.get(i)?;
        if !self.may_start(&first.lower) {
            return None;
        }
        self.match_candidates(toks, i)
    }

    #[inline(never)]
    fn match_candidates(&self, toks: &[Token], i: usize) -> Option<usize> {
        let cands = self.by_first.get(toks[i].lower.as_str())?;
        cands
            .iter()
            .find(|p| {
                p.len() <= toks.len() - i && p.iter().zip(&toks[i..]).all(|(w, t)| *w == t.lower)
            })
            .map(|p| p.len())
    }

    /// Whether a phrase ends exactly at token `end` (exclusive); returns its start.
    pub fn match_ending(&self, toks: &[Token], end: usize) -> Option<usize> {
        (1..=self.max_len.min(end))
            .rev()
            .map(|l| end - l)
            .find(|&s| self.match_at(toks, s) == Some(end - s))
    }

    /// Whether a phrase starts anywhere in `from..to`.
    pub fn any_in(&self, toks: &[Token], from: usize, to: usize) -> Option<usize> {
        (from..to.min(toks.len())).find(|&i| self.match_at(toks, i).is_some())
    }

    pub fn contains_word(&self, word: &str) -> bool {
        self.may_start(word)
            && self
                .by_first
                .get(word)
                .is_some_and(|v| v.iter().any(|p| p.len() == 1))
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lowers(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.lower).collect()
    }

    #[test]
    fn tokens_split_hyphens_possessives_and_keep_numbers() {
        assert_eq!(
            lowers("Pakistan’s Rwandan-backed M23 killed 2,570 people, didn't they?"),
            [
                "pakistan", "'s", "rwandan", "-", "backed", "m23", "killed", "2,570", "people",
                ",", "didn", "'t", "they", "?"
            ]
        );
    }

    #[test]
    fn offsets_slice_back() {
        let s = "Türkiye’s envoy — in Doha.";
        for t in tokenize(s) {
            assert!(!s[t.start..t.end].is_empty());
        }
    }

    #[test]
    fn phrases_match_longest() {
        let set = PhraseSet::new(&["talks", "peace talks", "cross-border airstrikes"]);
        let toks = tokenize("the peace talks and cross-border airstrikes");
        assert_eq!(set.match_at(&toks, 1), Some(2));
        assert_eq!(set.match_at(&toks, 2), Some(1));
        assert_eq!(set.match_at(&toks, 4), Some(4));
        assert_eq!(set.match_ending(&toks, 3), Some(1));
    }

    #[test]
    fn the_first_word_filter_has_no_false_negatives() {
        let long = "a".repeat(70);
        let set = PhraseSet::new(&[long.as_str(), "Ürümqi talks", "über", "x"]);
        let toks = tokenize(&format!("{long} ürümqi talks über x y aa"));
        assert_eq!(set.match_at(&toks, 0), Some(1));
        assert_eq!(set.match_at(&toks, 1), Some(2));
        assert_eq!(set.match_at(&toks, 3), Some(1));
        assert_eq!(set.match_at(&toks, 4), Some(1));
        assert_eq!(set.match_at(&toks, 5), None);
        assert_eq!(set.match_at(&toks, 6), None);
        assert!(
            set.contains_word("über") && set.contains_word("x") && !set.contains_word("ürümqi")
        );
        let empty = PhraseSet::default();
        assert_eq!(empty.match_at(&toks, 0), None);
        assert!(!empty.contains_word("x") && empty.is_empty());
    }
}
