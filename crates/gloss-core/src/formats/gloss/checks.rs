//! A claim's fact-check in a Gloss JSON file (version 3): `"verdict"` (a verdict's slug, or its
//! words) and `"sources"` (`[{"url", "title", "note"}]`). What is not valid is dropped with its
//! reason and the annotation itself is imported; only claims carry a check.

use serde_json::{json, Map, Value};

use super::annotation::shorten;
use crate::model::verdict::{check_url, Evidence, UrlError, Verdict};
use crate::model::{Annotation, Label};

/// A check read from an annotation, and the reason for every part that was dropped.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Check {
    pub verdict: Option<Verdict>,
    pub evidence: Vec<Evidence>,
    pub dropped: Vec<String>,
}

/// The slugs Gloss knows, for a message: "true, mostly-true, …, unverifiable".
fn known_verdicts() -> String {
    Verdict::ALL.map(Verdict::slug).join(", ")
}

/// Why a check on a `label` annotation that is not a claim was dropped (`None`: it had none).
/// Every reader says it so.
pub(crate) fn not_a_claim(label: Label, verdict: bool, sources: bool) -> Option<String> {
    let what = match (verdict, sources) {
        (true, true) => "its verdict and sources were",
        (true, false) => "its verdict was",
        (false, true) => "its sources were",
        (false, false) => return None,
    };
    Some(format!(
        "only a claim has a verdict and sources, so {what} dropped (the {} itself was imported)",
        label.slug()
    ))
}

/// Why source link `n` (from 1) was left out for its address.
pub(crate) fn refused_source(n: usize, why: &UrlError) -> String {
    format!("its source link {n} was left out: {why}")
}

/// Adds source link `n` (from 1) to `evidence` unless the claim cites its address already
/// (then the reason goes to `dropped`); whether it was added.
pub(crate) fn add_source(
    evidence: &mut Vec<Evidence>,
    n: usize,
    e: Evidence,
    dropped: &mut Vec<String>,
) -> bool {
    if evidence.iter().any(|x| x.url == e.url) {
        dropped.push(format!(
            "its source link {n} repeats the address “{}”; the second was left out",
            shorten(&e.url)
        ));
        false
    } else {
        evidence.push(e);
        true
    }
}

/// A verdict written by slug or by name; `Err` is why it was dropped.
pub(crate) fn read_verdict(value: Option<&Value>) -> Result<Option<Verdict>, String> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Verdict::parse(s).map(Some).ok_or_else(|| {
            format!(
                "its verdict “{}” is not one Gloss knows ({}); it was imported without a verdict",
                shorten(s),
                known_verdicts()
            )
        }),
        Some(_) => Err("its verdict is not text; it was imported without a verdict".into()),
    }
}

/// One source link: an object with a `url` Gloss accepts; `title` and `note` as they are.
/// `Err` is why it was left out (`n` counts from 1).
pub(crate) fn read_source(n: usize, value: &Value) -> Result<(Evidence, Vec<String>), String> {
    let Value::Object(o) = value else {
        return Err(format!(
            "its source link {n} is not an object with a “url”; it was left out"
        ));
    };
    let url = match o.get("url") {
        Some(Value::String(url)) => url,
        Some(_) => {
            return Err(format!(
                "the URL of its source link {n} is not text; the link was left out"
            ))
        }
        None => return Err(format!("its source link {n} has no “url”; it was left out")),
    };
    let url = check_url(url).map_err(|why| refused_source(n, &why))?;
    let mut notes = Vec::new();
    let mut text = |name: &str| match o.get(name) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(_) => {
            notes.push(format!(
                "the {name} of its source link {n} is not text; the link was kept without it"
            ));
            String::new()
        }
    };
    let (title, note) = (text("title"), text("note"));
    Ok((Evidence { url, title, note }, notes))
}

/// A list of source links; each one not valid, and each second link to the same URL (a claim
/// cites an address once), is left out with its reason.
pub(crate) fn read_sources(value: Option<&Value>) -> (Vec<Evidence>, Vec<String>) {
    let items = match value {
        None | Some(Value::Null) => return (Vec::new(), Vec::new()),
        Some(Value::Array(items)) => items,
        Some(_) => {
            return (
                Vec::new(),
                vec!["its “sources” is not a list; it was imported without sources".into()],
            )
        }
    };
    let mut evidence: Vec<Evidence> = Vec::new();
    let mut dropped = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match read_source(i + 1, item) {
            Ok((e, notes)) => {
                if add_source(&mut evidence, i + 1, e, &mut dropped) {
                    dropped.extend(notes);
                }
            }
            Err(why) => dropped.push(why),
        }
    }
    (evidence, dropped)
}

/// The check of an annotation object with this label: only a claim keeps one.
pub(crate) fn read_check(o: &Map<String, Value>, label: Label) -> Check {
    let mut check = Check::default();
    let verdict = o.get("verdict").filter(|v| !v.is_null());
    let sources = o
        .get("sources")
        .filter(|v| !v.is_null() && v.as_array().is_none_or(|list| !list.is_empty()));
    if label != Label::Claim {
        check
            .dropped
            .extend(not_a_claim(label, verdict.is_some(), sources.is_some()));
        return check;
    }
    check.verdict = read_verdict(verdict).unwrap_or_else(|why| {
        check.dropped.push(why);
        None
    });
    let (evidence, dropped) = read_sources(sources);
    check.evidence = evidence;
    check.dropped.extend(dropped);
    check
}

/// Writes a claim's check on its object: `verdict` when it has one, `sources` when it has any
/// (absent means "not checked yet" and "no sources"). Other labels have none to write.
pub(crate) fn write_check(o: &mut Map<String, Value>, a: &Annotation) {
    if a.label != Label::Claim {
        return;
    }
    if let Some(verdict) = a.verdict {
        o.insert("verdict".into(), json!(verdict.slug()));
    }
    if !a.evidence.is_empty() {
        o.insert("sources".into(), sources_value(&a.evidence));
    }
}

/// Source links as Gloss writes them: `[{"url", "title", "note"}]`.
pub(crate) fn sources_value(evidence: &[Evidence]) -> Value {
    evidence
        .iter()
        .map(|e| json!({"url": e.url, "title": e.title, "note": e.note}))
        .collect()
}
