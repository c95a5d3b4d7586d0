//! Dates and numbers written in news text.
//!
//! Explicit dates, months and years, and relative expressions ("on Tuesday", "two days
//! earlier", "in April", "last month") resolved against the document's publication date.
//! Precision is never invented: a month stays a `gYearMonth`, a year a `gYear`, and an
//! expression with nothing to anchor it yields nothing.
use crate::text::{TokKind, Token};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// A date as precise as the text allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DateValue {
    Year(i32),
    Month(i32, u32),
    Day(NaiveDate),
}

impl DateValue {
    /// Whether the two can be the same time: equal, or one a day or month within the other
    /// ("October 2025" and "19 October 2025" can; 18 and 19 October cannot).
    pub fn overlaps(&self, other: &DateValue) -> bool {
        let (y1, m1, d1) = self.parts();
        let (y2, m2, d2) = other.parts();
        let agree = |a: Option<u32>, b: Option<u32>| a.is_none() || b.is_none() || a == b;
        y1 == y2 && agree(m1, m2) && (m1.is_none() || m2.is_none() || agree(d1, d2))
    }

    /// 0 for a year, 1 for a month, 2 for a day.
    pub fn precision(&self) -> u8 {
        match self {
            DateValue::Year(_) => 0,
            DateValue::Month(..) => 1,
            DateValue::Day(_) => 2,
        }
    }

    fn parts(&self) -> (i32, Option<u32>, Option<u32>) {
        match self {
            DateValue::Year(y) => (*y, None, None),
            DateValue::Month(y, m) => (*y, Some(*m), None),
            DateValue::Day(d) => (d.year(), Some(d.month()), Some(d.day())),
        }
    }

    pub fn lexical(&self) -> String {
        match self {
            DateValue::Year(y) => format!("{y:04}"),
            DateValue::Month(y, m) => format!("{y:04}-{m:02}"),
            DateValue::Day(d) => d.format("%Y-%m-%d").to_string(),
        }
    }
    /// The XSD datatype local name.
    pub fn datatype(&self) -> &'static str {
        match self {
            DateValue::Year(_) => "gYear",
            DateValue::Month(..) => "gYearMonth",
            DateValue::Day(_) => "date",
        }
    }
    pub fn year(&self) -> i32 {
        match self {
            DateValue::Year(y) | DateValue::Month(y, _) => *y,
            DateValue::Day(d) => d.year(),
        }
    }
}

/// What relative dates are resolved against.
#[derive(Debug, Clone, Copy, Default)]
pub struct Anchor {
    /// The document's publication date.
    pub doc_date: Option<NaiveDate>,
    /// Without a publication date: the latest year the text has named so far.
    pub latest_year: Option<i32>,
}

/// A date expression found in a sentence (token span and value).
#[derive(Debug, Clone)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub value: DateValue,
    /// Whether the text gave the year (false: taken from the anchor).
    pub explicit: bool,
    /// Whether it was counted back from the publication date ("two days earlier", "a week
    /// ago"), which is not always what the writer counted from.
    pub counted: bool,
}

/// Words after "N days" that count back from the anchor.
const COUNTED_BACK: &[&str] = &["ago", "earlier", "before", "previously"];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const MONTH_ABBR: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];
const MONTH_CUES: &[&str] = &[
    "in", "early", "mid", "late", "since", "during", "by", "until", "of", "last", "this", "on",
    "from", "to", "through", "between", "before", "after",
];
const YEAR_CUES: &[&str] = &[
    "in",
    "since",
    "during",
    "by",
    "until",
    "of",
    "early",
    "late",
    "mid",
    "from",
    "through",
    "before",
    "after",
    "throughout",
    "to",
];

/// Whether a lower-case word names a month or a weekday ("March", "Tuesday").
pub fn is_calendar_word(w: &str) -> bool {
    MONTHS.contains(&w) || WEEKDAYS.iter().any(|(d, _)| *d == w)
}

fn month_of(t: &Token) -> Option<u32> {
    if !t.cap {
        return None;
    }
    let w = t.lower.as_str();
    MONTHS
        .iter()
        .position(|m| *m == w)
        .or_else(|| {
            if w.len() == 3 && w != "may" && w != "mar" {
                MONTH_ABBR.iter().position(|m| *m == w)
            } else {
                None
            }
        })
        .map(|i| i as u32 + 1)
}

fn int(t: &Token) -> Option<i64> {
    if t.kind != TokKind::Number {
        return None;
    }
    t.lower.replace(',', "").parse().ok()
}

