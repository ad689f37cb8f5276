//! A claim's fact-check in doccano's terms: doccano has no place for a span's verdict or links
//! (it drops fields it does not know from a span), but keeps a line's other keys as the
//! example's metadata and writes them back. So, as for entities, Gloss writes the line's
//! checked claims as `gloss_checks`: `[{"start", "end", "verdict", "sources"}]`, each naming its
//! claim by its span (`verdict` a slug, absent when not checked yet; `sources` as in Gloss
//! JSON, absent when none).

use serde_json::{json, Map, Value};

use super::read::Seen;
use crate::formats::foreign::ForeignDocument;
use crate::formats::gloss::{read_sources, read_verdict, write_check};
use crate::model::{Document, Label};

/// The metadata key Gloss writes its checks under.
pub const CHECKS: &str = "gloss_checks";

/// The checked claims of `doc`, in text order.
pub(super) fn checks_of(doc: &Document) -> Vec<Value> {
    doc.annotations
        .iter()
        .filter(|a| a.label == Label::Claim && a.is_checked())
        .map(|a| {
            let mut o = Map::new();
            o.insert("start".into(), json!(a.span.start));
            o.insert("end".into(), json!(a.span.end));
            write_check(&mut o, a);
            Value::Object(o)
        })
        .collect()
}

/// Reads `gloss_checks`, each entry on the claim span of the line it names (`seen`).
pub(super) fn read(doc: &mut ForeignDocument, list: &Value, seen: &Seen) {
    let Value::Array(list) = list else {
        doc.problem(None, format!("its “{CHECKS}” is not a list; skipped"));
        return;
    };
    for (j, entry) in list.iter().enumerate() {
        let name = Some(format!("check {}", j + 1));
        let offset = |key: &str| entry.get(key).and_then(Value::as_u64);
        let claim = offset("start")
            .zip(offset("end"))
            .and_then(|(start, end)| doc.span_of(start, end, None).ok())
            .and_then(|span| seen.get(&(span, Label::Claim)));
        let Some(&claim) = claim else {
            doc.problem(
                name,
                "its start and end are not a claim span of the line; left out".into(),
            );
            continue;
        };
        let mut dropped = Vec::new();
        let verdict = read_verdict(entry.get("verdict")).unwrap_or_else(|why| {
            dropped.push(why);
            None
        });
        let (evidence, more) = read_sources(entry.get("sources"));
        dropped.extend(more);
        doc.set_check(claim, verdict, evidence, dropped);
    }
}
