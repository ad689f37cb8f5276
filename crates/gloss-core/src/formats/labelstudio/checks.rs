//! A claim's fact-check in Label Studio's terms: its verdict is a per-region `choices` result
//! (the config's `verdict` Choices, one choice, shown when a Claim region is selected), tied to
//! the claim's region by its id as the note's `textarea` is; its sources are in the region's
//! `meta` as `sources: [{"url", "title", "note"}]` (Label Studio keeps a region's meta as it is
//! given; it has no control for a list of links).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::formats::foreign::ForeignDocument;
use crate::formats::gloss::{read_sources, read_verdict, sources_value};
use crate::model::{Annotation, AnnotationId, Label, Verdict};

/// The name the config gives the verdict's Choices.
pub(super) const VERDICT: &str = "verdict";

/// The config's per-region Choices for a claim's verdict.
pub(super) fn config(to_name: &str) -> String {
    let choices: String = Verdict::ALL
        .iter()
        .map(|v| format!("      <Choice value=\"{}\"/>\n", v.name()))
        .collect();
    format!(
        r#"  <View visibleWhen="region-selected" whenLabelValue="Claim">
    <Header value="Verdict"/>
    <Choices name="{VERDICT}" toName="{to_name}" perRegion="true" choice="single" showInline="true">
{choices}    </Choices>
  </View>
"#
    )
}

/// A claim region's `meta` carrying its sources (`None` when it has none).
pub(super) fn meta(a: &Annotation) -> Option<Value> {
    (a.label == Label::Claim && !a.evidence.is_empty())
        .then(|| json!({ "sources": sources_value(&a.evidence) }))
}

/// The verdict's `choices` value of a claim, when it has one.
pub(super) fn choice(a: &Annotation) -> Option<Value> {
    let verdict = a.verdict.filter(|_| a.label == Label::Claim)?;
    Some(json!({
        "start": a.span.start,
        "end": a.span.end,
        "choices": [verdict.name()],
    }))
}

/// The sources a region's `meta` gives, put on the annotation `added` (reported when it is not
/// a claim, or a link is not valid).
pub(super) fn sources(doc: &mut ForeignDocument, added: AnnotationId, region: &Value) {
    let Some(list) = region.get("meta").and_then(|m| m.get("sources")) else {
        return;
    };
    let (evidence, dropped) = read_sources(Some(list));
    doc.set_check(added, None, evidence, dropped);
}

/// Whether a `choices` result is a verdict: from the `verdict` control, or every choice a
/// verdict's words.
fn is_verdict(result: &Value, choices: &[&str]) -> bool {
    let from = result
        .get("from_name")
        .and_then(Value::as_str)
        .unwrap_or("");
    from.eq_ignore_ascii_case(VERDICT)
        || (!choices.is_empty() && choices.iter().all(|c| Verdict::parse(c).is_some()))
}

/// Puts each verdict `choices` result on the annotation its region was added as; returns how
/// many `choices` results were not verdicts of an imported region (skipped, counted by type).
pub(super) fn verdicts(
    doc: &mut ForeignDocument,
    results: &[&Value],
    region_of: &BTreeMap<&str, AnnotationId>,
) -> usize {
    let mut other = 0;
    for result in results {
        let choices: Vec<&str> = result
            .get("value")
            .and_then(|v| v.get("choices"))
            .and_then(Value::as_array)
            .map(|list| list.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let region = result
            .get("id")
            .and_then(Value::as_str)
            .and_then(|id| region_of.get(id));
        let (Some(&added), true) = (region, is_verdict(result, &choices)) else {
            other += 1;
            continue;
        };
        let first = choices.first().map(|c| Value::String((*c).to_owned()));
        let mut dropped = Vec::new();
        let verdict = read_verdict(first.as_ref()).unwrap_or_else(|why| {
            dropped.push(why);
            None
        });
        if choices.len() > 1 {
            dropped.push(format!(
                "it has {} verdicts; the first was kept",
                choices.len()
            ));
        }
        doc.set_check(added, verdict, Vec::new(), dropped);
    }
    other
}