fn year_of(t: &Token) -> Option<i32> {
    if t.kind != TokKind::Number || t.lower.len() != 4 {
        return None;
    }
    let y: i32 = t.lower.parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

fn day_of(t: &Token) -> Option<u32> {
    let d = int(t).or_else(|| {
        // 11th, 3rd
        let n = t.lower.bytes().take_while(u8::is_ascii_digit).count();
        let (digits, rest) = t.lower.split_at(n);
        if n > 0 && matches!(rest, "st" | "nd" | "rd" | "th") {
            digits.parse().ok()
        } else {
            None
        }
    })?;
    (1..=31).contains(&d).then_some(d as u32)
}

/// The most recent occurrence of (month, day) on or before `d`.
fn day_before(anchor: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(anchor.year(), month, day)?;
    if this <= anchor {
        Some(this)
    } else {
        NaiveDate::from_ymd_opt(anchor.year() - 1, month, day)
    }
}

fn month_value(anchor: &Anchor, month: u32) -> Option<DateValue> {
    if let Some(d) = anchor.doc_date {
        let y = if month <= d.month() {
            d.year()
        } else {
            d.year() - 1
        };
        return Some(DateValue::Month(y, month));
    }
    anchor.latest_year.map(|y| DateValue::Month(y, month))
}

/// "October last year", "July 28 this year": the year told relative to the publication date by
/// the two words at `j`.
fn told_year(toks: &[Token], j: usize, anchor: &Anchor) -> Option<i32> {
    let d = anchor.doc_date?;
    if toks.get(j + 1).map(|t| t.lower.as_str()) != Some("year") {
        return None;
    }
    match toks.get(j).map(|t| t.lower.as_str()) {
        Some("last") => Some(d.year() - 1),
        Some("this") => Some(d.year()),
        Some("next") => Some(d.year() + 1),
        _ => None,
    }
}

fn day_value(anchor: &Anchor, month: u32, day: u32) -> Option<DateValue> {
    if let Some(d) = anchor.doc_date {
        return day_before(d, month, day).map(DateValue::Day);
    }
    anchor
        .latest_year
        .and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
        .map(DateValue::Day)
}

/// The years a sentence names (for the no-publication-date anchor).
pub fn years_named(toks: &[Token]) -> Option<i32> {
    toks.iter().filter_map(year_of).max()
}

/// Every date expression in a sentence. Abbreviated months ("Oct. 19", "Sept. 3") and
/// "mid-October" are read as their plain forms; spans refer to the original tokens.
pub fn find_dates(toks: &[Token], anchor: &Anchor) -> Vec<DateMention> {
    // drop the period after a month abbreviation and the hyphen in "mid-October"
    let mut keep: Vec<usize> = Vec::with_capacity(toks.len());
    for (k, t) in toks.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| &toks[p]);
        let next = toks.get(k + 1);
        let abbr_dot = t.lower == "."
            && prev.is_some_and(|p| p.cap && (month_of(p).is_some() || p.lower == "sept"))
            && next.is_some_and(|n| n.kind == TokKind::Number);
        let mid_hyphen = t.lower == "-"
            && prev.is_some_and(|p| matches!(p.lower.as_str(), "mid" | "early" | "late"))
            && next.is_some_and(|n| month_of(n).is_some());
        if !abbr_dot && !mid_hyphen {
            keep.push(k);
        }
    }
    if keep.len() == toks.len() {
        return find_dates_plain(toks, anchor);
    }
    let mut filtered: Vec<Token> = keep.iter().map(|&k| toks[k].clone()).collect();
    for t in filtered.iter_mut() {
        if t.lower == "sept" {
            t.set_lower("september");
        }
    }
    find_dates_plain(&filtered, anchor)
        .into_iter()
        .map(|mut d| {
            d.start = keep[d.start];
            d.end = keep.get(d.end).copied().unwrap_or(toks.len());
            d
        })
        .collect()
}

fn find_dates_plain(toks: &[Token], anchor: &Anchor) -> Vec<DateMention> {
    let mut out = find_dates_in_order(toks, anchor);
    // "In July 2025, … before a ceasefire took effect on July 28": a month or day without a
    // year, after a date of an earlier year in the same sentence, is in that year
    let mut year_ctx: Option<i32> = None;
    for d in out.iter_mut() {
        if d.explicit {
            // a month or day told as a time ("In July 2025"), not a span start ("since 2024")
            let since = d.start > 0 && toks[d.start - 1].lower == "since";
            year_ctx = match d.value {
                DateValue::Year(_) => None,
                _ if since => None,
                v => Some(v.year()),
            };
            continue;
        }
        let Some(y) = year_ctx else { continue };
        if d.counted || y >= d.value.year() {
            continue;
        }
        let named_month = toks[d.start..d.end.min(toks.len())]
            .iter()
            .any(|t| month_of(t).is_some());
        if !named_month {
            continue;
        }
        let moved = match d.value {
            DateValue::Day(day) => {
                NaiveDate::from_ymd_opt(y, day.month(), day.day()).map(DateValue::Day)
            }
            DateValue::Month(_, m) => Some(DateValue::Month(y, m)),
            DateValue::Year(_) => None,
        };
        if let Some(v) = moved {
            d.value = v;
        }
    }
    out
}

