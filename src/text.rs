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
    /// [`word_hash`] of `lower`, computed once so that phrase-set lookups never hash.
    pub hash: u64,
    /// The phrase-set filter slot of `hash`, computed once with it.
    pub slot: u16,
}

impl Token {
    /// Replace the lower-case form (and its hash).
    pub fn set_lower(&mut self, lower: &str) {
        self.lower = lower.to_string();
        self.hash = word_hash(lower);
        self.slot = filter_slot(self.hash);
    }

    fn new(start: usize, end: usize, lower: String, kind: TokKind, cap: bool) -> Token {
        let hash = word_hash(&lower);
        Token {
            start,
            end,
            lower,
            kind,
            cap,
            hash,
            slot: filter_slot(hash),
        }
    }
}

/// The hash phrase sets key their first words by (see [`WordHasher`]).
#[inline]
pub fn word_hash(word: &str) -> u64 {
    let mut h = WordHasher::default();
    h.write(word.as_bytes());
    h.finish()
}

/// Lower case of a word: a plain byte copy when it is ASCII (most words).
#[inline]
fn lower_of(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.to_lowercase()
    }
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
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut it = text.char_indices().peekable();
    while let Some((b, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_ascii_digit() {
            // digits, with "," or "." between digits ("2,570", "3.5")
            let mut e = b + 1;
            loop {
                match it.peek() {
                    Some(&(_, d)) if d.is_ascii_digit() => {
                        it.next();
                        e += 1;
                    }
                    Some(&(j, ',' | '.'))
                        if text[j + 1..].starts_with(|x: char| x.is_ascii_digit()) =>
                    {
                        it.next();
                        it.next();
                        e = j + 2;
                    }
                    _ => break,
                }
            }
            // "M23"-like words start with a letter; "23rd", "48-hour" stay numbers + suffix
            let digits_end = e;
            while let Some(&(j, d)) = it.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                it.next();
                e = j + d.len_utf8();
            }
            let kind = if e > digits_end {
                TokKind::Word
            } else {
                TokKind::Number
            };
            out.push(Token::new(b, e, lower_of(&text[b..e]), kind, false));
            continue;
        }
        if c.is_alphanumeric() {
            let mut e = b + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if !d.is_alphanumeric() {
                    break;
                }
                it.next();
                e = j + d.len_utf8();
            }
            out.push(Token::new(
                b,
                e,
                lower_of(&text[b..e]),
                TokKind::Word,
                c.is_uppercase(),
            ));
            continue;
        }
        if (c == '\'' || c == '’')
            && !out.is_empty()
            && it.peek().is_some_and(|&(_, d)| d.is_alphabetic())
        {
            // apostrophe suffix: 's, 't, 're, 've, 'll, 'd
            let rest = &text[b + c.len_utf8()..];
            let n = rest
                .find(|d: char| !d.is_alphabetic())
                .unwrap_or(rest.len());
            let suffix = format!("'{}", rest[..n].to_lowercase());
            if matches!(
                suffix.as_str(),
                "'s" | "'t" | "'re" | "'ve" | "'ll" | "'d" | "'m"
            ) {
                let e = b + c.len_utf8() + n;
                while it.peek().is_some_and(|&(j, _)| j < e) {
                    it.next();
                }
                out.push(Token::new(b, e, suffix, TokKind::Word, false));
                continue;
            }
            // an apostrophe inside a name ("Sing'oei", "O'Brien", "Sana'a", "Hay'at"): one word
            if let Some(prev) = out
                .last_mut()
                .filter(|t| t.kind == TokKind::Word && t.end == b)
            {
                let e = b + c.len_utf8() + n;
                while it.peek().is_some_and(|&(j, _)| j < e) {
                    it.next();
                }
                let mut lower = lower_of(&text[prev.start..b]);
                lower.push('\'');
                lower.push_str(&lower_of(&rest[..n]));
                *prev = Token::new(prev.start, e, lower, TokKind::Word, prev.cap);
                continue;
            }
        }
        let e = b + c.len_utf8();
        out.push(Token::new(
            b,
            e,
            norm_char(c).to_string(),
            TokKind::Punct,
            false,
        ));
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

/// Hashes that are already hashes: the identity, for maps keyed by [`word_hash`].
#[derive(Debug, Default, Clone, Copy)]
pub struct PreHashed(u64);

/// A map keyed by [`word_hash`] values.
pub type HashKeyed<V> = HashMap<u64, V, BuildHasherDefault<PreHashed>>;

