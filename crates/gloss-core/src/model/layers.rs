//! Whose work an annotation is. Several people may mark the same article (by importing each
//! other's Gloss JSON, or through sync); each person's annotations are their **layer**, told
//! apart by `created_by`, and settled differences go into the **curated** layer. The article
//! shows one layer at a time ([`Showing`]), by default the person's own.
//!
//! An annotation without `created_by` (made before a name was given, or read from a file that
//! does not say) belongs to whoever uses this browser: it is in their own layer.

use super::{Annotation, Document};

/// Which layer an annotation is in, seen from the person using this browser (`me`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    /// The person's own: made by them, or by nobody named.
    Mine,
    /// Another annotator's, by the name they gave.
    Annotator(String),
    /// The curated (gold) layer, whoever curated it.
    Curated,
}

impl Layer {
    /// The layer `a` is in.
    pub fn of(a: &Annotation, me: Option<&str>) -> Layer {
        if a.curated {
            return Layer::Curated;
        }
        match a.created_by.as_deref() {
            None => Layer::Mine,
            Some(name) if Some(name) == me => Layer::Mine,
            Some(name) => Layer::Annotator(name.to_owned()),
        }
    }

    /// Whether `a` is in this layer.
    pub fn holds(&self, a: &Annotation, me: Option<&str>) -> bool {
        match self {
            Layer::Curated => a.curated,
            Layer::Mine => !a.curated && a.created_by.as_deref().is_none_or(|n| Some(n) == me),
            Layer::Annotator(name) => {
                !a.curated && a.created_by.as_deref() == Some(name) && Some(name.as_str()) != me
            }
        }
    }

    /// The name a person reads for it ("You" when they gave no name).
    pub fn name(&self, me: Option<&str>) -> String {
        match self {
            Layer::Mine => me.map_or_else(|| "You".to_owned(), str::to_owned),
            Layer::Annotator(name) => name.clone(),
            Layer::Curated => "Curated".to_owned(),
        }
    }
}

/// What the open article shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Showing {
    /// One layer.
    Layer(Layer),
    /// Every layer at once, each person's marks told apart; nothing can be changed.
    Everyone,
    /// The person's own layer (the default).
    #[default]
    Mine,
}

impl Showing {
    /// Whether `a` is shown.
    pub fn shows(&self, a: &Annotation, me: Option<&str>) -> bool {
        match self {
            Showing::Mine => Layer::Mine.holds(a, me),
            Showing::Layer(layer) => layer.holds(a, me),
            Showing::Everyone => true,
        }
    }

    /// Whether what is shown can be changed: one's own layer and the curated one can; another
    /// person's layer and everyone's at once are read-only.
    pub fn editable(&self) -> bool {
        matches!(
            self,
            Showing::Mine | Showing::Layer(Layer::Mine) | Showing::Layer(Layer::Curated)
        )
    }

    /// Whether new annotations go into the curated layer.
    pub fn curating(&self) -> bool {
        matches!(self, Showing::Layer(Layer::Curated))
    }

    /// The same choice, with `Layer(Mine)` written as `Mine`.
    pub fn normalized(self) -> Showing {
        match self {
            Showing::Layer(Layer::Mine) => Showing::Mine,
            other => other,
        }
    }

    /// What the switch says ("Showing: <name>").
    pub fn name(&self, me: Option<&str>) -> String {
        match self {
            Showing::Mine => Layer::Mine.name(me),
            Showing::Layer(layer) => layer.name(me),
            Showing::Everyone => "Everyone".to_owned(),
        }
    }
}

