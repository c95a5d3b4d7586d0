//! Reading a text: bytes → [`Document`] (metadata block, body, content hash).
//!
//! A text may begin with a metadata block of `key: value` lines closed by a line `---`, or with
//! YAML-style front matter between two `---` lines. The *body* is everything after it; every
//! offset conflictkg records is an offset into the body, counted in Unicode scalar values.
use crate::error::{Error, Result};
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// One ingested text.
#[derive(Debug, Clone)]
pub struct Document {
    /// Where it came from: the `source` metadata key, else the file name.
    pub source: String,
    pub title: Option<String>,
    /// Publication date, when known (metadata or `--date`).
    pub date: Option<NaiveDate>,
    /// Other metadata keys, in order.
    pub meta: Vec<(String, String)>,
    /// The text after the metadata block.
    pub body: String,
    /// Hex SHA-256 of the file's bytes: the document's identity.
    pub sha256: String,
}

impl Document {
    /// Parse a document from bytes. `path` is used for messages and as the default source.
    pub fn from_bytes(path: &Path, bytes: &[u8], date_override: Option<NaiveDate>) -> Result<Self> {
        let sha256 = hex(&Sha256::digest(bytes));
        let text = std::str::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
            path: path.to_path_buf(),
            offset: e.valid_up_to(),
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let is_html = matches!(
            path.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()),
            Some(ref e) if e == "html" || e == "htm"
        );
        let (meta, body) = split_metadata(path, text)?;
        let (body, html_title) = if is_html {
            let (t, title) = crate::html::to_text(body);
            (t, title)
        } else {
            (body.to_string(), None)
        };
        let mut doc = Document {
            source: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string()),
            title: html_title,
            date: None,
            meta: Vec::new(),
            body,
            sha256,
        };
        for (line, key, value) in meta {
            match key.to_ascii_lowercase().as_str() {
                "title" => doc.title = Some(value.clone()),
                "source" | "url" => doc.source = value.clone(),
                "published" | "date" if doc.date.is_none() => {
                    doc.date = parse_meta_date(&value).map_err(|message| Error::Metadata {
                        path: path.to_path_buf(),
                        line,
                        message,
                    })?;
                }
                _ => {}
            }
            doc.meta.push((key, value));
        }
        if date_override.is_some() {
            doc.date = date_override;
        }
        Ok(doc)
    }

    /// Read and parse a file.
    pub fn read(path: &Path, date_override: Option<NaiveDate>) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_bytes(path, &bytes, date_override)
    }
}

/// A metadata line: (1-based line number, key, value).
type MetaLine = (usize, String, String);

/// Split a text into its metadata lines and body. A text without a metadata block is all body.
pub fn split_metadata<'a>(path: &Path, text: &'a str) -> Result<(Vec<MetaLine>, &'a str)> {
    let mut lines = Vec::new();
    let mut offset = 0;
    let mut front_matter = false;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let line = raw.trim_end_matches(['\n', '\r']);
        let next = offset + raw.len();
        if line.trim() == "---" {
            if i == 0 {
                front_matter = true;
                offset = next;
                continue;
            }
            return Ok((lines, &text[next..]));
        }
        if line.trim().is_empty() {
            if front_matter {
                offset = next;
                continue;
            }
            // a blank line before any `---`: no metadata block
            return Ok((Vec::new(), text));
        }
        match meta_line(line) {
            Some((k, v)) => lines.push((i + 1, k, v)),
            None if front_matter => {
                // tolerate YAML we don't read (lists, nested keys) inside front matter
                if !line.starts_with([' ', '\t', '-']) {
                    return Err(Error::Metadata {
                        path: path.to_path_buf(),
                        line: i + 1,
                        message: format!("front matter line is not `key: value`: {line:?}"),
                    });
                }
            }
            None => return Ok((Vec::new(), text)),
        }
        offset = next;
    }
    if front_matter {
        return Err(Error::Metadata {
            path: path.to_path_buf(),
            line: 1,
            message: "front matter opened with `---` is never closed".into(),
        });
    }
    let _ = offset;
    Ok((Vec::new(), text))
}

fn meta_line(line: &str) -> Option<(String, String)> {
    let (k, v) = line.split_once(':')?;
    let k = k.trim();
    let ok = !k.is_empty()
        && k.len() <= 40
        && k.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !ok {
        return None;
    }
    let v = v.trim().trim_matches('"').trim_matches('\'').to_string();
    Some((k.to_string(), v))
}

/// A metadata date: `YYYY-MM-DD` (optionally followed by a time), or anything that does not
/// look like a date ("unknown") → no date. A malformed date that looks like one is an error.
pub fn parse_meta_date(value: &str) -> std::result::Result<Option<NaiveDate>, String> {
    let v = value.trim();
    let head: String = v.chars().take(10).collect();
    let looks_like = head.len() == 10
        && head.as_bytes()[4] == b'-'
        && head.as_bytes()[7] == b'-'
        && head
            .bytes()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !looks_like {
        return Ok(None);
    }
    NaiveDate::parse_from_str(&head, "%Y-%m-%d")
        .map(Some)
        .map_err(|e| format!("invalid date {v:?}: {e}"))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Expand files and directories into the texts to ingest (`.txt`, `.md`, `.html`, `.htm`),
/// sorted so that runs are deterministic.
pub fn collect_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|source| Error::Io {
            path: p.clone(),
            source,
        })?;
        if meta.is_dir() {
            walk(p, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let rd = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if is_text(&p) {
            out.push(p);
        }
    }
    Ok(())
}

/// Whether a path has one of the extensions conflictkg reads.
pub fn is_text(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("txt" | "md" | "html" | "htm")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::from_bytes(Path::new("a.txt"), text.as_bytes(), None).expect("parses")
    }

    #[test]
    fn metadata_block_is_split_off() {
        let d = doc("title: Border talks\nsource: wire\npublished: 2025-10-14\n---\nBody here.\n");
        assert_eq!(d.title.as_deref(), Some("Border talks"));
        assert_eq!(d.source, "wire");
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2025, 10, 14));
        assert_eq!(d.body, "Body here.\n");
    }

    #[test]
    fn front_matter_is_split_off() {
        let d = doc("---\ntitle: T\ndate: 2024-01-02\n---\nText.");
        assert_eq!(d.title.as_deref(), Some("T"));
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2024, 1, 2));
        assert_eq!(d.body, "Text.");
    }

    #[test]
    fn unknown_date_is_no_date_and_plain_text_is_all_body() {
        let d = doc("published: unknown\n---\nX");
        assert_eq!(d.date, None);
        let d = doc("Note: this is prose.\nMore prose.\n");
        assert_eq!(d.body, "Note: this is prose.\nMore prose.\n");
        assert!(d.meta.is_empty());
    }

    #[test]
    fn bad_date_names_the_line() {
        let e = Document::from_bytes(
            Path::new("x.txt"),
            b"title: a\npublished: 2025-13-40\n---\nb",
            None,
        )
        .expect_err("bad date");
        assert!(e.to_string().starts_with("x.txt:2:"), "{e}");
    }

    #[test]
    fn invalid_utf8_is_an_error() {
        let e = Document::from_bytes(Path::new("x.txt"), b"ok \xff", None).expect_err("utf8");
        assert!(e.to_string().contains("offset 3"), "{e}");
    }

    #[test]
    fn date_override_wins() {
        let d = Document::from_bytes(
            Path::new("a.txt"),
            b"published: 2020-01-01\n---\nx",
            NaiveDate::from_ymd_opt(2021, 2, 3),
        )
        .expect("parses");
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2021, 2, 3));
    }
}
