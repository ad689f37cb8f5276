//! What a doccano file is made of, before its articles are read: its items (JSONL lines, the
//! objects of a JSON array, or one object), how many spans they hold, and a line that is not
//! JSON said in words.

use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::syntax_error;
use crate::formats::parsed::FileError;

/// One line (or list item) that is not JSON, said for a person.
pub(super) fn line_error(e: &serde_json::Error) -> String {
    match e.classify() {
        serde_json::error::Category::Eof => "it is not valid JSON: it ends too early".to_owned(),
        serde_json::error::Category::Data => {
            format!("it holds a value JSON readers cannot represent ({e})")
        }
        _ => format!("it is not valid JSON (column {}: {e})", e.column()),
    }
}

/// How many spans an article holds, read without building its values (to refuse a file over
/// the limit before reading it).
#[derive(Deserialize)]
struct Count {
    #[serde(default)]
    label: Option<Vec<IgnoredAny>>,
    #[serde(default)]
    labels: Option<Vec<IgnoredAny>>,
    #[serde(default)]
    entities: Option<Vec<IgnoredAny>>,
}

pub(super) fn count_spans(raw: &str) -> usize {
    serde_json::from_str::<Count>(raw).map_or(0, |c| {
        [c.label, c.labels, c.entities]
            .iter()
            .map(|l| l.as_ref().map_or(0, Vec::len))
            .sum()
    })
}

/// The articles of a file: each with how reports name it and its JSON text.
pub(super) fn items(text: &str) -> Result<Vec<(String, &str)>, FileError> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') {
        // doccano's "JSON" export: one array of objects.
        let list: Vec<&RawValue> = serde_json::from_str(text).map_err(|e| syntax_error(&e))?;
        return Ok(list
            .into_iter()
            .enumerate()
            .map(|(i, raw)| (format!("Item {}", i + 1), raw.get()))
            .collect());
    }
    if serde_json::from_str::<&RawValue>(text).is_ok() {
        // One object (pretty-printed, as doccano's own examples are).
        return Ok(vec![("The article".to_owned(), text)]);
    }
    // JSONL: every line that is not blank is one object.
    Ok(text
        .split('\n')
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| (format!("Line {}", i + 1), line))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_by_shape() {
        let names = |t: &str| -> Vec<String> {
            items(t)
                .expect("items")
                .into_iter()
                .map(|(n, _)| n)
                .collect()
        };
        assert_eq!(names("{\"text\": \"a\"}\n"), ["The article"]);
        assert_eq!(
            names("[{\"text\": \"a\"}, {\"text\": \"b\"}]"),
            ["Item 1", "Item 2"]
        );
        assert_eq!(
            names("{\"text\": \"a\"}\r\n\r\n{\"text\": \"b\"}\r\n"),
            ["Line 1", "Line 3"]
        );
        assert_eq!(
            count_spans("{\"label\": [[0, 1, \"X\"]], \"entities\": [{}, {}]}"),
            3
        );
    }
}