fn find_dates_in_order(toks: &[Token], anchor: &Anchor) -> Vec<DateMention> {
    let mut out = Vec::new();
    let n = toks.len();
    let mut i = 0;
    let prev_lower = |i: usize| {
        if i > 0 {
            toks[i - 1].lower.as_str()
        } else {
            ""
        }
    };
    while i < n {
        // DAY MONTH [YEAR]   /   DAY to DAY MONTH YEAR
        if let Some(day) = day_of(&toks[i]) {
            // "11 to 12 March 2025", "11-12 March 2025"
            if i + 3 < n && matches!(toks[i + 1].lower.as_str(), "to" | "-" | "and") {
                if let (Some(_), Some(m)) = (day_of(&toks[i + 2]), month_of(&toks[i + 3])) {
                    let year = toks.get(i + 4).and_then(year_of);
                    let v = match year {
                        Some(y) => NaiveDate::from_ymd_opt(y, m, day).map(DateValue::Day),
                        None => day_value(anchor, m, day),
                    };
                    if let Some(v) = v {
                        let end = if year.is_some() { i + 5 } else { i + 4 };
                        out.push(DateMention {
                            start: i,
                            end,
                            value: v,
                            explicit: year.is_some(),
                            counted: false,
                        });
                        i = end;
                        continue;
                    }
                }
            }
            if let Some(m) = toks.get(i + 1).and_then(month_of) {
                let mut year = toks.get(i + 2).and_then(year_of);
                let mut end = if year.is_some() { i + 3 } else { i + 2 };
                let mut explicit = year.is_some();
                if let Some(y) = year
                    .is_none()
                    .then(|| told_year(toks, i + 2, anchor))
                    .flatten()
                {
                    // "28 July last year"
                    year = Some(y);
                    end = i + 4;
                    explicit = true;
                }
                if year.is_none() {
                    // "19 January to 18 March 2025": borrow the range's year
                    for k in i + 2..(i + 8).min(n) {
                        if let Some(y) = year_of(&toks[k]) {
                            if toks[i + 2..k]
                                .iter()
                                .any(|t| matches!(t.lower.as_str(), "to" | "-" | "and" | "until"))
                            {
                                year = Some(y);
                                explicit = true;
                            }
                            break;
                        }
                    }
                }
                let v = match year {
                    Some(y) => NaiveDate::from_ymd_opt(y, m, day).map(DateValue::Day),
                    None => day_value(anchor, m, day),
                };
                if let Some(v) = v {
                    out.push(DateMention {
                        start: i,
                        end,
                        value: v,
                        explicit,
                        counted: false,
                    });
                    i = end;
                    continue;
                }
                end = i + 1;
                i = end;
                continue;
            }
        }
        if let Some(m) = month_of(&toks[i]) {
            // MONTH DAY[,] [YEAR]
            if let Some(day) = toks.get(i + 1).and_then(day_of) {
                let (year, end) = match (toks.get(i + 2), toks.get(i + 3)) {
                    (Some(c), Some(y)) if c.lower == "," && year_of(y).is_some() => {
                        (year_of(y), i + 4)
                    }
                    (Some(y), _) if year_of(y).is_some() => (year_of(y), i + 3),
                    // "July 28 last year"
                    _ => match told_year(toks, i + 2, anchor) {
                        Some(y) => (Some(y), i + 4),
                        None => (None, i + 2),
                    },
                };
                // "March 2025" is month-year, not a day
                if toks.get(i + 1).and_then(year_of).is_none() {
                    let v = match year {
                        Some(y) => NaiveDate::from_ymd_opt(y, m, day).map(DateValue::Day),
                        None => day_value(anchor, m, day),
                    };
                    if let Some(v) = v {
                        out.push(DateMention {
                            start: i,
                            end,
                            value: v,
                            explicit: year.is_some(),
                            counted: false,
                        });
                        i = end;
                        continue;
                    }
                }
            }
            // MONTH YEAR
            if let Some(y) = toks.get(i + 1).and_then(year_of) {
                out.push(DateMention {
                    start: i,
                    end: i + 2,
                    value: DateValue::Month(y, m),
                    explicit: true,
                    counted: false,
                });
                i += 2;
                continue;
            }
            // "in April", "in early October"
            // "the March ceasefire", "an October offensive": a month modifying a noun
            let modifier = matches!(prev_lower(i), "the" | "a" | "an" | "its" | "their")
                && toks
                    .get(i + 1)
                    .is_some_and(|t| t.kind == TokKind::Word && !t.cap && t.lower.len() > 2);
            if let Some(y) = told_year(toks, i + 1, anchor)
                .filter(|_| MONTH_CUES.contains(&prev_lower(i)) || modifier)
            {
                // "in October last year", "the March offensive this year"
                out.push(DateMention {
                    start: i,
                    end: i + 3,
                    value: DateValue::Month(y, m),
                    explicit: true,
                    counted: false,
                });
                i += 3;
                continue;
            }
            // "in January and February 2025", "between March and May 2024": the year told
            // after the second month holds for the first
            let borrowed = toks
                .get(i + 1)
                .filter(|t| matches!(t.lower.as_str(), "and" | "or" | "to" | "-" | "until"))
                .and(toks.get(i + 2).and_then(month_of))
                .and(toks.get(i + 3).and_then(year_of));
            if let Some(y) = borrowed.filter(|_| MONTH_CUES.contains(&prev_lower(i)) || modifier) {
                out.push(DateMention {
                    start: i,
                    end: i + 1,
                    value: DateValue::Month(y, m),
                    explicit: true,
                    counted: false,
                });
                i += 1;
                continue;
            }
            if (MONTH_CUES.contains(&prev_lower(i)) || modifier)
                && !(toks[i].lower == "may" && prev_lower(i) != "in" && !modifier)
            {
                // "the truce reached last October", written in October: a year before
                let last_same =
                    prev_lower(i) == "last" && anchor.doc_date.is_some_and(|d| d.month() == m);
                let v = if last_same {
                    anchor.doc_date.map(|d| DateValue::Month(d.year() - 1, m))
                } else {
                    month_value(anchor, m)
                };
                if let Some(v) = v {
                    out.push(DateMention {
                        start: i,
                        end: i + 1,
                        value: v,
                        explicit: false,
                        counted: false,
                    });
                }
                i += 1;
                continue;
            }
        }
        if let Some(y) = year_of(&toks[i]) {
            let next = toks.get(i + 1).map(|t| t.lower.as_str()).unwrap_or("");
            let unit_follows = matches!(
                next,
                "km" | "kilometres"
                    | "kilometers"
                    | "miles"
                    | "people"
                    | "troops"
                    | "soldiers"
                    | "%"
            );
            if (YEAR_CUES.contains(&prev_lower(i)) || i == 0) && !unit_follows {
                out.push(DateMention {
                    start: i,
                    end: i + 1,
                    value: DateValue::Year(y),
                    explicit: true,
                    counted: false,
                });
            }
            i += 1;
            continue;
        }
        if let Some(d) = anchor.doc_date {
            if let Some((v, len)) = relative(toks, i, d) {
                let last = toks.get(i + len - 1).map_or("", |t| t.lower.as_str());
                out.push(DateMention {
                    start: i,
                    end: i + len,
                    value: v,
                    explicit: false,
                    counted: COUNTED_BACK.contains(&last),
                });
                i += len;
                continue;
            }
        }
        i += 1;
    }
    // "overnight" dates an event only when the sentence tells no other time ("an overnight
    // raid in March 2019")
    if out.len() > 1 {
        let overnight =
            |m: &DateMention| m.end == m.start + 1 && toks[m.start].lower == "overnight";
        out.retain(|m| !overnight(m));
    }
    out
}

