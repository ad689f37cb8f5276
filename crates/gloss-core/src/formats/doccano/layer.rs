//! Whose layer a line's spans are in, in doccano's terms. doccano keeps no annotator per span
//! in the files it imports (its own exports give each user's work in a file of its own, one
//! line per example), so Gloss writes a line per article and layer, each with that layer's
//! spans, and says whose it is in the line's metadata, as it does its entities and checks:
//! `gloss_created_by` (the name; absent when nobody is named) and `gloss_curated: true` (the
//! curated layer; absent otherwise). doccano keeps both as the example's metadata, shows them,
//! and writes them back in its exports.

use serde_json::{Map, Value};

use crate::formats::foreign::ForeignDocument;
use crate::formats::whose::Whose;

/// The metadata keys.
pub const CREATED_BY: &str = "gloss_created_by";
pub const CURATED: &str = "gloss_curated";

/// The layer a line says (none said: the importing person's own), each value that is not what
/// it should be reported and left out.
pub(super) fn read(doc: &mut ForeignDocument, o: &Map<String, Value>) -> Whose {
    let name = match o.get(CREATED_BY) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.as_str()),
        Some(_) => {
            doc.problem(
                None,
                format!("its “{CREATED_BY}” is not a name (text); its spans were imported into your own layer"),
            );
            None
        }
    };
    let curated = match o.get(CURATED) {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            doc.problem(
                None,
                format!(
                    "its “{CURATED}” is not true or false; its spans were imported as not curated"
                ),
            );
            false
        }
    };
    Whose::new(name, curated)
}
