//! conflictkg: news about armed conflict and diplomacy → a knowledge graph you can query.
//!
//! The flow (see `docs/ARCHITECTURE.md`): [`document`] reads a text and its metadata,
//! [`sentences`] splits it with exact offsets, [`extract`] finds mentions of [`catalogue`]
//! entities and the statements the [`rules`] describe, [`rdf`] maps them to triples in the
//! vocabulary of [`vocab`], and [`store`] writes them to a persistent Oxigraph store that
//! [`export`] and [`server`] read.
//!
//! ```
//! use conflictkg::document::Document;
//! use conflictkg::extract::Extractor;
//!
//! let extractor = Extractor::builtin().expect("built-in catalogue and rules");
//! let text = "published: 2025-10-14\n---\nPakistani airstrikes hit Kabul on Sunday, officials said.";
//! let doc = Document::from_bytes(std::path::Path::new("wire.txt"), text.as_bytes(), None)
//!     .expect("a valid document");
//! let x = extractor.extract(doc);
//! let strike = x.events.iter().find(|e| e.types.iter().any(|t| t == "Airstrike")).expect("an airstrike");
//! assert_eq!(strike.agents, ["state/pakistan"]);
//! assert_eq!(strike.date.map(|d| d.lexical()).as_deref(), Some("2025-10-12"));
//! ```
pub mod app;
pub mod catalogue;
pub mod cli;
pub mod dates;
pub mod document;
pub mod error;
pub mod export;
pub mod extract;
pub mod html;
pub mod model;
pub mod rdf;
pub mod report;
pub mod rules;
pub mod sentences;
pub mod server;
pub mod store;
pub mod text;
pub mod vocab;

pub use error::{Error, Result};