/// Relative expressions anchored on the publication date.
fn relative(toks: &[Token], i: usize, d: NaiveDate) -> Option<(DateValue, usize)> {
    let w = |k: usize| toks.get(i + k).map(|t| t.lower.as_str()).unwrap_or("");
    match w(0) {
        "yesterday" => return Some((DateValue::Day(d - Duration::days(1)), 1)),
        "today" => return Some((DateValue::Day(d), 1)),
        // the night that ended on the day of publication ("Russian forces struck Dnipro
        // overnight"); not "overnight into Saturday", which names its day
        "overnight" if !matches!(w(1), "into" | "to" | "on" | "from" | "between") => {
            return Some((DateValue::Day(d), 1))
        }
        "last" if w(1) == "night" => return Some((DateValue::Day(d - Duration::days(1)), 2)),
        "last" | "this" | "earlier" => {
            let (k, this) = if w(0) == "earlier" && w(1) == "this" {
                (2, true)
            } else {
                (1, w(0) == "this")
            };
            match w(k) {
                "month" => {
                    let m = if this {
                        d
                    } else {
                        d.with_day(1)? - Duration::days(1)
                    };
                    return Some((DateValue::Month(m.year(), m.month()), k + 1));
                }
                "year" => {
                    let y = if this { d.year() } else { d.year() - 1 };
                    return Some((DateValue::Year(y), k + 1));
                }
                "week" => {
                    // the calendar week (Monday to Sunday) of the publication date or the one
                    // before it: its month when the whole span lies in one month, else its year
                    let monday = d - Duration::days(d.weekday().num_days_from_monday() as i64);
                    let (a, b) = if this {
                        (monday, d)
                    } else {
                        (monday - Duration::days(7), monday - Duration::days(1))
                    };
                    if a.month() == b.month() {
                        return Some((DateValue::Month(b.year(), b.month()), k + 1));
                    }
                    if a.year() == b.year() {
                        return Some((DateValue::Year(b.year()), k + 1));
                    }
                    return None;
                }
                "night" if !this => return Some((DateValue::Day(d - Duration::days(1)), 2)),
                _ => {}
            }
        }
        _ => {}
    }
    // weekday: the most recent on or before the publication date
    if let Some(&(_, wd)) = WEEKDAYS.iter().find(|(n, _)| *n == w(0)) {
        // "on Thursday last week": that weekday of the calendar week before publication
        if toks[i].cap && matches!(w(1), "last" | "this") && w(2) == "week" {
            let monday = d - Duration::days(d.weekday().num_days_from_monday() as i64);
            let week = if w(1) == "last" {
                monday - Duration::days(7)
            } else {
                monday
            };
            let day = week + Duration::days(wd.num_days_from_monday() as i64);
            return Some((DateValue::Day(day), 3));
        }
        if toks[i].cap {
            let back = (7 + d.weekday().num_days_from_monday() as i64
                - wd.num_days_from_monday() as i64)
                % 7;
            return Some((DateValue::Day(d - Duration::days(back)), 1));
        }
    }
    // "two days earlier", "3 days ago", "a week ago"
    if let Some((n, len)) = number_at(toks, i) {
        let unit = w(len);
        let after = w(len + 1);
        if COUNTED_BACK.contains(&after) {
            let days = match unit {
                "day" | "days" => Some(n as i64),
                "week" | "weeks" => Some(7 * n as i64),
                _ => None,
            };
            if let Some(days) = days {
                let t = d - Duration::days(days);
                return Some(if unit.starts_with("week") {
                    (DateValue::Month(t.year(), t.month()), len + 2)
                } else {
                    (DateValue::Day(t), len + 2)
                });
            }
            if matches!(unit, "month" | "months") {
                let mut y = d.year();
                let mut m = d.month() as i64 - n as i64;
                while m <= 0 {
                    m += 12;
                    y -= 1;
                }
                return Some((DateValue::Month(y, m as u32), len + 2));
            }
        }
    }
    None
}

