//! Reading W3C Web Annotation files: the envelope first (size, depth, syntax, and which of a
//! collection, a page, one annotation or a list of annotations it is), then each annotation on
//! its turn, with a reason for every one not read. Annotations come without their article's
//! text, so nothing is placed here: each becomes a [`Loose`] in the group of its target's
//! `source`, placed by `merge::place` when the file is merged.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::envelope::{envelope, value_of};
use super::target::{selected, target_of, Selected};
use super::{checks, layer, links};
use crate::formats::foreign::{derived_uuid, label_of, uuid_of, Skipped};
use crate::formats::gloss::{shorten, too_deep};
use crate::formats::parsed::{
    FileError, Loose, LooseGroup, Parsed, Problem, MAX_ANNOTATIONS, MAX_FILE_BYTES,
};
use crate::formats::time::from_rfc3339;
use crate::model::text::excerpt;
use crate::model::{Annotation, AnnotationId, EntityId, Extra, Label, Span, Timestamp};

/// What reports call an annotation whose target cannot be told.
pub(super) const NO_TARGET: &str = "The file";

/// Reads a Web Annotation file. `Err` refuses it as a whole (too large, not JSON, nested too
/// deep, too many annotations, or JSON that holds no annotations).
pub fn import(bytes: &[u8], at: Timestamp) -> Result<Parsed, FileError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge { size: bytes.len() });
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(body).map_err(|_| FileError::NotUtf8)?;
    if too_deep(text) {
        return Err(FileError::TooDeep);
    }
    // Checks the whole file's syntax without building a tree of it: each annotation is built
    // only when its turn comes.
    let whole: &RawValue = serde_json::from_str(text).map_err(|e| {
        if e.classify() == serde_json::error::Category::Eof {
            FileError::Truncated { line: e.line() }
        } else {
            FileError::NotJson(e.to_string())
        }
    })?;
    let mut reader = Reader::new(at);
    let items = envelope(whole, &mut reader.parsed.problems)?;
    if items.len() > MAX_ANNOTATIONS {
        return Err(FileError::TooManyAnnotations(items.len()));
    }
    for (i, raw) in items.into_iter().enumerate() {
        reader.read(i + 1, raw);
    }
    Ok(reader.finish())
}

