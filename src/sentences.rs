//! Sentence segmentation with exact offsets.
//!
//! Every sentence carries its span in the body twice: in bytes (for slicing in Rust) and in
//! Unicode scalar values (what the graph records, so that `body[start..end]` is the sentence in
//! any language). Abbreviations (U.S., Gen., Dr., No.), initials, decimals, closing quotes and
//! line-wrapped text do not end a sentence; a blank line, or a line break after a sentence's
//! final punctuation, ends a paragraph.

/// A sentence of a document body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub byte_start: usize,
    pub byte_end: usize,
    /// Offsets in Unicode scalar values, end exclusive.
    pub start: usize,
    pub end: usize,
    /// Index of the paragraph the sentence belongs to.
    pub paragraph: usize,
}

impl Sentence {
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        &body[self.byte_start..self.byte_end]
    }
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "adm",
    "brig", "cmdr", "gov", "sen", "rep", "rev", "st", "no", "nos", "vs", "v", "etc", "e.g", "i.e",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc",
    "ltd", "co", "corp", "jr", "sr", "mt", "ft", "approx", "est", "dept", "fig", "al", "u.s",
    "u.k", "u.n", "a.k.a", "aka", "lit", "abbr", "pres", "hon", "amb", "govt", "min",
];

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// The end of a citation mark ("[1]", "[12]", "[a]", "[citation needed]") starting at `j`.
fn citation_mark_end(chars: &[(usize, char)], j: usize) -> Option<usize> {
    if chars.get(j)?.1 != '[' {
        return None;
    }
    let close = (j + 1..(j + 20).min(chars.len())).find(|&k| chars[k].1 == ']')?;
    let inner = &chars[j + 1..close];
    let ok = !inner.is_empty()
        && inner
            .iter()
            .all(|&(_, c)| c.is_alphanumeric() || c == ' ' || c == ',');
    ok.then_some(close + 1)
}

/// Split a body into sentences.
pub fn split(body: &str) -> Vec<Sentence> {
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(body.len());
    chars.extend(body.char_indices());
    let n = chars.len();
    let mut out = Vec::new();
    let mut start = 0usize; // char index
    let mut paragraph = 0usize;
    let mut i = 0usize;
    let mut pending_paragraph_break = false;
    let push = |out: &mut Vec<Sentence>, s: usize, e: usize, para: usize| {
        // trim whitespace at both ends
        let mut s = s;
        let mut e = e;
        while s < e && chars[s].1.is_whitespace() {
            s += 1;
        }
        while e > s && chars[e - 1].1.is_whitespace() {
            e -= 1;
        }
        if s < e {
            let byte_start = chars[s].0;
            let byte_end = if e < n { chars[e].0 } else { body.len() };
            out.push(Sentence {
                byte_start,
                byte_end,
                start: s,
                end: e,
                paragraph: para,
            });
        }
    };
    while i < n {
        let c = chars[i].1;
        if c == '\n' {
            // blank line, or a line break after final punctuation: end the sentence and paragraph
            let mut j = i + 1;
            let mut blank = false;
            while j < n && chars[j].1.is_whitespace() {
                if chars[j].1 == '\n' {
                    blank = true;
                }
                j += 1;
            }
            let prev = (start..i)
                .rev()
                .map(|k| chars[k].1)
                .find(|c| !c.is_whitespace());
            let prev_final = prev.is_some_and(|p| is_terminal(p) || is_closer(p) || p == ':');
            let line_len = (start..i).rev().take_while(|&k| chars[k].1 != '\n').count();
            let next_upper = j < n && !chars[j].1.is_lowercase();
            let heading = !prev_final && next_upper && line_len < 70;
            if blank || prev_final || heading || j >= n {
                push(&mut out, start, i, paragraph);
                if (start..i).any(|k| !chars[k].1.is_whitespace()) || pending_paragraph_break {
                    paragraph += 1;
                }
                pending_paragraph_break = false;
                start = j;
                i = j;
                continue;
            }
            i += 1;
            continue;
        }
        if is_terminal(c) {
            // absorb runs of terminal punctuation and closers
            let mut j = i + 1;
            while j < n && (is_terminal(chars[j].1) || is_closer(chars[j].1)) {
                j += 1;
            }
            // encyclopedia citation marks after the full stop: "… 2025.[1][2] The …"
            while let Some(after) = citation_mark_end(&chars, j) {
                j = after;
            }
            if j >= n {
                i = j;
                continue;
            }
            if !chars[j].1.is_whitespace() {
                i = j;
                continue;
            }
            if c == '.' && is_abbreviation(&chars, start, i) {
                i = j;
                continue;
            }
            // next non-space must start a sentence
            let mut k = j;
            while k < n && chars[k].1.is_whitespace() && chars[k].1 != '\n' {
                k += 1;
            }
            if k < n && chars[k].1 == '\n' {
                // the newline handler ends it
                i = k;
                continue;
            }
            let next = if k < n { chars[k].1 } else { 'A' };
            if next.is_lowercase() {
                i = j;
                continue;
            }
            push(&mut out, start, j, paragraph);
            start = j;
            i = j;
            continue;
        }
        i += 1;
    }
    push(&mut out, start, n, paragraph);
    out
}

