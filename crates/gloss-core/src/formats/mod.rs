//! Formats work leaves and enters Gloss in. Pure: no browser API, tested natively.
//!
//! One module per format, each with a pure `export` and `import`; this module names them for
//! the "Export" menu ([`Format`]), writes the file a person downloads ([`export`]) and tells
//! from a file's content which format it is in ([`import`], [`import_files`]). Whatever the
//! format, an import is a [`Parsed`] file merged by [`merge_into`].

pub mod brat;
pub mod claimreview;
pub mod csv;
pub mod doccano;
pub mod foreign;
pub mod gloss;
pub mod labelstudio;
pub mod links;
mod merge;
mod names;
pub mod parsed;
pub mod time;
pub mod w3c;
pub mod whose;

use std::collections::BTreeMap;

use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

pub use merge::{merge_into, place};
pub use parsed::{ExportError, FileError, Imported, Parsed, Problem, MAX_FILE_BYTES};

use crate::model::{Document, Timestamp};

/// The formats "Export" offers, in the menu's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Gloss,
    W3c,
    Brat,
    Doccano,
    LabelStudio,
    Csv,
}

/// What an export covers: the open article, or the whole library.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Article,
    Library,
}

/// A file ready to download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFile {
    pub name: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Gloss,
        Format::W3c,
        Format::Brat,
        Format::Doccano,
        Format::LabelStudio,
        Format::Csv,
    ];

    /// The menu item's name (a promise to people and tests: keep it).
    pub fn name(self) -> &'static str {
        match self {
            Format::Gloss => "Gloss JSON",
            Format::W3c => "W3C Web Annotation",
            Format::Brat => "brat standoff",
            Format::Doccano => "doccano JSONL",
            Format::LabelStudio => "Label Studio JSON",
            Format::Csv => "CSV",
        }
    }

    /// What follows the title in the file's name.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Gloss => ".gloss.json",
            Format::W3c => ".w3c.json",
            Format::Brat => ".zip",
            Format::Doccano => ".jsonl",
            Format::LabelStudio => ".labelstudio.json",
            Format::Csv => ".csv",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Gloss | Format::LabelStudio => "application/json",
            Format::W3c => "application/ld+json",
            Format::Brat => "application/zip",
            Format::Doccano => "application/jsonl",
            Format::Csv => "text/csv",
        }
    }

    /// The download's name: `<title><extension>` for an article; for the library
    /// `gloss-library-<date>.gloss.json` (Gloss JSON) or `gloss-library<extension>`.
    pub fn file_name(self, scope: Scope, title: &str, at: Timestamp) -> String {
        match (scope, self) {
            (Scope::Article, _) => format!("{}{}", file_stem(title), self.extension()),
            (Scope::Library, Format::Gloss) => {
                let date = time::to_rfc3339(at);
                format!(
                    "gloss-library-{}.gloss.json",
                    date.get(..10).unwrap_or("export")
                )
            }
            (Scope::Library, _) => format!("gloss-library{}", self.extension()),
        }
    }
}

/// Writes `documents` in `format` as one file. `title` names an article's download.
pub fn export(
    format: Format,
    documents: &[&Document],
    scope: Scope,
    title: &str,
    at: Timestamp,
) -> Result<ExportFile, ExportError> {
    let bytes = match format {
        Format::Gloss => gloss::export(documents, at)?.into_bytes(),
        Format::W3c => w3c::export(documents, at)?.into_bytes(),
        Format::Brat => brat::export(documents)?,
        Format::Doccano => doccano::export(documents)?.into_bytes(),
        Format::LabelStudio => labelstudio::export(documents)?.into_bytes(),
        Format::Csv => csv::export(documents)?,
    };
    Ok(ExportFile {
        name: format.file_name(scope, title, at),
        mime: format.mime(),
        bytes,
    })
}

/// The Label Studio labelling config that shows Gloss's three labels in its colours, as its
/// own download.
pub fn label_studio_config() -> ExportFile {
    ExportFile {
        name: "gloss-label-studio-config.xml".to_owned(),
        mime: "application/xml",
        bytes: labelstudio::config().into_bytes(),
    }
}