const SMALL: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: &[&str] = &[
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// A number at token `i`, in digits or words ("23", "2,570", "eleven", "twenty-three",
/// "a dozen", "one hundred"); returns (value, tokens used). Vague words ("hundreds",
/// "dozens") are not numbers.
pub fn number_at(toks: &[Token], i: usize) -> Option<(u64, usize)> {
    let t = toks.get(i)?;
    if t.kind == TokKind::Number {
        let v: f64 = t.lower.replace(',', "").parse().ok()?;
        if v.fract() != 0.0 || v < 0.0 {
            return None;
        }
        // "3 million"
        if let Some(m) = toks.get(i + 1) {
            if m.lower == "million" {
                return Some(((v * 1_000_000.0) as u64, 2));
            }
        }
        return Some((v as u64, 1));
    }
    let w = t.lower.as_str();
    if w == "a" {
        if toks.get(i + 1).is_some_and(|t| t.lower == "dozen") {
            return Some((12, 2));
        }
        return None;
    }
    if w == "dozen" {
        return Some((12, 1));
    }
    let mut value: u64;
    let mut used = 1;
    if let Some(v) = SMALL.iter().position(|s| *s == w) {
        value = v as u64;
    } else if let Some(v) = TENS.iter().position(|s| !s.is_empty() && *s == w) {
        value = 10 * v as u64;
        // twenty-three / twenty three
        let (k, sep) = match toks.get(i + 1) {
            Some(t) if t.lower == "-" => (i + 2, 2),
            _ => (i + 1, 1),
        };
        if let Some(u) = toks
            .get(k)
            .and_then(|t| SMALL[1..10].iter().position(|s| *s == t.lower))
        {
            value += u as u64 + 1;
            used += sep;
        }
    } else {
        return None;
    }
    if let Some(h) = toks.get(i + used) {
        if h.lower == "hundred" {
            value *= 100;
            used += 1;
        } else if h.lower == "thousand" {
            value *= 1000;
            used += 1;
        }
    }
    Some((value, used))
}

/// How far after the date told just before a sentence places its event: "two days later",
/// "the next day", "a week later", "a month later". Applied by the extractor to the date of
/// the sentence before (never to the publication date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Later {
    Days(i64),
    Weeks(i64),
    Months(i64),
}

