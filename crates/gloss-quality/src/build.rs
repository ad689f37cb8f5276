//! From a gold source (`NAME.src`, see [`crate::markup`]) to the two committed files: the
//! article (`NAME.txt`, the source without its tags) and its gold annotations
//! (`NAME.gloss.json`, written by gloss-core's own text preparation and Gloss JSON writer).
//! Ids and times are fixed (made from the name), so the same source always gives the same bytes.

use std::collections::BTreeMap;
use std::fmt;

use gloss_core::formats::gloss;
use gloss_core::model::text::prepare_article;
use gloss_core::model::{
    text_order, Annotation, AnnotationId, DocumentId, Entity, EntityId, Label, Span, Timestamp,
};
use uuid::{Builder, Uuid};

use crate::markup::{self, MarkupError, TagKind, Which};

/// The note a gold indirect quote carries.
pub const INDIRECT: &str = "indirect";

/// When every gold annotation was made (2026-12-01T00:00:00Z): fixed, so the files are stable.
pub const AT: Timestamp = Timestamp(1_796_083_200_000);

/// The two files a source gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Built {
    pub txt: String,
    pub json: String,
}

/// Why a source did not build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuildError {
    Markup(MarkupError),
    /// The text is not canonical (a CR or a BOM): offsets would shift.
    NotCanonical,
    /// Gloss refused the text (empty, too large).
    Refused(String),
    /// A tag lies in the date marker, outside the annotatable text.
    InMarker {
        at: usize,
    },
    /// Two keys whose names share their last word: most likely one person given two keys.
    TwoKeys {
        name: String,
        other: String,
    },
    /// A quote names a speaker with no fitting mention.
    NoSpeaker {
        quote: String,
        key: String,
    },
    Export(String),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Markup(e) => write!(f, "{e}"),
            BuildError::NotCanonical => {
                f.write_str("the text has a CR or a BOM; write it with LF line ends")
            }
            BuildError::Refused(e) => write!(f, "Gloss refuses the text: {e}"),
            BuildError::InMarker { at } => {
                write!(f, "a tag at code point {at} lies in the date marker")
            }
            BuildError::NoSpeaker { quote, key } => {
                write!(f, "the quote “{quote}” names speaker `{key}`, who has no mention on that side of it")
            }
            BuildError::TwoKeys { name, other } => write!(
                f,
                "“{name}” and “{other}” have different keys but the same last word: give them one key"
            ),
            BuildError::Export(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for BuildError {}

/// A fixed id for the `n`th thing of `kind` in article `name`.
fn fixed_id(name: &str, kind: &str, n: usize) -> Uuid {
    // FNV-1a over the name and kind, twice with different seeds, and the number.
    let hash = |seed: u64| {
        let mut h = seed;
        for b in name.bytes().chain([0]).chain(kind.bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h
    };
    let a = hash(0xcbf2_9ce4_8422_2325);
    let b = hash(0x8422_2325_cbf2_9ce4) ^ n as u64;
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&a.to_be_bytes());
    bytes[8..].copy_from_slice(&b.to_be_bytes());
    Builder::from_random_bytes(bytes).into_uuid()
}

/// Builds the files of article `name` from its source.
pub fn build(name: &str, src: &str) -> Result<Built, BuildError> {
    let marked = markup::parse(src).map_err(BuildError::Markup)?;
    let txt = marked.text;
    if gloss_core::model::text::canonicalize(&txt) != txt {
        return Err(BuildError::NotCanonical);
    }
    let file_name = format!("{name}.txt");
    let prepared = prepare_article(&txt, "", Some(&file_name))
        .map_err(|e| BuildError::Refused(e.to_string()))?;
    // The body is the end of the text: everything before it is the date marker.
    let shift = txt.chars().count() - prepared.text.chars().count();
    let mut doc = prepared.into_document(AT);
    doc.id = DocumentId(fixed_id(name, "document", 0));

    let mut tags = marked.tags;
    tags.sort_by_key(|t| (t.start, std::cmp::Reverse(t.end)));
    let mut spans = Vec::with_capacity(tags.len());
    for t in &tags {
        let span = t
            .start
            .checked_sub(shift)
            .and_then(|s| Span::new(s, t.end - shift))
            .ok_or(BuildError::InMarker { at: t.start })?;
        spans.push(span);
    }

    // Entities: one per key, named with its longest mention.
    let mut names: BTreeMap<&str, String> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    for (t, span) in tags.iter().zip(&spans) {
        if t.kind == TagKind::Actor {
            let mention = doc.quote(*span).to_owned();
            let slot = names.entry(&t.key).or_insert_with(|| {
                order.push(&t.key);
                String::new()
            });
            if mention.chars().count() > slot.chars().count() {
                *slot = mention;
            }
        }
    }
    let last = |n: &str| n.split_whitespace().last().unwrap_or("").to_owned();
    for (i, a) in order.iter().enumerate() {
        for b in order.iter().skip(i + 1) {
            let (na, nb) = (names.get(a).cloned(), names.get(b).cloned());
            if let (Some(na), Some(nb)) = (na, nb) {
                if last(&na) == last(&nb) {
                    return Err(BuildError::TwoKeys {
                        name: na,
                        other: nb,
                    });
                }
            }
        }
    }
    let entity_of: BTreeMap<&str, EntityId> = order
        .iter()
        .enumerate()
        .map(|(i, k)| (*k, EntityId(fixed_id(name, "entity", i))))
        .collect();
    doc.entities = order
        .iter()
        .filter_map(|k| {
            Some(Entity {
                id: *entity_of.get(k)?,
                name: names.get(k)?.clone(),
            })
        })
        .collect();

    let ids: Vec<AnnotationId> = (0..tags.len())
        .map(|i| AnnotationId(fixed_id(name, "annotation", i)))
        .collect();
    let mentions: Vec<(usize, &str, Span)> = tags
        .iter()
        .zip(&spans)
        .enumerate()
        .filter(|(_, (t, _))| t.kind == TagKind::Actor)
        .map(|(i, (t, s))| (i, t.key.as_str(), *s))
        .collect();
    for (i, (t, span)) in tags.iter().zip(&spans).enumerate() {
        let mut a = Annotation::new(ids[i], Label::Actor, *span, AT);
        match t.kind {
            TagKind::Actor => a.entity = entity_of.get(t.key.as_str()).copied(),
            TagKind::DirectQuote | TagKind::IndirectQuote => {
                a.label = Label::Quote;
                if t.kind == TagKind::IndirectQuote {
                    a.note = INDIRECT.to_owned();
                }
                if !t.key.is_empty() {
                    let mut of_key = mentions.iter().filter(|(_, k, _)| *k == t.key);
                    let found = match t.which {
                        Which::Before => of_key.rfind(|(_, _, s)| s.start < span.start),
                        Which::After => of_key.find(|(_, _, s)| s.start >= span.end),
                    };
                    let (j, _, _) = found.ok_or_else(|| BuildError::NoSpeaker {
                        quote: doc.quote(*span).to_owned(),
                        key: t.key.clone(),
                    })?;
                    a.source = Some(ids[*j]);
                }
            }
        }
        doc.annotations.push(a);
    }
    doc.annotations.sort_by(text_order);
    let json = gloss::export(&[&doc], AT).map_err(|e| BuildError::Export(e.to_string()))?;
    // Gloss exports compact JSON; the labelled set is read and reviewed by people, so it is
    // kept pretty-printed (keys sorted, as it always was: a reviewer's diff shows only what
    // changed).
    let json = serde_json::from_str::<serde_json::Value>(&json)
        .and_then(|value| serde_json::to_string_pretty(&value))
        .map_err(|e| BuildError::Export(e.to_string()))?;
    Ok(Built {
        txt,
        json: json + "\n",
    })
}