/// A name for files: the title with characters file systems refuse replaced, at most 80
/// characters, `article` when nothing is left.
pub fn file_stem(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_matches('.').trim();
    let short: String = cleaned.chars().take(80).collect();
    if short.is_empty() {
        "article".to_owned()
    } else {
        short
    }
}

/// Gloss's colour for each label (`--claim`, `--quote`, `--actor` in styles/tokens.css), as
/// the brat and Label Studio configs give them.
pub(crate) fn colour(label: crate::model::Label) -> &'static str {
    use crate::model::Label;
    match label {
        Label::Claim => "#e69f00",
        Label::Quote => "#0072b2",
        Label::Actor => "#009e73",
    }
}

pub(crate) fn sha256_hex(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

/// Which reader a file's content calls for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detected {
    Format(Format),
    /// A brat `.ann` file: it needs its `.txt`.
    BratAnn,
    /// Not a format Gloss imports (an article's text, say).
    Unknown,
}

/// Tells a file's format from its first bytes and, for JSON, the names at its top level (never
/// from its name). JSON that is none of the formats, or not JSON at all, is given to the Gloss
/// JSON reader, whose messages say what is wrong.
pub fn detect(bytes: &[u8]) -> Detected {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Detected::Format(Format::Brat);
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(body) else {
        return Detected::Unknown;
    };
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return Detected::Format(detect_json(trimmed));
    }
    if csv::looks_like(text) {
        return Detected::Format(Format::Csv);
    }
    if brat::looks_like_ann(text) {
        return Detected::BratAnn;
    }
    Detected::Unknown
}

fn detect_json(text: &str) -> Format {
    // One cheap pass tells a Gloss file (and a file too deep to read, which the Gloss reader
    // refuses in words) without parsing it here as well as in the reader.
    match gloss::shape(text) {
        gloss::Shape::TooDeep | gloss::Shape::GlossObject => return Format::Gloss,
        gloss::Shape::Other => {}
    }
    let keys = |raw: &str| -> Option<Vec<String>> {
        serde_json::from_str::<BTreeMap<String, &RawValue>>(raw)
            .ok()
            .map(|m| m.into_keys().collect())
    };
    let kind = |keys: &[String]| -> Option<Format> {
        let has = |k: &str| keys.iter().any(|x| x == k);
        if has("format") && has("documents") {
            Some(Format::Gloss)
        } else if has("@context")
            || has("target")
            || (has("type") && (has("first") || has("items")))
            || (has("total") && has("rows"))
        {
            Some(Format::W3c)
        } else if has("data") && (has("annotations") || has("predictions") || has("id")) {
            Some(Format::LabelStudio)
        } else if has("text") && (has("label") || has("entities") || has("labels")) {
            Some(Format::Doccano)
        } else {
            None
        }
    };
    if let Some(keys) = keys(text) {
        return kind(&keys).unwrap_or(Format::Gloss);
    }
    if let Ok(list) = serde_json::from_str::<Vec<&RawValue>>(text) {
        return list
            .first()
            .and_then(|first| keys(first.get()))
            .and_then(|k| kind(&k))
            .unwrap_or(Format::Gloss);
    }
    // Not one JSON value: one JSON object per line with a "text" is doccano's JSONL (the first
    // object decides, so a broken first line is reported by the doccano reader, by number).
    let first_object = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .take(20)
        .find_map(keys);
    match first_object {
        Some(keys) if keys.iter().any(|k| k == "text") => Format::Doccano,
        _ => Format::Gloss,
    }
}