impl Hasher for PreHashed {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Phrases by their first word's hash, each phrase a list of (word hash, word).
type PhraseMap = HashMap<u64, Vec<Vec<(u64, String)>>, BuildHasherDefault<PreHashed>>;

/// Bits of the first-word filter (a one-hash Bloom filter over first-word hashes).
const FILTER_BITS: usize = 1024;

/// A set of phrases (token sequences), matched case-insensitively at a token position.
///
/// Most lookups miss (a phrase set is asked about every token of a sentence), so a miss is
/// decided by one bit of a filter over the first words' hashes, which every token carries
/// ([`Token::hash`]): no hashing, no string comparison.
#[derive(Debug, Default, Clone)]
pub struct PhraseSet {
    /// First word's hash → phrases (longest first), each word with its hash.
    by_first: PhraseMap,
    /// One bit per `hash % FILTER_BITS` of a first word (all zero for an empty set), inline so
    /// that a miss costs one load.
    first_filter: [u64; FILTER_BITS / 64],
    pub max_len: usize,
}

/// The filter slot of a word hash (also kept in [`Token::slot`]).
#[inline]
fn filter_slot(hash: u64) -> u16 {
    ((hash >> 40) as usize % FILTER_BITS) as u16
}

#[inline]
fn filter_bit(slot: u16) -> (usize, u64) {
    (slot as usize / 64, 1u64 << (slot % 64))
}

impl PhraseSet {
    pub fn new<S: AsRef<str>>(phrases: &[S]) -> PhraseSet {
        let mut by_first = PhraseMap::default();
        let mut max_len = 0;
        for p in phrases {
            let toks: Vec<(u64, String)> = tokenize(&p.as_ref().to_lowercase())
                .into_iter()
                .map(|t| (t.hash, t.lower))
                .collect();
            if toks.is_empty() {
                continue;
            }
            max_len = max_len.max(toks.len());
            by_first.entry(toks[0].0).or_default().push(toks);
        }
        for v in by_first.values_mut() {
            // longest first; equal lengths in a fixed order (the phrases' own)
            v.sort_by_key(|p| std::cmp::Reverse(p.len()));
            v.dedup();
        }
        let mut first_filter = [0u64; FILTER_BITS / 64];
        for &h in by_first.keys() {
            let (w, bit) = filter_bit(filter_slot(h));
            first_filter[w] |= bit;
        }
        PhraseSet {
            by_first,
            first_filter,
            max_len,
        }
    }

    /// The union of several sets (for a quick "can any of these match here?").
    pub fn union(sets: &[&PhraseSet]) -> PhraseSet {
        let mut out = PhraseSet::default();
        for set in sets {
            for (h, v) in &set.by_first {
                out.by_first
                    .entry(*h)
                    .or_default()
                    .extend(v.iter().cloned());
            }
            out.max_len = out.max_len.max(set.max_len);
        }
        for v in out.by_first.values_mut() {
            v.sort_by_key(|p| std::cmp::Reverse(p.len()));
            v.dedup();
        }
        for &h in out.by_first.keys() {
            let (w, bit) = filter_bit(filter_slot(h));
            out.first_filter[w] |= bit;
        }
        out
    }

    /// Whether some phrase may start at this token (no false negatives; false positives are
    /// rare).
    #[inline]
    pub fn may_start_at(&self, t: &Token) -> bool {
        let (w, bit) = filter_bit(t.slot);
        self.first_filter[w] & bit != 0
    }

    /// Whether some phrase may start with a word of this hash (no false negatives).
    #[inline]
    fn may_start(&self, hash: u64) -> bool {
        let (w, bit) = filter_bit(filter_slot(hash));
        self.first_filter[w] & bit != 0
    }

    /// Length in tokens of the longest phrase starting at `i`.
    ///
    /// The filter is inlined into the callers (the rules ask about every token); only
    /// likely hits pay for the call and the lookup.
    #[inline]
    pub fn match_at(&self, toks: &[Token], i: usize) -> Option<usize> {
        let first = toks.get(i)?;
        if !self.may_start_at(first) {
            return None;
        }
        self.match_candidates(toks, i)
    }

    #[inline(never)]
    fn match_candidates(&self, toks: &[Token], i: usize) -> Option<usize> {
        let cands = self.by_first.get(&toks[i].hash)?;
        cands
            .iter()
            .find(|p| {
                p.len() <= toks.len() - i
                    && p.iter()
                        .zip(&toks[i..])
                        .all(|((h, w), t)| *h == t.hash && *w == t.lower)
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
        let h = word_hash(word);
        self.may_start(h)
            && self
                .by_first
                .get(&h)
                .is_some_and(|v| v.iter().any(|p| p.len() == 1 && p[0].1 == word))
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
    fn an_apostrophe_inside_a_name_keeps_the_name_whole() {
        assert_eq!(
            lowers("Korir Sing’oei and O'Brien left Sana'a; the soldiers' 'quiet' week"),
            [
                "korir", "sing'oei", "and", "o'brien", "left", "sana'a", ";", "the", "soldiers",
                "'", "'", "quiet", "'", "week"
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
