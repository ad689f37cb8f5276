//! Reading a Gloss JSON file: the envelope (see `envelope`), the file's entities, then each
//! article and annotation, each with a reason when it is not valid. Nothing here looks at the
//! library.

use std::collections::BTreeSet;
use std::rc::Rc;

use serde_json::Value;

use super::annotation::{extras, read_annotation, shorten, Read};
use super::entities::{read_entities, unlisted};
use super::envelope::{envelope, value_of, RawAnnotations, RawDocument};
use super::rejected::Places;
use super::{sha256_hex, FileError, Parsed, ParsedDocument, Problem};
use crate::formats::parsed::Matching;
use crate::model::offsets::TextIndex;
use crate::model::text::{canonicalize, first_words, MAX_ARTICLE_BYTES};
use crate::model::{ArticleDate, DocumentId, Label, Timestamp};

const DOC_FIELDS: [&str; 8] = [
    "id",
    "title",
    "date",
    "text",
    "text_sha256",
    "annotations",
    "rejected_suggestions",
    "curation_left_out",
];

/// Reads and checks a Gloss JSON file without looking at the library: what is valid, and a
/// reason for every part that is not. `Err` refuses the whole file. The app parses a file
/// before it dispatches anything, so the reducer only merges.
pub fn parse(json: &str, at: Timestamp) -> Result<Parsed, FileError> {
    let file = envelope(json)?;
    let mut out = Parsed::default();
    let listed = read_entities(file.entities.as_ref(), &mut out);
    let documents = file.documents;
    let mut seen_docs = BTreeSet::new();
    let mut seen_annotations = BTreeSet::new();
    for (i, raw) in documents.iter().enumerate() {
        let position = format!("Article {}", i + 1);
        let RawDocument::Object {
            fields: o,
            annotations: raw_annotations,
        } = raw
        else {
            out.problems.push(Problem {
                document: position,
                annotation: None,
                reason: "it is not a JSON object".into(),
            });
            continue;
        };
        let title = o
            .get("title")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let name = title.map_or(position.clone(), |t| {
            format!("{position} (“{}”)", shorten(t))
        });
        let problem = |reason: String| Problem {
            document: name.clone(),
            annotation: None,
            reason,
        };
        let Some(id) = o
            .get("id")
            .and_then(Value::as_str)
            .and_then(|s| uuid::Uuid::parse_str(s).ok())
            .map(DocumentId)
        else {
            out.problems
                .push(problem("its id is missing or not a UUID".into()));
            continue;
        };
        if !seen_docs.insert(id) {
            out.problems.push(problem(format!(
                "its id {id} appears twice in the file; the second one was skipped"
            )));
            continue;
        }
        let Some(text) = o.get("text").and_then(Value::as_str) else {
            out.problems.push(problem("its text is missing".into()));
            continue;
        };
        if text.len() > MAX_ARTICLE_BYTES {
            out.problems.push(problem(format!(
                "its text is larger than {} MB",
                MAX_ARTICLE_BYTES / (1024 * 1024)
            )));
            continue;
        }
        if text.trim().is_empty() {
            out.problems.push(problem("its text is empty".into()));
            continue;
        }
        if canonicalize(text) != text {
            out.problems.push(problem("its text contains carriage returns or a byte-order mark, so its offsets cannot be trusted".into()));
            continue;
        }
        match o.get("text_sha256") {
            None | Some(Value::Null) => {}
            Some(Value::String(h)) if h.eq_ignore_ascii_case(&sha256_hex(text)) => {}
            Some(_) => {
                out.problems.push(problem(
                    "its text does not match its text_sha256 (the text was changed or damaged)"
                        .into(),
                ));
                continue;
            }
        }
        let date = match o.get("date") {
            None | Some(Value::Null) => None,
            Some(Value::String(d)) => match ArticleDate::parse(d) {
                Some(date) => Some(date),
                None => {
                    out.problems.push(problem(format!("its date “{}” is not a calendar date (YYYY-MM-DD); imported without a date", shorten(d))));
                    None
                }
            },
            Some(_) => {
                out.problems.push(problem(
                    "its date is not text; imported without a date".into(),
                ));
                None
            }
        };
        let index = TextIndex::new(Rc::from(text));
        let places = |list, problems: &mut Vec<Problem>| {
            super::rejected::read(list, o, &index, &name, problems)
        };
        let rejected = places(Places::Rejected, &mut out.problems);
        let left_out = places(Places::LeftOut, &mut out.problems);
        let mut incoming = Vec::new();
        let annotations = match raw_annotations {
            RawAnnotations::Absent => &[][..],
            RawAnnotations::List(list) => list.as_slice(),
            RawAnnotations::NotList => {
                out.problems
                    .push(problem("“annotations” is not a list".into()));
                &[][..]
            }
        };
        for (j, raw) in annotations.iter().enumerate() {
            let value = value_of(raw)?;
            let a = &value;
            // How a problem names the annotation: written only when there is one (for every
            // annotation it was a sizeable part of reading a large file).
            let label = || {
                a.get("id")
                    .and_then(Value::as_str)
                    .map_or(format!("{}", j + 1), |s| {
                        format!("{} ({})", j + 1, shorten(s))
                    })
            };
            match read_annotation(a, &index, at) {
                Ok(Read { incoming: inc, .. }) if !seen_annotations.insert(inc.annotation.id) => {
                    out.problems.push(Problem {
                        document: name.clone(),
                        annotation: Some(label()),
                        reason: format!("its id {} is used twice in the file", inc.annotation.id),
                    })
                }
                Ok(Read {
                    incoming: inc,
                    dropped,
                }) => {
                    let mut report = |reason: String| {
                        out.problems.push(Problem {
                            document: name.clone(),
                            annotation: Some(label()),
                            reason,
                        })
                    };
                    dropped.into_iter().for_each(&mut report);
                    let a = &inc.annotation;
                    if let Some(entity) = a.entity.filter(|_| a.label == Label::Actor) {
                        if !listed.contains(&entity) {
                            report(unlisted(entity));
                        }
                    }
                    incoming.push(inc);
                }
                Err(reason) => out.problems.push(Problem {
                    document: name.clone(),
                    annotation: Some(label()),
                    reason,
                }),
            }
        }
        out.documents.push(ParsedDocument {
            id,
            matching: Matching::Id,
            title: title.map_or_else(|| first_words(text, 8, 60), str::to_owned),
            date,
            text: Rc::from(text),
            extra: extras(o, &DOC_FIELDS),
            name,
            incoming,
            entities: Vec::new(),
            rejected,
            left_out,
        });
    }
    Ok(out)
}
