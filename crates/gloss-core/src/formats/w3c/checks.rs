//! A claim's fact-check in Web Annotation terms, as bodies of the claim's annotation (§3.3.5,
//! purposes), so each annotation stays whole on its own:
//!
//! - its verdict: a `TextualBody` with purpose `assessing` ("to assess the target resource in
//!   some way"), its `value` the verdict's words ("Mostly true"), which name one verdict each;
//! - each source: a `SpecificResource` with purpose `linking` whose `source` is the web page
//!   (`id` its address, as a URI: see `iri`; `label` its title when it has one). The actor a claim is said by is a
//!   `linking` body too, but to an annotation (`urn:uuid:…`): an `http(s)` address is a source,
//!   anything else an annotation (see `links`).
//! - a source's note: a `TextualBody` with purpose `describing` right after its source's body.
//!   The model has no note on a specific resource, and the W3C test suite refuses an `id` on a
//!   body with a purpose that is not a specific resource (it takes it for an external
//!   resource), so no id can pair them: the order does (Gloss reads JSON, in its order).
//!
//! Reading: a verdict by its words (or its slug), in any case; a source whose address Gloss
//! refuses (`javascript:`, `data:`, no site name) is left out with its reason, as are a second
//! link to the same address and a check on anything but a claim.

use serde_json::{json, Map, Value};

use super::iri::{to_iri, to_uri};
use super::read::strings;
use crate::formats::gloss::shorten;
use crate::formats::gloss::{add_source, not_a_claim, refused_source};
use crate::model::verdict::check_url;
use crate::model::{Annotation, Evidence, Label, Verdict};

/// Schemes of IRIs that can only be meant as a web link, never as an annotation: a `linking`
/// body naming one is a source (refused, and said so, when it is not `http(s)`).
const LINK_SCHEMES: [&str; 6] = [
    "http:",
    "https:",
    "javascript:",
    "data:",
    "vbscript:",
    "file:",
];

/// Whether a `linking` body's IRI names a web page (a claim's source) rather than an
/// annotation (a quote's or claim's actor).
pub(super) fn is_web_link(iri: &str) -> bool {
    let iri = iri.trim_start();
    LINK_SCHEMES.iter().any(|scheme| {
        iri.get(..scheme.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
    })
}

/// The bodies that carry a claim's check (none for other labels).
pub(super) fn bodies(a: &Annotation) -> Vec<Value> {
    let mut out = Vec::new();
    if a.label != Label::Claim {
        return out;
    }
    if let Some(verdict) = a.verdict {
        out.push(json!({
            "type": "TextualBody",
            "purpose": "assessing",
            "value": verdict.name(),
            "format": "text/plain",
        }));
    }
    for e in &a.evidence {
        let mut source = Map::new();
        source.insert("id".into(), json!(to_uri(&e.url)));
        if !e.title.is_empty() {
            source.insert("label".into(), json!(e.title));
        }
        out.push(json!({
            "type": "SpecificResource",
            "purpose": "linking",
            "source": source,
        }));
        if !e.note.is_empty() {
            out.push(json!({
                "type": "TextualBody",
                "purpose": "describing",
                "value": e.note,
                "format": "text/plain",
            }));
        }
    }
    out
}

/// A check read from an annotation's bodies, and the reason for every part left out.
#[derive(Debug, Default)]
pub(super) struct Check {
    pub verdict: Option<Verdict>,
    pub evidence: Vec<Evidence>,
    pub dropped: Vec<String>,
}

fn has_purpose(b: &Map<String, Value>, purpose: &str) -> bool {
    strings(b.get("purpose")).contains(&purpose)
}

/// The verdict of the first `assessing` body; `Err` is why it was left out.
fn verdict(bodies: &[&Map<String, Value>]) -> Result<Option<Verdict>, String> {
    let Some(b) = bodies.iter().find(|b| has_purpose(b, "assessing")) else {
        return Ok(None);
    };
    let value = b.get("value").and_then(Value::as_str);
    value
        .and_then(Verdict::parse)
        .map(Some)
        .ok_or_else(|| {
            format!(
                "its assessment “{}” is not a verdict Gloss knows ({}); it was imported without a verdict",
                shorten(value.unwrap_or("")),
                Verdict::ALL.map(Verdict::name).join(", ")
            )
        })
}

/// A web page a `linking` body names: its address and its title.
type WebLink<'a> = (&'a str, &'a str);

/// The web page a `linking` body names, with its title: `None` when it names an annotation.
fn web_link(b: &Map<String, Value>) -> Option<WebLink<'_>> {
    let (iri, title) = match b.get("source") {
        Some(Value::String(iri)) => (iri.as_str(), ""),
        Some(Value::Object(o)) => (
            o.get("id").and_then(Value::as_str)?,
            o.get("label").and_then(Value::as_str).unwrap_or(""),
        ),
        _ => return None,
    };
    is_web_link(iri).then_some((iri, title))
}

/// The check an annotation's bodies give, for an annotation with this label.
pub(super) fn read(bodies: &[&Map<String, Value>], label: Label) -> Check {
    let mut check = Check::default();
    // Each web link with the note of the `describing` body right after it.
    let links: Vec<(WebLink, &str)> = bodies
        .iter()
        .enumerate()
        .filter(|(_, b)| has_purpose(b, "linking"))
        .filter_map(|(i, b)| {
            let note = bodies
                .get(i + 1)
                .filter(|next| has_purpose(next, "describing"))
                .and_then(|next| next.get("value").and_then(Value::as_str))
                .unwrap_or("");
            web_link(b).map(|link| (link, note))
        })
        .collect();
    let assessed = bodies.iter().any(|b| has_purpose(b, "assessing"));
    if label != Label::Claim {
        check
            .dropped
            .extend(not_a_claim(label, assessed, !links.is_empty()));
        return check;
    }
    check.verdict = verdict(bodies).unwrap_or_else(|why| {
        check.dropped.push(why);
        None
    });
    for (n, ((iri, title), note)) in links.into_iter().enumerate() {
        let n = n + 1;
        let url = match check_url(&to_iri(iri)) {
            Ok(url) => url,
            Err(why) => {
                check.dropped.push(refused_source(n, &why));
                continue;
            }
        };
        let e = Evidence {
            url,
            title: title.to_owned(),
            note: note.to_owned(),
        };
        add_source(&mut check.evidence, n, e, &mut check.dropped);
    }
    check
}
