//! brat standoff: per article a `<stem>.txt` (the text) and a `<stem>.ann` (its annotations,
//! one per line), in a zip with the `annotation.conf` and `visual.conf` that make brat show
//! Gloss's three labels in Gloss's colours.
//!
//! brat counts offsets in characters of the `.txt` as the file has it: Python string indices,
//! that is Unicode code points, half-open, with every `\r` of a CRLF text counted. Its `.ann`
//! is read line by line, so the text it repeats after each span cannot hold a line break: a
//! span that crosses one is written as brat's discontinuous form, one fragment per line.
//!
//! - [`ann`]: the `.ann` line syntax and its writing (no text, no zip).
//! - [`lines`]: the `.ann` lines read.
//! - [`conf`]: the two configuration files.
//! - [`links`]: sources as `R` lines, entities as `N` lines.
//! - [`checks`]: a claim's verdict as an `A` line (its sources do not travel in brat).
//! - [`layer`]: whose layer an annotation is in, as the `Annotator` and `Curated` attributes.
//! - [`write`]: the export, one zip for one article or the whole library.
//! - [`read`]: an article from its `.txt` and `.ann`, checked against the text.
//! - [`archive`]: the pairs of a zip, read within Gloss's limits.

mod ann;
mod archive;
mod checks;
mod conf;
mod layer;
mod lines;
mod links;
mod read;
mod write;

pub use archive::{import_zip, MAX_ENTRIES};
pub use conf::{annotation_conf, annotation_conf_with, visual_conf};
pub use layer::{decode as decode_name, encode as encode_name};
pub use lines::looks_like_ann;
pub use read::import_pair;
pub use write::export;

/// How messages name the format.
pub const NAME: &str = "brat standoff";
