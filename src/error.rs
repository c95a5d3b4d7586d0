//! Typed errors of the library. Each names the file and, where it can, the position at fault.
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not valid UTF-8 (first invalid byte at offset {offset})")]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{path}:{line}: {message}")]
    Metadata {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Data { path: String, message: String },
    #[error("{path}:{line}:{column}: {message}")]
    Toml {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("query: {0}")]
    Query(String),
    #[error("store {path}: {message}")]
    Store { path: String, message: String },
    #[error("{0}")]
    Other(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A TOML parse error located in `path` (line and column are 1-based).
    pub fn toml(path: &str, text: &str, err: &toml::de::Error) -> Error {
        let (line, column) = match err.span() {
            Some(span) => line_col(text, span.start),
            None => (0, 0),
        };
        Error::Toml {
            path: path.to_string(),
            line,
            column,
            message: err.message().to_string(),
        }
    }
}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, byte: usize) -> (usize, usize) {
    let byte = byte.min(text.len());
    let before = &text[..floor_char_boundary(text, byte)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
