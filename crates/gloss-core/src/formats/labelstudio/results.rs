//! A task's results before they become annotations: how many a task holds (to refuse a file
//! over the limit before reading it), and the region of a `labels` result.

use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::Value;

use super::links;

/// How many results a task holds (those it would be read from), read without building its
/// values.
#[derive(Deserialize)]
struct Count {
    #[serde(default)]
    annotations: Option<Vec<CountSet>>,
    #[serde(default)]
    completions: Option<Vec<CountSet>>,
    #[serde(default)]
    predictions: Option<Vec<CountSet>>,
}

#[derive(Deserialize)]
struct CountSet {
    #[serde(default)]
    result: Option<Vec<IgnoredAny>>,
}

pub(super) fn count_results(raw: &str) -> usize {
    let sum = |sets: Option<Vec<CountSet>>| -> usize {
        sets.unwrap_or_default()
            .iter()
            .map(|s| s.result.as_ref().map_or(0, Vec::len))
            .sum()
    };
    serde_json::from_str::<Count>(raw).map_or(0, |c| {
        let people = sum(c.annotations) + sum(c.completions);
        if people > 0 {
            people
        } else {
            sum(c.predictions)
        }
    })
}

/// One `labels` result, read.
pub(super) struct LabelsResult<'a> {
    pub id: Option<&'a str>,
    pub name: String,
    pub start: u64,
    pub end: u64,
    pub quote: Option<&'a str>,
    pub labels: Vec<&'a str>,
    /// The entity its `meta` names: id, and name when given.
    pub entity: Option<(&'a str, Option<&'a str>)>,
    /// The result itself (its `meta` may hold a claim's sources).
    pub result: &'a Value,
}

/// A `labels` result's region; `Err` is its name and why it is not read.
pub(super) fn labels_result<'a>(
    result: &'a Value,
    id: Option<&'a str>,
    name: String,
) -> Result<LabelsResult<'a>, (String, String)> {
    let Some(value) = result.get("value").and_then(Value::as_object) else {
        return Err((name, "it has no “value”".into()));
    };
    let offset = |key: &str| value.get(key).and_then(Value::as_u64);
    let (Some(start), Some(end)) = (offset("start"), offset("end")) else {
        return Err((
            name,
            "its value.start or value.end is missing or not a whole number ≥ 0 (Gloss reads regions of plain text, not of HTML)".into(),
        ));
    };
    let labels: Vec<&str> = match value.get("labels") {
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if labels.is_empty() {
        return Err((name, "it has no label in value.labels".into()));
    }
    Ok(LabelsResult {
        id,
        name,
        start,
        end,
        quote: value.get("text").and_then(Value::as_str),
        labels,
        entity: links::entity(result),
        result,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_people_first() {
        let task = r#"{"data": {}, "annotations": [{"result": [1, 2]}, {"result": [3]}], "predictions": [{"result": [1, 2, 3, 4]}]}"#;
        assert_eq!(count_results(task), 3);
        let task = r#"{"data": {}, "annotations": [], "predictions": [{"result": [1, 2, 3, 4]}]}"#;
        assert_eq!(count_results(task), 4);
        assert_eq!(count_results("[]"), 0);
    }
}
