//! The open article: its document, and what the screen needs precomputed (an offset index,
//! lines and the overlap segments of each line).

use std::rc::Rc;

use crate::model::layout::{self, Block, Segment};
use crate::model::offsets::TextIndex;
use crate::model::{text_order, Annotation, AnnotationId, Document, Span};

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
}

impl Article {
    /// The article for `doc`, its annotations in text order (sorted here only when they are
    /// not already, so a stored document already in order is shared, not copied).
    pub fn new(mut doc: Rc<Document>) -> Article {
        if !doc
            .annotations
            .is_sorted_by(|a, b| text_order(a, b).is_le())
        {
            Rc::make_mut(&mut doc).annotations.sort_by(text_order);
        }
        let index = Rc::new(TextIndex::new(Rc::clone(&doc.text)));
        let blocks: Rc<[Block]> = layout::blocks(&doc.text).into();
        let segments = layout::segments(&blocks, &doc.annotations)
            .into_iter()
            .map(Rc::from)
            .collect();
        Article {
            doc,
            index,
            blocks,
            segments,
        }
    }

    /// This article with other annotations (in text order), reusing the text, its index and
    /// the segments of every line the `touched` spans do not reach.
    pub(super) fn with_annotations(&self, doc: Document, touched: &[Span]) -> Article {
        let segments =
            layout::resegment(&self.blocks, &self.segments, &doc.annotations, touched).into();
        Article {
            doc: Rc::new(doc),
            index: Rc::clone(&self.index),
            blocks: Rc::clone(&self.blocks),
            segments,
        }
    }

    pub fn annotation(&self, id: AnnotationId) -> Option<&Annotation> {
        self.doc.annotations.iter().find(|a| a.id == id)
    }

    /// The annotated text, cut to `max` characters with an ellipsis, for messages.
    pub fn excerpt(&self, span: Span, max: usize) -> String {
        crate::model::text::excerpt(self.index.slice(span), max)
    }

    /// Annotations covering code point `point`, innermost (shortest) first.
    pub fn at_point(&self, point: usize) -> Vec<&Annotation> {
        let mut hits: Vec<&Annotation> = self
            .doc
            .annotations
            .iter()
            .filter(|a| a.span.contains(point))
            .collect();
        hits.sort_by(|a, b| a.span.len().cmp(&b.span.len()).then(text_order(a, b)));
        hits
    }
}