/// Reads a file in whichever format its content is in. `Err` refuses it as a whole.
pub fn import(bytes: &[u8], at: Timestamp) -> Result<Parsed, FileError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge { size: bytes.len() });
    }
    let text = || {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        std::str::from_utf8(body).map_err(|_| FileError::NotUtf8)
    };
    match detect(bytes) {
        Detected::Format(Format::Gloss) => gloss::parse(text()?, at),
        Detected::Format(Format::W3c) => w3c::import(bytes, at),
        Detected::Format(Format::Brat) => brat::import_zip(bytes, at),
        Detected::Format(Format::Doccano) => doccano::import(bytes, at),
        Detected::Format(Format::LabelStudio) => labelstudio::import(bytes, at),
        Detected::Format(Format::Csv) => Err(FileError::Csv),
        Detected::BratAnn => Err(FileError::invalid(
            "brat standoff",
            "a .ann file holds only the annotations: import it together with its .txt (choose or drop both), or import the zip Gloss exports",
        )),
        Detected::Unknown if text().is_err() => Err(FileError::NotUtf8),
        Detected::Unknown => Err(FileError::Unrecognised),
    }
}

/// What a chosen or dropped file turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Arrival {
    /// Annotations to merge (or the reason the file was refused).
    Import {
        name: String,
        file: Result<Parsed, FileError>,
    },
    /// Not annotations: text to open as an article (only for dropped files).
    Article { name: String, bytes: Vec<u8> },
}

/// Reads several files chosen or dropped together. A brat `.ann` and the `.txt` with the same
/// name are read as one article; with `dropped`, a file that is no annotation format opens
/// as an article instead of being refused.
pub fn import_files(files: Vec<(String, Vec<u8>)>, dropped: bool, at: Timestamp) -> Vec<Arrival> {
    let stem = |name: &str| {
        name.rsplit_once('.')
            .map_or(name, |(stem, _)| stem)
            .to_owned()
    };
    let kinds: Vec<Detected> = files.iter().map(|(_, bytes)| detect(bytes)).collect();
    // The .txt of each .ann, by name.
    let mut partner: BTreeMap<usize, usize> = BTreeMap::new();
    for ((i, (name, _)), kind) in files.iter().enumerate().zip(&kinds) {
        if *kind != Detected::BratAnn {
            continue;
        }
        let want = stem(name);
        let found =
            files
                .iter()
                .zip(&kinds)
                .enumerate()
                .position(|(j, ((other, _), other_kind))| {
                    j != i
                        && *other_kind == Detected::Unknown
                        && stem(other) == want
                        && !partner.values().any(|&t| t == j)
                });
        if let Some(j) = found {
            partner.insert(i, j);
        }
    }
    let taken: Vec<usize> = partner.values().copied().collect();
    let mut out = Vec::new();
    for (i, ((name, bytes), kind)) in files.iter().zip(&kinds).enumerate() {
        if taken.contains(&i) {
            continue;
        }
        let json_name = [".json", ".jsonl"]
            .iter()
            .any(|ext| name.to_lowercase().ends_with(ext));
        if let Some((txt_name, txt)) = partner.get(&i).and_then(|&j| files.get(j)) {
            out.push(Arrival::Import {
                name: format!("{txt_name} + {name}"),
                file: brat::import_pair(txt, bytes, &stem(txt_name), at),
            });
            continue;
        }
        if dropped && *kind == Detected::Unknown && !json_name {
            out.push(Arrival::Article {
                name: name.clone(),
                bytes: bytes.clone(),
            });
            continue;
        }
        // A file named JSON that is not: the JSON reader says what is wrong with it.
        let file = match (*kind, std::str::from_utf8(bytes)) {
            (Detected::Unknown, Ok(text)) if json_name => gloss::parse(text, at),
            _ => import(bytes, at),
        };
        // An article that merely begins with `{` or `[` is not a broken JSON file: dropped
        // under a name that does not say JSON, it opens as the text it is.
        let not_json = matches!(
            file,
            Err(FileError::NotJson(_) | FileError::Truncated { .. } | FileError::NotGloss(_))
        );
        if dropped && not_json && !json_name {
            out.push(Arrival::Article {
                name: name.clone(),
                bytes: bytes.clone(),
            });
        } else {
            out.push(Arrival::Import {
                name: name.clone(),
                file,
            });
        }
    }
    out
}