/// The first "… later" expression of a sentence, if any.
pub fn later_offset(toks: &[Token]) -> Option<Later> {
    let w = |k: usize| toks.get(k).map_or("", |t| t.lower.as_str());
    for i in 0..toks.len() {
        if matches!(w(i), "next" | "following") && w(i.wrapping_sub(1)) == "the" {
            // "the following day", "took Bukavu the following month"
            match w(i + 1) {
                "day" => return Some(Later::Days(1)),
                "week" => return Some(Later::Weeks(1)),
                "month" => return Some(Later::Months(1)),
                _ => {}
            }
        }
        let (n, len) = match number_at(toks, i) {
            Some(x) => x,
            None if w(i) == "a" => (1, 1),
            None => continue,
        };
        if w(i + len + 1) != "later" {
            continue;
        }
        let n = n as i64;
        match w(i + len) {
            "day" | "days" => return Some(Later::Days(n)),
            "week" | "weeks" => return Some(Later::Weeks(n)),
            "month" | "months" => return Some(Later::Months(n)),
            _ => {}
        }
    }
    None
}

/// "a day after", "two days after", "the day after", "hours after", "a week after" between
/// `from` and `to`, with no comma between it and `to`: what is told at `to` happened that long
/// before the date told at `from` ("on Monday, a day after troops fired rockets …": the rockets
/// were fired on Sunday). The distance comes back negative; `Some(None)` when it is not counted
/// ("days after"), so that the date is unknown.
pub fn gap_after(toks: &[Token], from: usize, to: usize) -> Option<Option<Later>> {
    let w = |k: usize| toks.get(k).map_or("", |t| t.lower.as_str());
    let k = (from.max(1)..to.min(toks.len())).find(|&k| {
        w(k) == "after"
            && matches!(
                w(k - 1),
                "hour"
                    | "hours"
                    | "minutes"
                    | "moments"
                    | "day"
                    | "days"
                    | "week"
                    | "weeks"
                    | "month"
                    | "months"
            )
    })?;
    if (k + 1..to).any(|j| matches!(w(j), "," | ";")) {
        return None;
    }
    let unit = w(k - 1);
    if matches!(unit, "hour" | "hours" | "minutes" | "moments") {
        return Some(Some(Later::Days(0)));
    }
    let count = match w(k.wrapping_sub(2)) {
        "a" | "the" | "one" if !unit.ends_with('s') => Some(1),
        _ => k
            .checked_sub(2)
            .and_then(|j| number_at(toks, j))
            .filter(|&(_, used)| used == 1)
            .map(|(n, _)| n as i64),
    };
    Some(count.map(|n| match unit {
        "day" | "days" => Later::Days(-n),
        "week" | "weeks" => Later::Weeks(-n),
        _ => Later::Months(-n),
    }))
}

fn month_plus(y: i32, m: u32, n: i64) -> DateValue {
    let total = y as i64 * 12 + (m as i64 - 1) + n;
    DateValue::Month((total / 12) as i32, (total % 12) as u32 + 1)
}