/// The strings of a value that may be one string or a list of them (`type`, `purpose`…).
pub(super) fn strings(value: Option<&Value>) -> Vec<&str> {
    match value {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// The annotations read so far, grouped by their target's source.
struct Reader {
    at: Timestamp,
    parsed: Parsed,
    groups: BTreeMap<String, usize>,
    seen: BTreeSet<uuid::Uuid>,
    skipped: Skipped,
    untagged: usize,
    /// The IRI each annotation's `linking` body names, and the names given to entities.
    links: BTreeMap<AnnotationId, String>,
    names: BTreeMap<EntityId, String>,
}

impl Reader {
    fn new(at: Timestamp) -> Reader {
        Reader {
            at,
            parsed: Parsed::default(),
            groups: BTreeMap::new(),
            seen: BTreeSet::new(),
            skipped: Skipped::default(),
            untagged: 0,
            links: BTreeMap::new(),
            names: BTreeMap::new(),
        }
    }

    fn problem(&mut self, document: &str, annotation: String, reason: String) {
        self.parsed.problems.push(Problem {
            document: document.to_owned(),
            annotation: Some(annotation),
            reason,
        });
    }

    /// Reads the `position`th annotation of the file.
    fn read(&mut self, position: usize, raw: &RawValue) {
        let value = match value_of(raw) {
            Ok(value) => value,
            Err(e) => {
                return self.problem(
                    NO_TARGET,
                    position.to_string(),
                    format!("it cannot be read ({e})"),
                )
            }
        };
        let o = match &value {
            Value::Object(o) => o,
            Value::String(link) => {
                let reason = format!(
                    "it is only a link to an annotation (“{}”), not the annotation itself",
                    excerpt(link, 80)
                );
                return self.problem(NO_TARGET, position.to_string(), reason);
            }
            _ => {
                return self.problem(
                    NO_TARGET,
                    position.to_string(),
                    "it is not an annotation (not a JSON object)".into(),
                )
            }
        };
        let id = o.get("id").or_else(|| o.get("@id")).and_then(Value::as_str);
        let name = id.map_or(position.to_string(), |id| {
            format!("{position} ({})", shorten(id))
        });
        let types = strings(o.get("type").or_else(|| o.get("@type")));
        if !types.is_empty() && !types.contains(&"Annotation") {
            let reason = format!(
                "it is a “{}”, not an Annotation",
                excerpt(&types.join(", "), 40)
            );
            return self.problem(NO_TARGET, name, reason);
        }
        let Some(target) = target_of(o) else {
            return self.problem(
                NO_TARGET,
                name,
                "it has no target, so nothing says which text it marks".into(),
            );
        };
        let group = self.group(target.source);
        let document = self
            .parsed
            .loose
            .get(group)
            .map_or_else(|| NO_TARGET.to_owned(), |g| g.name.clone());
        let Some(label) = self.label(o) else {
            return;
        };
        let Selected {
            quote,
            prefix,
            suffix,
            position: position_sel,
        } = selected(&target);
        let note = note_of(o, label);
        let time = |k: &str| o.get(k).and_then(Value::as_str).and_then(from_rfc3339);
        let (created, modified) = (time("created"), time("modified"));
        let created_at = created.or(modified).unwrap_or(self.at);
        let (whose, unread) = layer::read(o);
        if let Some(reason) = unread {
            self.problem(&document, name.clone(), reason);
        }
        let own = id.and_then(uuid_of);
        if let Some(own) = own {
            if !self.seen.insert(own) {
                return self.problem(
                    &document,
                    name,
                    format!("its id {own} is used twice in the file; the second one was skipped"),
                );
            }
        }
        let uuid = own.unwrap_or_else(|| match id {
            // An id of the tool's own (Hypothesis: a URL) names the annotation just as well.
            Some(id) => derived_uuid(&["w3c annotation", id]),
            None => {
                let (s, e) = position_sel.map_or((String::new(), String::new()), |(s, e)| {
                    (s.to_string(), e.to_string())
                });
                let mut parts = vec![
                    "w3c annotation",
                    target.source.unwrap_or(""),
                    label.slug(),
                    quote.as_deref().unwrap_or(""),
                    &prefix,
                    &suffix,
                    &s,
                    &e,
                ];
                // Two people's marks on the same words are two annotations.
                parts.extend(whose.id_parts());
                derived_uuid(&parts)
            }
        });
        let (link, entity) = links::read(&bodies(o));
        let check = checks::read(&bodies(o), label);
        for reason in check.dropped {
            self.problem(&document, name.clone(), reason);
        }
        let source = link.map(|iri| {
            self.links.insert(AnnotationId(uuid), iri.clone());
            links::annotation_id(&iri)
        });
        if let Some((id, Some(name))) = &entity {
            self.names.entry(*id).or_insert_with(|| name.clone());
        }
        let loose = Loose {
            annotation: Annotation {
                id: AnnotationId(uuid),
                label,
                // Filled in when it is placed.
                span: Span { start: 0, end: 0 },
                note,
                created_at,
                updated_at: modified.unwrap_or(created_at),
                source,
                entity: entity.map(|(id, _)| id),
                verdict: check.verdict,
                evidence: check.evidence,
                created_by: whose.created_by,
                updated_by: None,
                curated: whose.curated,
                extra: Extra::new(),
            },
            dated: modified.is_some(),
            identified: own.is_some(),
            quote,
            prefix,
            suffix,
            position: position_sel,
        };
        if let Some(g) = self.parsed.loose.get_mut(group) {
            g.annotations.push(loose);
        }
    }

    /// The index of the group for `source` in `parsed.loose`, made when it is the first.
    fn group(&mut self, source: Option<&str>) -> usize {
        let key = source.map(str::trim).unwrap_or("");
        if let Some(&i) = self.groups.get(key) {
            return i;
        }
        let sha = key
            .get(..11)
            .filter(|p| p.eq_ignore_ascii_case("urn:sha256:"))
            .and_then(|_| key.get(11..))
            .filter(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()))
            .map(str::to_ascii_lowercase);
        let name = match (&sha, key) {
            (Some(sha), _) => format!(
                "The article whose text has SHA-256 {}…",
                sha.get(..12).unwrap_or(sha)
            ),
            (None, "") => "Annotations whose target names no article".to_owned(),
            (None, iri) => format!("“{}”", excerpt(iri, 60)),
        };
        let i = self.parsed.loose.len();
        self.parsed.loose.push(LooseGroup {
            text_sha256: sha,
            name,
            annotations: Vec::new(),
        });
        self.groups.insert(key.to_owned(), i);
        i
    }

    /// The annotation's Gloss label, from the value of a body whose purpose is tagging (or
    /// classifying), or a Hypothesis tag; `None` after counting it as skipped.
    fn label(&mut self, o: &Map<String, Value>) -> Option<Label> {
        let mut names: Vec<&str> = bodies(o)
            .into_iter()
            .filter(|b| is_tag(b))
            .filter_map(|b| b.get("value").and_then(Value::as_str))
            .collect();
        // Hypothesis's own API format keeps its tags beside the annotation.
        names.extend(strings(o.get("tags")));
        if let Some(label) = names.iter().find_map(|n| label_of(n)) {
            return Some(label);
        }
        match names.first() {
            Some(name) => {
                self.skipped.label(name);
            }
            None => self.untagged += 1,
        }
        None
    }

    fn finish(mut self) -> Parsed {
        self.skipped.report(&mut self.parsed);
        if self.untagged > 0 {
            self.parsed.problems.push(Problem {
                document: NO_TARGET.to_owned(),
                annotation: None,
                reason: format!(
                    "{} annotation{} skipped: {} no tag (Gloss reads the label, Claim, Quote or Actor, from a body with the purpose “tagging”)",
                    self.untagged,
                    if self.untagged == 1 { "" } else { "s" },
                    if self.untagged == 1 { "it has" } else { "they have" }
                ),
            });
        }
        // A group whose every annotation was skipped has nothing to place.
        self.parsed.loose.retain(|g| !g.annotations.is_empty());
        links::check(&mut self.parsed, &self.links, &self.names);
        self.parsed
    }
}

/// The bodies that are objects (a body given by IRI alone says nothing Gloss can read).
fn bodies(o: &Map<String, Value>) -> Vec<&Map<String, Value>> {
    match o.get("body") {
        Some(Value::Object(b)) => vec![b],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_object).collect(),
        _ => Vec::new(),
    }
}

