//! A document's lists of places, each `{"label": "quote", "start": 10, "end": 42}` in code
//! points: `"rejected_suggestions"` (version 4), the suggestions a person turned down for it, so
//! they are not suggested again after an import; and `"curation_left_out"` (version 5), the
//! disagreements settled with nothing kept in the curated layer. An entry that is not valid is
//! left out and reported.

use serde_json::Value;

use super::Problem;
use crate::model::offsets::TextIndex;
use crate::model::{Label, Rejection, Span};

/// Which list of places an article has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Places {
    /// `"rejected_suggestions"`: suggestions turned down.
    Rejected,
    /// `"curation_left_out"`: disagreements settled with nothing kept in the curated layer.
    LeftOut,
}

impl Places {
    /// The article's field.
    pub fn key(self) -> &'static str {
        match self {
            Places::Rejected => "rejected_suggestions",
            Places::LeftOut => "curation_left_out",
        }
    }

    /// What one entry is called in a report.
    fn what(self) -> &'static str {
        match self {
            Places::Rejected => "rejected suggestion",
            Places::LeftOut => "place left out of the curated layer",
        }
    }
}

/// The article's list of `places` (sorted, each once), reporting every entry left out.
pub fn read(
    places: Places,
    article: &serde_json::Map<String, Value>,
    index: &TextIndex,
    document: &str,
    problems: &mut Vec<Problem>,
) -> Vec<Rejection> {
    let (key, what, value) = (places.key(), places.what(), article.get(places.key()));
    let mut report = |reason: String| {
        problems.push(Problem {
            document: document.to_owned(),
            annotation: None,
            reason,
        })
    };
    let list = match value {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(list)) => list,
        Some(_) => {
            report(format!("its “{key}” is not a list; none were imported"));
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(list.len());
    for (i, entry) in list.iter().enumerate() {
        match one(entry, index.len_cp()) {
            Ok(r) => out.push(r),
            Err(why) => report(format!("{what} {} was left out: {why}", i + 1)),
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn one(entry: &Value, len: usize) -> Result<Rejection, String> {
    let label = match entry.get("label").and_then(Value::as_str) {
        Some("claim") => Label::Claim,
        Some("quote") => Label::Quote,
        Some("actor") => Label::Actor,
        Some(other) => return Err(format!("its label “{other}” is not claim, quote or actor")),
        None => return Err("it has no label".into()),
    };
    let point = |key: &str| entry.get(key).and_then(Value::as_u64).map(|v| v as usize);
    let (Some(start), Some(end)) = (point("start"), point("end")) else {
        return Err("its start or end is missing or not a whole number".into());
    };
    let span = Span::new(start, end).ok_or("it ends before it starts")?;
    if span.end > len {
        return Err(format!("it ends at {end}, past the text's end ({len})"));
    }
    Ok(Rejection { label, span })
}
