//! The file's top-level `"entities"` (version 2): the people and organisations its actors
//! stand for, each `{"id", "name"}`. An entity that is not valid is left out with its reason;
//! an actor that names an entity the file does not list keeps it, named after the mention.

use std::collections::BTreeSet;

use serde_json::Value;

use super::annotation::shorten;
use super::{Parsed, Problem};
use crate::model::{Entity, EntityId};

/// How reports name the list.
const LIST: &str = "The file's list of entities";

/// Reads the file's entities into `out.entities` (each id once, the first wins) and reports
/// every one left out. Returns the ids the file lists, those left out for a missing name
/// included (their actors are not reported again).
pub(super) fn read_entities(list: Option<&Value>, out: &mut Parsed) -> BTreeSet<EntityId> {
    let mut listed = BTreeSet::new();
    let items = match list {
        None | Some(Value::Null) => return listed,
        Some(Value::Array(items)) => items,
        Some(_) => {
            out.problems.push(Problem {
                document: LIST.into(),
                annotation: None,
                reason: "“entities” is not a list; actors are named after their mentions".into(),
            });
            return listed;
        }
    };
    for (i, item) in items.iter().enumerate() {
        let id = item
            .get("id")
            .and_then(Value::as_str)
            .and_then(|s| uuid::Uuid::parse_str(s).ok())
            .map(EntityId);
        let name = item
            .get("name")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|n| !n.is_empty());
        let which = Some(match name {
            Some(n) => format!("{} (“{}”)", i + 1, shorten(n)),
            None => format!("{}", i + 1),
        });
        let mut problem = |reason: String| {
            out.problems.push(Problem {
                document: LIST.into(),
                annotation: which.clone(),
                reason,
            })
        };
        let Some(id) = id else {
            problem("its id is missing or not a UUID; it was left out".into());
            continue;
        };
        if !listed.insert(id) {
            problem(format!(
                "its id {id} appears twice in the list; the second one was left out"
            ));
            continue;
        }
        match name {
            Some(name) => out.entities.push(Entity {
                id,
                name: name.to_owned(),
            }),
            None => problem(
                "its name is missing or empty; its actors are named after their mentions".into(),
            ),
        }
    }
    listed
}

/// The reason reported for an actor whose entity the file does not list.
pub(super) fn unlisted(entity: EntityId) -> String {
    format!(
        "its entity {entity} is not in the file's list of entities; it is named after the mention (or keeps the library's name for that id)"
    )
}