fn purposes(b: &Map<String, Value>) -> Vec<&str> {
    strings(b.get("purpose"))
}

fn is_tag(b: &Map<String, Value>) -> bool {
    purposes(b)
        .iter()
        .any(|p| *p == "tagging" || *p == "classifying")
}

/// The note: the bodies whose purpose is commenting, and textual bodies without a purpose
/// (Hypothesis writes its comment so) other than the tag; else `bodyValue`, else Hypothesis's
/// `text`. Several are kept, a blank line between them.
fn note_of(o: &Map<String, Value>, label: Label) -> String {
    let notes: Vec<&str> = bodies(o)
        .into_iter()
        .filter(|b| {
            let purposes = purposes(b);
            if purposes.is_empty() {
                let textual = strings(b.get("type")).contains(&"TextualBody");
                let value = b.get("value").and_then(Value::as_str).unwrap_or("");
                (textual || b.contains_key("value")) && label_of(value) != Some(label)
            } else {
                purposes.contains(&"commenting")
            }
        })
        .filter_map(|b| b.get("value").and_then(Value::as_str))
        .filter(|v| !v.is_empty())
        .collect();
    if !notes.is_empty() {
        return notes.join("\n\n");
    }
    let plain = |k: &str| o.get(k).and_then(Value::as_str).map(str::to_owned);
    plain("bodyValue")
        .or_else(|| plain("text"))
        .unwrap_or_default()
}
