//! What an annotation's target says: which article (its `source`), and where on it (the
//! quote and position selectors).

use serde_json::{Map, Value};

/// What an annotation's target says: which article, and the selectors on it.
pub(super) struct Target<'a> {
    pub source: Option<&'a str>,
    pub selectors: Vec<&'a Map<String, Value>>,
}

/// What an annotation's selectors say: its quote with context, and its position.
#[derive(Default)]
pub(super) struct Selected {
    pub quote: Option<String>,
    pub prefix: String,
    pub suffix: String,
    pub position: Option<(u64, u64)>,
}

/// The first `TextQuoteSelector` and the first `TextPositionSelector` of a target (Hypothesis
/// adds a `RangeSelector` over the page's HTML, which means nothing on Gloss's plain text).
pub(super) fn selected(target: &Target) -> Selected {
    let mut out = Selected::default();
    for s in &target.selectors {
        match s.get("type").and_then(Value::as_str) {
            Some("TextQuoteSelector") if out.quote.is_none() => {
                let text = |k: &str| s.get(k).and_then(Value::as_str).map(str::to_owned);
                out.quote = text("exact");
                out.prefix = text("prefix").unwrap_or_default();
                out.suffix = text("suffix").unwrap_or_default();
            }
            Some("TextPositionSelector") if out.position.is_none() => {
                // Kept as u64 until checked against the text (an offset of 10^15 must read as
                // off the text on 32-bit wasm too).
                let n = |k: &str| s.get(k).and_then(Value::as_u64);
                out.position = n("start").zip(n("end"));
            }
            _ => {}
        }
    }
    out
}

/// The target that says the most: the first with selectors, else the first at all. A target
/// is an IRI, a resource with an `id`, or a specific resource with a `source` and selectors.
pub(super) fn target_of(o: &Map<String, Value>) -> Option<Target<'_>> {
    match o.get("target")? {
        Value::Array(list) => {
            let mut all: Vec<Target> = list.iter().filter_map(one_target).collect();
            let best = all
                .iter()
                .position(|t| !t.selectors.is_empty())
                .unwrap_or(0);
            (best < all.len()).then(|| all.swap_remove(best))
        }
        t => one_target(t),
    }
}

fn one_target(t: &Value) -> Option<Target<'_>> {
    match t {
        Value::String(iri) => Some(Target {
            source: Some(iri.as_str()),
            selectors: Vec::new(),
        }),
        Value::Object(t) => {
            let source = match t.get("source") {
                Some(Value::String(s)) => Some(s.as_str()),
                Some(Value::Object(s)) => s.get("id").and_then(Value::as_str),
                _ => t.get("id").and_then(Value::as_str),
            };
            let selectors = match t.get("selector") {
                Some(Value::Object(s)) => vec![s],
                Some(Value::Array(list)) => list.iter().filter_map(Value::as_object).collect(),
                _ => Vec::new(),
            };
            Some(Target { source, selectors })
        }
        _ => None,
    }
}
