//! The open article: its document, and what the screen needs precomputed (an offset index,
//! lines and the overlap segments of each line).

use std::rc::Rc;

use crate::model::layers::{Layer, Showing};
use crate::model::layout::{self, Block, Segment};
use crate::model::offsets::TextIndex;
use crate::model::{text_order, Annotation, AnnotationId, Document, Span};

/// Whose annotations the article shows, seen from the person using this browser.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    pub showing: Showing,
    /// "Your name", when given.
    pub me: Option<Rc<str>>,
}

impl View {
    pub fn me(&self) -> Option<&str> {
        self.me.as_deref()
    }

    /// Whether `a` is shown (and can be selected).
    pub fn shows(&self, a: &Annotation) -> bool {
        self.showing.shows(a, self.me())
    }

    /// The layer new annotations go into, when what is shown can be changed.
    pub fn editing(&self) -> Option<Layer> {
        match &self.showing {
            Showing::Mine => Some(Layer::Mine),
            Showing::Layer(layer @ (Layer::Mine | Layer::Curated)) => Some(layer.clone()),
            _ => None,
        }
    }
}

/// The open article with what the screen needs precomputed: an offset index and the layout.
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    /// The same `Rc` as the library's entry: one copy of the open document.
    pub doc: Rc<Document>,
    pub index: Rc<TextIndex>,
    pub blocks: Rc<[Block]>,
    /// Per block, the segments to paint; a block whose segments did not change keeps its `Rc`,
    /// so its paragraph is not rendered again.
    pub segments: Rc<[Rc<[Segment]>]>,
    /// Whose annotations are shown: only they are drawn, listed and selectable.
    pub view: View,
    /// The document as the view shows it (only the shown annotations): the same `Rc` as `doc`
    /// when everything is shown, the usual case.
    pub shown: Rc<Document>,
}

impl Article {
    /// The article for `doc`, its annotations in text order (sorted here only when they are
    /// not already, so a stored document already in order is shared, not copied).
    pub fn new(doc: Rc<Document>) -> Article {
        Article::viewed(doc, View::default())
    }

    /// The article for `doc` showing what `view` says.
    pub fn viewed(mut doc: Rc<Document>, view: View) -> Article {
        if !doc
            .annotations
            .is_sorted_by(|a, b| text_order(a, b).is_le())
        {
            Rc::make_mut(&mut doc).annotations.sort_by(text_order);
        }
        let index = Rc::new(TextIndex::new(Rc::clone(&doc.text)));
        let blocks: Rc<[Block]> = layout::blocks(&doc.text).into();
        let visible = shown(&doc, &view);
        let segments = match &visible {
            None => layout::segments(&blocks, &doc.annotations),
            Some(visible) => layout::segments(&blocks, visible),
        }
        .into_iter()
        .map(Rc::from)
        .collect();
        let shown = shown_doc(&doc, visible);
        Article {
            doc,
            index,
            blocks,
            segments,
            view,
            shown,
        }
    }

    /// The same article showing what `view` says (laid out again when it differs).
    pub fn with_view(&self, view: View) -> Article {
        if view == self.view {
            return self.clone();
        }
        Article {
            view,
            ..self.clone()
        }
        .relaid()
    }

    /// This article with its segments computed again for its view (reusing the text's index).
    fn relaid(self) -> Article {
        let visible = shown(&self.doc, &self.view);
        let segments = match &visible {
            None => layout::segments(&self.blocks, &self.doc.annotations),
            Some(visible) => layout::segments(&self.blocks, visible),
        }
        .into_iter()
        .map(Rc::from)
        .collect();
        let shown = shown_doc(&self.doc, visible);
        Article {
            segments,
            shown,
            ..self
        }
    }

    /// The shown annotations, in text order.
    pub fn visible(&self) -> impl Iterator<Item = &Annotation> + '_ {
        self.shown.annotations.iter()
    }

    /// This article with other annotations (in text order), reusing the text, its index and
    /// the segments of every line the `touched` spans do not reach.
    pub(super) fn with_annotations(&self, doc: Document, touched: &[Span]) -> Article {
        let doc = Rc::new(doc);
        let visible = shown(&doc, &self.view);
        let segments = match &visible {
            None => layout::resegment(&self.blocks, &self.segments, &doc.annotations, touched),
            Some(visible) => layout::resegment(&self.blocks, &self.segments, visible, touched),
        }
        .into();
        let shown = shown_doc(&doc, visible);
        Article {
            doc,
            index: Rc::clone(&self.index),
            blocks: Rc::clone(&self.blocks),
            segments,
            view: self.view.clone(),
            shown,
        }
    }

    /// The shown annotation with this id (another layer's is not there to act on).
    pub fn annotation(&self, id: AnnotationId) -> Option<&Annotation> {
        self.visible().find(|a| a.id == id)
    }

    /// The annotated text, cut to `max` characters with an ellipsis, for messages.
    pub fn excerpt(&self, span: Span, max: usize) -> String {
        crate::model::text::excerpt(self.index.slice(span), max)
    }

    /// Annotations covering code point `point`, innermost (shortest) first.
    pub fn at_point(&self, point: usize) -> Vec<&Annotation> {
        let mut hits: Vec<&Annotation> =
            self.visible().filter(|a| a.span.contains(point)).collect();
        hits.sort_by(|a, b| a.span.len().cmp(&b.span.len()).then(text_order(a, b)));
        hits
    }
}

/// The annotations `view` shows, when it leaves any out (`None`: all of them, the usual case of
/// one person's article, with no list to make).
fn shown<'a>(doc: &'a Document, view: &View) -> Option<Vec<&'a Annotation>> {
    if doc.annotations.iter().all(|a| view.shows(a)) {
        return None;
    }
    Some(doc.annotations.iter().filter(|a| view.shows(a)).collect())
}

/// The document as shown: `doc` itself, or a copy holding only the `visible` annotations.
fn shown_doc(doc: &Rc<Document>, visible: Option<Vec<&Annotation>>) -> Rc<Document> {
    match visible {
        None => Rc::clone(doc),
        Some(visible) => Rc::new(doc.with_annotations(visible.into_iter().cloned().collect())),
    }
}