impl Later {
    /// The date this far after `from`, never more precise than both allow.
    pub fn after(self, from: DateValue) -> Option<DateValue> {
        match (self, from) {
            (Later::Days(n), DateValue::Day(d)) => Some(DateValue::Day(d + Duration::days(n))),
            (Later::Weeks(n), DateValue::Day(d)) => {
                let t = d + Duration::days(7 * n);
                Some(DateValue::Month(t.year(), t.month()))
            }
            (Later::Months(n), DateValue::Day(d)) => Some(month_plus(d.year(), d.month(), n)),
            (Later::Months(n), DateValue::Month(y, m)) => Some(month_plus(y, m, n)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn an_event_told_after_a_gap_is_dated_back_by_it() {
        let gap = |s: &str| {
            let t = tokenize(s);
            let to = t.iter().position(|t| t.lower == "fired").expect("trigger");
            gap_after(&t, 0, to)
        };
        assert_eq!(
            gap("on Monday, a day after troops fired rockets"),
            Some(Some(Later::Days(-1)))
        );
        assert_eq!(
            gap("on Monday, two days after troops fired rockets"),
            Some(Some(Later::Days(-2)))
        );
        assert_eq!(
            gap("on Monday, hours after troops fired"),
            Some(Some(Later::Days(0)))
        );
        assert_eq!(
            gap("on Monday, a week after troops fired"),
            Some(Some(Later::Weeks(-1)))
        );
        // not counted: the date is unknown
        assert_eq!(gap("on Monday, days after troops fired"), Some(None));
        // the gap belongs to another clause
        assert_eq!(
            gap("on Monday, a day after the talks, and troops fired"),
            None
        );
        assert_eq!(gap("on Monday troops fired"), None);
        let d = NaiveDate::from_ymd_opt(2026, 2, 16).expect("date");
        assert_eq!(
            Later::Days(-1).after(DateValue::Day(d)),
            Some(DateValue::Day(
                NaiveDate::from_ymd_opt(2026, 2, 15).expect("date")
            ))
        );
    }

    fn dates(s: &str, doc: Option<&str>, latest: Option<i32>) -> Vec<String> {
        let anchor = Anchor {
            doc_date: doc.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date")),
            latest_year: latest,
        };
        find_dates(&tokenize(s), &anchor)
            .iter()
            .map(|m| m.value.lexical())
            .collect()
    }

    #[test]
    fn explicit_forms() {
        assert_eq!(
            dates("on 11 March 2025 and on March 3, 2024", None, None),
            ["2025-03-11", "2024-03-03"]
        );
        assert_eq!(
            dates("From 11 to 12 March 2025, troops", None, None),
            ["2025-03-11"]
        );
        assert_eq!(
            dates("from 19 January to 18 March 2025", None, None),
            ["2025-01-19", "2025-03-18"]
        );
        assert_eq!(
            dates("in January 2025 and in 2024", None, None),
            ["2025-01", "2024"]
        );
        // "last October" written in October is a year back; "last April" the latest April
        assert_eq!(
            dates("the truce reached last October", Some("2026-10-08"), None),
            ["2025-10"]
        );
        assert_eq!(dates("last April", Some("2026-10-08"), None), ["2026-04"]);
        // the year after the second month holds for the first, whatever the publication date
        assert_eq!(
            dates(
                "captured in January and February 2025",
                Some("2026-07-16"),
                None
            ),
            ["2025-01", "2025-02"]
        );
        assert_eq!(
            dates("between March and May 2024", Some("2026-07-16"), None),
            ["2024-03", "2024-05"]
        );
    }

    #[test]
    fn months_and_days_take_the_anchor_year() {
        assert_eq!(
            dates("violence flared in October", Some("2025-10-14"), None),
            ["2025-10"]
        );
        assert_eq!(dates("in December", Some("2025-10-14"), None), ["2024-12"]);
        assert_eq!(dates("in April", None, Some(2025)), ["2025-04"]);
        assert!(dates("in April", None, None).is_empty());
        assert_eq!(
            dates("On 10 June, the council", Some("2024-08-01"), None),
            ["2024-06-10"]
        );
        assert!(dates("They may return", Some("2024-08-01"), None).is_empty());
    }

    #[test]
    fn a_yearless_date_takes_the_year_named_before_it_in_the_sentence() {
        assert_eq!(
            dates(
                "In July 2025, fighting killed 40 people before a truce took effect on July 28.",
                Some("2026-08-05"),
                None
            ),
            vec!["2025-07", "2025-07-28"]
        );
        // a bare year or a span's start is no time of the later date
        assert_eq!(
            dates(
                "Since 2024 the group has attacked on May 3.",
                Some("2026-08-05"),
                None
            ),
            vec!["2024", "2026-05-03"]
        );
        assert_eq!(
            dates(
                "Fighting since March 2025 has displaced thousands, and on May 3 the town fell.",
                Some("2026-08-05"),
                None
            ),
            vec!["2025-03", "2026-05-03"]
        );
        assert_eq!(
            dates("On March 4 the talks resumed.", Some("2026-08-05"), None),
            vec!["2026-03-04"]
        );
    }

    #[test]
    fn abbreviations_and_mid_month() {
        assert_eq!(
            dates("in Doha on Oct. 19 after talks", Some("2025-10-21"), None),
            ["2025-10-19"]
        );
        assert_eq!(
            dates("clashed in mid-October", Some("2025-11-12"), None),
            ["2025-10"]
        );
        assert_eq!(dates("on Sept. 3, 2024", None, None), ["2024-09-03"]);
    }

    #[test]
    fn relative_expressions() {
        // 2025-10-14 is a Tuesday
        assert_eq!(
            dates("on Tuesday", Some("2025-10-14"), None),
            ["2025-10-14"]
        );
        assert_eq!(dates("on Sunday", Some("2025-10-14"), None), ["2025-10-12"]);
        assert_eq!(
            dates("two days earlier", Some("2025-10-14"), None),
            ["2025-10-12"]
        );
        assert_eq!(dates("yesterday", Some("2025-10-14"), None), ["2025-10-13"]);
        assert_eq!(dates("overnight", Some("2025-10-14"), None), ["2025-10-14"]);
        assert_eq!(
            dates("last night", Some("2025-10-14"), None),
            ["2025-10-13"]
        );
        // "overnight into Saturday" names its day; beside another time it dates nothing
        assert_eq!(
            dates("overnight into Sunday", Some("2025-10-14"), None),
            ["2025-10-12"]
        );
        assert_eq!(
            dates("an overnight raid in March 2019", Some("2025-10-14"), None),
            ["2019-03"]
        );
        assert_eq!(dates("last month", Some("2025-10-14"), None), ["2025-09"]);
        assert_eq!(dates("last year", Some("2025-10-14"), None), ["2024"]);
        assert_eq!(
            dates("in October last year", Some("2026-07-14"), None),
            ["2025-10"]
        );
        assert_eq!(
            dates("on July 28 last year", Some("2026-11-18"), None),
            ["2025-07-28"]
        );
        assert_eq!(
            dates("on 3 March next year", Some("2026-11-18"), None),
            ["2027-03-03"]
        );
        assert_eq!(
            dates("in August this year", Some("2026-11-18"), None),
            ["2026-08"]
        );
        assert!(dates("two days earlier", None, Some(2025)).is_empty());
        // calendar weeks: Tuesday 2025-12-09's last week is 1–7 December, one month; Tuesday
        // 2025-10-07's is 29 September – 5 October, which only a year holds; Friday
        // 2027-01-08's is 28 December 2026 – 3 January 2027, which nothing holds
        assert_eq!(dates("last week", Some("2025-12-09"), None), ["2025-12"]);
        // a weekday of last week: Tuesday 2026-09-08's "Thursday last week" is 3 September,
        // and its "Friday this week" would be 11 September
        assert_eq!(
            dates("On Thursday last week, troops", Some("2026-09-08"), None),
            ["2026-09-03"]
        );
        assert_eq!(
            dates("on Monday last week", Some("2026-09-06"), None),
            ["2026-08-24"]
        );
        assert_eq!(
            dates("on Friday this week", Some("2026-09-08"), None),
            ["2026-09-11"]
        );
        assert_eq!(dates("last week", Some("2025-10-07"), None), ["2025"]);
        assert!(dates("last week", Some("2027-01-08"), None).is_empty());
        assert_eq!(
            dates("earlier this week", Some("2025-10-09"), None),
            ["2025-10"]
        );
        assert_eq!(dates("this week", Some("2025-10-01"), None), ["2025"]);
    }

    #[test]
    fn numbers_in_words_and_digits() {
        let t = tokenize("eleven twenty-three 2,570 a dozen hundreds one hundred");
        assert_eq!(number_at(&t, 0), Some((11, 1)));
        assert_eq!(number_at(&t, 1), Some((23, 3)));
        assert_eq!(number_at(&t, 4), Some((2570, 1)));
        assert_eq!(number_at(&t, 5), Some((12, 2)));
        assert_eq!(number_at(&t, 7), None);
        assert_eq!(number_at(&t, 8), Some((100, 2)));
    }

    #[test]
    fn dates_overlap_when_one_can_hold_the_other() {
        let day = |y, m, d| DateValue::Day(NaiveDate::from_ymd_opt(y, m, d).expect("date"));
        assert!(day(2025, 10, 19).overlaps(&DateValue::Month(2025, 10)));
        assert!(DateValue::Year(2025).overlaps(&day(2025, 3, 1)));
        assert!(!day(2025, 10, 19).overlaps(&day(2025, 10, 30)));
        assert!(!DateValue::Month(2025, 9).overlaps(&day(2025, 10, 1)));
        assert!(!DateValue::Year(2024).overlaps(&DateValue::Month(2025, 1)));
    }

    #[test]
    fn later_counts_from_the_date_before() {
        let d = |s: &str| DateValue::Day(NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date"));
        let later = |s: &str| later_offset(&tokenize(s));
        assert_eq!(later("agreed two days later"), Some(Later::Days(2)));
        assert_eq!(later("on the next day"), Some(Later::Days(1)));
        assert_eq!(later("a month later"), Some(Later::Months(1)));
        assert_eq!(later("later that week"), None);
        assert_eq!(
            later("took Bukavu the following month"),
            Some(Later::Months(1))
        );
        assert_eq!(later("the next week"), Some(Later::Weeks(1)));
        // "the following months" counts nothing
        assert_eq!(later("in the following months"), None);
        assert_eq!(Later::Days(2).after(d("2025-10-30")), Some(d("2025-11-01")));
        assert_eq!(
            Later::Months(1).after(DateValue::Month(2025, 12)),
            Some(DateValue::Month(2026, 1))
        );
        // never more precise than the date it counts from
        assert_eq!(Later::Days(2).after(DateValue::Month(2025, 1)), None);
    }
}
