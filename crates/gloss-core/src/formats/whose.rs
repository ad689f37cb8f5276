//! Whose layer an annotation is in, as the formats other than Gloss JSON write and read it:
//! who made it (`created_by`) and whether it is in the curated layer (`curated`). See
//! [`crate::model::layers`] for what a layer is; each format says it in its own terms (W3C
//! `creator`, CSV columns, Label Studio annotation sets, doccano lines, brat attributes).

use std::collections::BTreeMap;

use crate::model::{Annotation, Document};

/// An annotation's layer as a file carries it. Ordered as exports write layers: people's
/// layers before the curated one, the unnamed (the exporting person's, unsigned) first, then
/// by name.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Whose {
    pub curated: bool,
    pub created_by: Option<String>,
}

impl Whose {
    /// The layer `a` is in.
    pub fn of(a: &Annotation) -> Whose {
        Whose {
            curated: a.curated,
            created_by: a.created_by.clone(),
        }
    }

    /// A layer from what a file says: `created_by` made a name ([`name`]).
    pub fn new(created_by: Option<&str>, curated: bool) -> Whose {
        Whose {
            curated,
            created_by: created_by.and_then(name),
        }
    }

    /// Whether the file says nothing about it: the importing person's own layer.
    pub fn is_unsaid(&self) -> bool {
        !self.curated && self.created_by.is_none()
    }

    /// Puts the layer on an annotation read from a file.
    pub fn apply(&self, a: &mut Annotation) {
        a.created_by.clone_from(&self.created_by);
        a.curated = self.curated;
    }

    /// What an id derived from an annotation's place (files without ids of their own) adds for
    /// its layer, so that two people's marks on the same words get two ids. Nothing for an
    /// annotation whose layer the file does not say: its id stays what it always was.
    pub fn id_parts(&self) -> Vec<&str> {
        if self.is_unsaid() {
            return Vec::new();
        }
        vec![
            "layer",
            if self.curated { "curated" } else { "" },
            self.created_by.as_deref().unwrap_or(""),
        ]
    }
}

/// A person's name as a file gives it: trimmed; `None` when nothing is left.
pub fn name(raw: &str) -> Option<String> {
    Some(raw.trim())
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
}

/// `doc`'s annotations by layer, in [`Whose`] order, each layer's in the document's order.
pub fn layers_of(doc: &Document) -> Vec<(Whose, Vec<&Annotation>)> {
    let mut by: BTreeMap<Whose, Vec<&Annotation>> = BTreeMap::new();
    for a in &doc.annotations {
        by.entry(Whose::of(a)).or_default().push(a);
    }
    by.into_iter().collect()
}

/// The names of the people whose annotations `documents` hold (curators included), sorted,
/// each once.
pub fn names(documents: &[&Document]) -> Vec<String> {
    let mut out: Vec<String> = documents
        .iter()
        .flat_map(|d| d.annotations.iter())
        .filter_map(|a| a.created_by.clone())
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::layers::tests::by;
    use crate::model::Timestamp;

    #[test]
    fn layers_come_unnamed_first_then_by_name_then_curated() {
        let mut doc = Document::new("t".into(), None, "a".into(), Timestamp(0));
        doc.annotations = vec![
            by(Some("Cleo"), true),
            by(Some("Ben"), false),
            by(None, false),
            by(Some("Ana"), false),
            by(Some("Ben"), false),
        ];
        let got: Vec<(Whose, usize)> = layers_of(&doc)
            .into_iter()
            .map(|(w, list)| (w, list.len()))
            .collect();
        assert_eq!(
            got,
            vec![
                (Whose::new(None, false), 1),
                (Whose::new(Some("Ana"), false), 1),
                (Whose::new(Some("Ben"), false), 2),
                (Whose::new(Some("Cleo"), true), 1),
            ]
        );
        assert_eq!(names(&[&doc]), ["Ana", "Ben", "Cleo"]);
    }

    #[test]
    fn names_are_trimmed_and_blank_is_none() {
        assert_eq!(name("  Ana Ruiz \n"), Some("Ana Ruiz".to_owned()));
        assert_eq!(name(" \t"), None);
        assert!(Whose::new(Some("  "), false).is_unsaid());
        assert!(Whose::new(None, false).id_parts().is_empty());
        assert!(!Whose::new(None, true).id_parts().is_empty());
    }
}