/// The layers of a document with how many annotations each holds: one's own first (also when
/// empty), then other annotators by name, then the curated layer when it has any.
pub fn layers(doc: &Document, me: Option<&str>) -> Vec<(Layer, usize)> {
    let mut found: Vec<(Layer, usize)> = vec![(Layer::Mine, 0)];
    for a in &doc.annotations {
        let layer = Layer::of(a, me);
        match found.iter_mut().find(|(l, _)| *l == layer) {
            Some((_, n)) => *n += 1,
            None => found.push((layer, 1)),
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// `doc` as it leaves this browser: every annotation that names nobody is signed with `me`
/// (it was made here before a name was given), so each says whose it is. The same document
/// when there is no name or nothing to sign.
pub fn signed(doc: &Document, me: Option<&str>) -> Option<Document> {
    let me = me?;
    if doc.annotations.iter().all(|a| a.created_by.is_some()) {
        return None;
    }
    let mut annotations = doc.annotations.clone();
    for a in annotations.iter_mut().filter(|a| a.created_by.is_none()) {
        a.created_by = Some(me.to_owned());
    }
    Some(doc.with_annotations(annotations))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{AnnotationId, Label, Span, Timestamp};

    /// A quote on the first character, made by `who`, curated or not (shared with the formats'
    /// layer tests).
    pub(crate) fn by(who: Option<&str>, curated: bool) -> Annotation {
        let mut a = Annotation::new(
            AnnotationId::random(),
            Label::Quote,
            Span { start: 0, end: 1 },
            Timestamp(0),
        );
        a.created_by = who.map(str::to_owned);
        a.curated = curated;
        a
    }

    #[test]
    fn each_annotation_is_in_exactly_one_layer() {
        let cases = [
            (
                "nobody named, no name given",
                None,
                false,
                None,
                Layer::Mine,
            ),
            (
                "nobody named, name given",
                None,
                false,
                Some("Ana"),
                Layer::Mine,
            ),
            ("made by me", Some("Ana"), false, Some("Ana"), Layer::Mine),
            (
                "made by another",
                Some("Ben"),
                false,
                Some("Ana"),
                Layer::Annotator("Ben".into()),
            ),
            (
                "named, and I gave none",
                Some("Ben"),
                false,
                None,
                Layer::Annotator("Ben".into()),
            ),
            (
                "curated by me",
                Some("Ana"),
                true,
                Some("Ana"),
                Layer::Curated,
            ),
            (
                "curated by another",
                Some("Ben"),
                true,
                Some("Ana"),
                Layer::Curated,
            ),
        ];
        let all = [
            Layer::Mine,
            Layer::Annotator("Ben".into()),
            Layer::Annotator("Ana".into()),
            Layer::Curated,
        ];
        for (name, who, curated, me, want) in cases {
            let a = by(who, curated);
            assert_eq!(Layer::of(&a, me), want, "{name}");
            let holding: Vec<_> = all.iter().filter(|l| l.holds(&a, me)).collect();
            assert_eq!(holding, vec![&want], "{name}: held by exactly its layer");
        }
    }

    #[test]
    fn only_own_and_curated_layers_are_editable() {
        assert!(Showing::Mine.editable());
        assert!(Showing::Layer(Layer::Curated).editable());
        assert!(!Showing::Layer(Layer::Annotator("Ben".into())).editable());
        assert!(!Showing::Everyone.editable());
        assert!(Showing::Layer(Layer::Curated).curating());
        assert!(!Showing::Mine.curating());
    }

    #[test]
    fn layers_lists_mine_first_then_others_then_curated() {
        let mut doc = Document::new("t".into(), None, "abc".into(), Timestamp(0));
        doc.annotations = vec![
            by(Some("Zoe"), false),
            by(None, true),
            by(Some("Ben"), false),
            by(Some("Ben"), false),
        ];
        assert_eq!(
            layers(&doc, Some("Ana")),
            vec![
                (Layer::Mine, 0),
                (Layer::Annotator("Ben".into()), 2),
                (Layer::Annotator("Zoe".into()), 1),
                (Layer::Curated, 1),
            ]
        );
        assert_eq!(Showing::Everyone.name(None), "Everyone");
        assert_eq!(Showing::Mine.name(None), "You");
        assert_eq!(Showing::Mine.name(Some("Ana")), "Ana");
    }
}
