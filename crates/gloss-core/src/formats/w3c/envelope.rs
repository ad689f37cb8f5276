//! The envelope of a W3C Web Annotation file: which of a collection, a page, one annotation or
//! a list of annotations it is, and its annotations, still raw, each read on its turn.

use std::collections::BTreeMap;

use serde_json::value::RawValue;
use serde_json::Value;

use super::read::{strings, NO_TARGET};
use super::NAME;
use crate::formats::parsed::{FileError, Problem, MAX_ANNOTATIONS};
use crate::model::text::excerpt;

pub(super) fn invalid(reason: impl Into<String>) -> FileError {
    FileError::invalid(NAME, reason)
}

/// A value of the file as a tree (the syntax check skips over what it cannot represent: a lone
/// UTF-16 surrogate escape, say, which only shows here).
pub(super) fn value_of(raw: &RawValue) -> Result<Value, String> {
    serde_json::from_str(raw.get()).map_err(|e| e.to_string())
}

/// The members of a JSON object, each still raw; `None` when `raw` is no object (or one with
/// a name that cannot be read).
pub(super) fn members_of(raw: &RawValue) -> Option<BTreeMap<String, &RawValue>> {
    serde_json::from_str(raw.get()).ok()
}
/// The `type` (or `@type`) names of an object given raw.
fn raw_types(members: &BTreeMap<String, &RawValue>) -> Vec<String> {
    members
        .get("type")
        .or_else(|| members.get("@type"))
        .and_then(|raw| value_of(raw).ok())
        .map(|v| strings(Some(&v)).into_iter().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// The annotations of the file, still raw, whatever its shape; `Err` when the file holds none
/// that Gloss could find (JSON-LD of something else, a collection whose pages are elsewhere).
pub(super) fn envelope<'a>(
    whole: &'a RawValue,
    problems: &mut Vec<Problem>,
) -> Result<Vec<&'a RawValue>, FileError> {
    if let Ok(list) = serde_json::from_str::<Vec<&RawValue>>(whole.get()) {
        let any = list.iter().any(|raw| {
            members_of(raw).is_some_and(|m| {
                m.contains_key("target") || raw_types(&m).iter().any(|t| t == "Annotation")
            })
        });
        if !list.is_empty() && !any {
            return Err(invalid(
                "it is a list, but none of its entries is an annotation (an object with a “target”)",
            ));
        }
        return Ok(list);
    }
    let Some(top) = members_of(whole) else {
        return Err(invalid("it is neither a JSON object nor a list"));
    };
    let types = raw_types(&top);
    let has = |t: &str| types.iter().any(|x| x == t);
    if has("AnnotationCollection") || (types.is_empty() && top.contains_key("first")) {
        collection(&top, problems)
    } else if has("AnnotationPage") || (types.is_empty() && top.contains_key("items")) {
        let mut items = Vec::new();
        page(&top, &mut items, problems)?;
        Ok(items)
    } else if has("Annotation") || (types.is_empty() && top.contains_key("target")) {
        Ok(vec![whole])
    } else if let Some(rows) = top.get("rows").filter(|_| types.is_empty()) {
        // Hypothesis's search API: `{"total": n, "rows": [annotation, …]}`.
        serde_json::from_str::<Vec<&RawValue>>(rows.get())
            .map_err(|_| invalid("its “rows” is not a list of annotations"))
    } else {
        let what = if types.is_empty() {
            "it has no “type”".to_owned()
        } else {
            format!("its type is “{}”", excerpt(&types.join(", "), 60))
        };
        let json_ld = if top.contains_key("@context") {
            "it is JSON-LD, but not Web Annotations: "
        } else {
            ""
        };
        Err(invalid(format!(
            "{json_ld}{what}; Gloss reads an AnnotationCollection, an AnnotationPage, an Annotation or a list of annotations"
        )))
    }
}

/// A collection's annotations: those of its first page, when the file holds that page.
fn collection<'a>(
    top: &BTreeMap<String, &'a RawValue>,
    problems: &mut Vec<Problem>,
) -> Result<Vec<&'a RawValue>, FileError> {
    let total = top
        .get("total")
        .and_then(|raw| value_of(raw).ok())
        .and_then(|v| v.as_u64());
    let Some(first) = top.get("first") else {
        return match total {
            None | Some(0) => Ok(Vec::new()),
            Some(n) => Err(invalid(format!(
                "the collection says it has {n} annotations but holds no page of them (“first” is missing)"
            ))),
        };
    };
    if let Some(members) = members_of(first) {
        let mut items = Vec::new();
        page(&members, &mut items, problems)?;
        return Ok(items);
    }
    let link = value_of(first)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    Err(invalid(format!(
        "its annotations are not in the file: its first page is only a link (“{}”); Gloss reads the pages themselves (save the page the link leads to, and import that)",
        excerpt(&link, 80)
    )))
}

/// A page's annotations into `items`, then those of the pages it embeds as `next`. (A page
/// that only links its next page is reported: Gloss fetches nothing.)
fn page<'a>(
    members: &BTreeMap<String, &'a RawValue>,
    items: &mut Vec<&'a RawValue>,
    problems: &mut Vec<Problem>,
) -> Result<(), FileError> {
    let list = members
        .get("items")
        .and_then(|raw| serde_json::from_str::<Vec<&RawValue>>(raw.get()).ok())
        .ok_or_else(|| invalid("its page of annotations has no “items” list"))?;
    if items.len().saturating_add(list.len()) > MAX_ANNOTATIONS {
        return Err(FileError::TooManyAnnotations(
            items.len().saturating_add(list.len()),
        ));
    }
    items.extend(list);
    let Some(next) = members.get("next") else {
        return Ok(());
    };
    match members_of(next) {
        // Nested pages are bounded by the depth check of the whole file.
        Some(next) => page(&next, items, problems),
        None => {
            let link = value_of(next)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            problems.push(Problem {
                document: NO_TARGET.to_owned(),
                annotation: None,
                reason: format!(
                    "it links to a further page of annotations (“{}”) that is not in the file; only the annotations in the file were read",
                    excerpt(&link, 80)
                ),
            });
            Ok(())
        }
    }
}