/// Whether the word ending at char index `dot` (a '.') is an abbreviation or initial.
fn is_abbreviation(chars: &[(usize, char)], start: usize, dot: usize) -> bool {
    let mut k = dot;
    while k > start
        && !chars[k - 1].1.is_whitespace()
        && !matches!(chars[k - 1].1, '(' | '"' | '“' | '‘')
    {
        k -= 1;
    }
    let word: String = chars[k..dot].iter().map(|c| c.1).collect();
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // single capital initial ("J. Smith") or dotted acronym ("U.S", "a.m")
    let letters: Vec<char> = word.chars().collect();
    if letters.len() == 1 && letters[0].is_uppercase() {
        return true;
    }
    if word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2) {
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<String> {
        split(body)
            .iter()
            .map(|s| s.text(body).to_string())
            .collect()
    }

    #[test]
    fn offsets_are_exact_in_scalar_values() {
        let body = "Türkiye hosted talks. “We agree,” he said! Next one?\nNew para.";
        let chars: Vec<char> = body.chars().collect();
        for s in split(body) {
            let by_chars: String = chars[s.start..s.end].iter().collect();
            assert_eq!(by_chars, s.text(body));
        }
        assert_eq!(
            texts(body),
            [
                "Türkiye hosted talks.",
                "“We agree,” he said!",
                "Next one?",
                "New para."
            ]
        );
    }

    #[test]
    fn abbreviations_do_not_split() {
        let body = "The U.S. envoy met Gen. Asim Munir and Dr. Ali at No. 10 Downing St. on Monday. Then J. Smith left.";
        assert_eq!(
            texts(body),
            [
                "The U.S. envoy met Gen. Asim Munir and Dr. Ali at No. 10 Downing St. on Monday.",
                "Then J. Smith left."
            ]
        );
    }

    #[test]
    fn quotes_and_decimals() {
        let body = "He said: “It is over.” Prices rose 2.5 percent. Done.";
        assert_eq!(
            texts(body),
            [
                "He said: “It is over.”",
                "Prices rose 2.5 percent.",
                "Done."
            ]
        );
    }

    #[test]
    fn wrapped_lines_join_and_paragraphs_count() {
        let body = "Fighting broke out near the\nborder on Monday. Officials said.\n\nA second paragraph.\nA third one.";
        let s = split(body);
        assert_eq!(s.len(), 4);
        assert_eq!(
            s[0].text(body),
            "Fighting broke out near the\nborder on Monday."
        );
        assert_eq!(s[1].paragraph, 0);
        assert_eq!(s[2].paragraph, 1);
        assert_eq!(s[3].paragraph, 2);
    }

    #[test]
    fn headings_are_their_own_sentence() {
        let body = "Border clashes\nTroops exchanged fire.";
        assert_eq!(texts(body), ["Border clashes", "Troops exchanged fire."]);
    }

    #[test]
    fn citation_marks_end_a_sentence() {
        let body =
            "The clashes lasted two days.[1][2] The fighting spread. It was 2.[a] Then calm.";
        let got: Vec<&str> = split(body).iter().map(|s| s.text(body)).collect();
        assert_eq!(
            got,
            [
                "The clashes lasted two days.[1][2]",
                "The fighting spread.",
                "It was 2.[a]",
                "Then calm."
            ]
        );
    }
}
