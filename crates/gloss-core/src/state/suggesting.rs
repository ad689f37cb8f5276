//! Suggestions for the open article: the raw list the app computed (kept with the document's
//! id), what of it is shown (not rejected, not overlapping an annotation of the same label, so
//! undoing an accept shows a suggestion again), which one is selected (a selection of its own:
//! selecting one deselects any annotation and back), and accepting or rejecting them, one or
//! all of a label, each in one undoable step.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::model::layout::Segment;
use crate::model::{Document, DocumentId, Label, Rejection, Span};
use crate::suggest::{Kind, Suggestion};

use super::State;

/// The suggestions computed for one document, and what of them the screen shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestions {
    pub document: DocumentId,
    /// Everything the rules found, in text order.
    pub all: Rc<[Suggestion]>,
    /// What is shown: not rejected, not already marked with the same label. Text order.
    pub shown: Rc<[Suggestion]>,
    /// The article's segments with the shown suggestions drawn over them (one list per line;
    /// lines without suggestions share the article's own), for the first `drawn` lines.
    pub segments: Rc<[Rc<[Segment]>]>,
    /// How many lines, from the first, have the suggestions drawn: a long article gets them a
    /// part at a time ([`State::drawing_suggestions`], `Action::DrawSuggestions`), so no one
    /// render holds the page up.
    pub drawn: usize,
    /// The document the shown list was derived from (to notice when it changes).
    derived_from: Option<Rc<Document>>,
}

/// Text order for suggestions: by start, longer first, then kind.
pub(super) fn order_key(s: &Suggestion) -> (usize, std::cmp::Reverse<usize>, Kind) {
    (s.span.start, std::cmp::Reverse(s.span.end), s.kind)
}

/// About how many suggestions one step draws: the browser writes each into the text as spans,
/// and a step should stay well inside a frame's worth of main thread (bench/suggest.mjs).
pub const DRAW_STEP: usize = 800;

/// What a suggestion becomes when rejected.
pub fn rejection(s: &Suggestion) -> Rejection {
    Rejection {
        label: s.kind.label(),
        span: s.span,
    }
}

/// The suggestions of `all` to show over `doc`: not rejected, and not overlapping an annotation
/// of their label in the layer `view` shows. O((n + m) log m) for n suggestions and m
/// annotations.
pub fn shown(all: &[Suggestion], doc: &Document, view: &super::View) -> Vec<Suggestion> {
    // Per label: annotation spans by start, with the furthest end reached so far.
    let mut reach: BTreeMap<Label, Vec<(usize, usize)>> = BTreeMap::new();
    for a in doc.annotations.iter().filter(|a| view.shows(a)) {
        reach
            .entry(a.label)
            .or_default()
            .push((a.span.start, a.span.end));
    }
    for spans in reach.values_mut() {
        spans.sort_unstable();
        let mut furthest = 0;
        for entry in spans.iter_mut() {
            furthest = furthest.max(entry.1);
            entry.1 = furthest;
        }
    }
    let marked = |label: Label, span: Span| {
        reach.get(&label).is_some_and(|spans| {
            let before = spans.partition_point(|&(start, _)| start < span.end);
            before
                .checked_sub(1)
                .and_then(|i| spans.get(i))
                .is_some_and(|&(_, furthest)| furthest > span.start)
        })
    };
    all.iter()
        .filter(|s| doc.rejected.binary_search(&rejection(s)).is_err())
        .filter(|s| !marked(s.kind.label(), s.span))
        .cloned()
        .collect()
}

impl State {
    /// The suggestions shown for the open article (none when none were asked for).
    pub fn shown_suggestions(&self) -> &[Suggestion] {
        self.suggestions.as_ref().map_or(&[], |s| &s.shown)
    }

    /// Shown suggestions per label, in `Label::ALL` order.
    pub fn suggestion_counts(&self) -> [usize; 3] {
        let mut counts = [0; 3];
        for s in self.shown_suggestions() {
            if let Some(slot) = Label::ALL
                .iter()
                .position(|&l| l == s.kind.label())
                .and_then(|i| counts.get_mut(i))
            {
                *slot += 1;
            }
        }
        counts
    }

    /// Keeps what is shown in step with the open document after any action: dropped with
    /// another article, derived again when the document changed, the selected suggestion
    /// dropped when it is no longer shown or an annotation got selected.
    pub(super) fn settle_suggestions(&mut self, before: &State) {
        let open = self.article.as_ref().map(|a| Rc::clone(&a.doc));
        let view = self
            .article
            .as_ref()
            .map(|a| a.view.clone())
            .unwrap_or_default();
        let Some(mut suggestions) = self.suggestions.take() else {
            self.selected_suggestion = None;
            return;
        };
        let Some(doc) = open.filter(|d| d.id == suggestions.document) else {
            self.selected_suggestion = None;
            return;
        };
        let stale = !suggestions
            .derived_from
            .as_ref()
            .is_some_and(|d| Rc::ptr_eq(d, &doc));
        if stale {
            suggestions.shown = shown(&suggestions.all, &doc, &view).into();
            suggestions.segments = self.overlaid(
                &suggestions.shown,
                0..suggestions.drawn,
                &suggestions.segments,
            );
            suggestions.derived_from = Some(doc);
        }
        if self.selected.is_some() && self.selected != before.selected {
            self.selected_suggestion = None;
        }
        if let Some(s) = &self.selected_suggestion {
            if !suggestions.shown.contains(s) {
                self.selected_suggestion = None;
            }
        }
        self.suggestions = Some(suggestions);
    }

    /// The segments with `shown` drawn over `lines` (and the lines before them as `previous`
    /// has them); lines drawn as before keep their `Rc` from `previous`.
    fn overlaid(
        &self,
        shown: &[Suggestion],
        lines: std::ops::Range<usize>,
        previous: &[Rc<[Segment]>],
    ) -> Rc<[Rc<[Segment]>]> {
        let Some(article) = self.article.as_ref() else {
            return Rc::from(Vec::new());
        };
        if shown.is_empty() || lines.end == 0 {
            return Rc::clone(&article.segments);
        }
        let over: Vec<(Kind, Span)> = shown.iter().map(|s| (s.kind, s.span)).collect();
        crate::model::suggested::overlay_lines(
            &article.blocks,
            &article.segments,
            &over,
            lines,
            previous,
        )
        .into()
    }

    /// Whether some lines still wait for their suggestions to be drawn.
    pub fn drawing_suggestions(&self) -> bool {
        let lines = self.article.as_ref().map_or(0, |a| a.blocks.len());
        self.suggestions
            .as_ref()
            .is_some_and(|s| s.drawn < lines && !s.shown.is_empty())
    }

    /// Whether the line holding code point `point` has its suggestions drawn yet.
    pub fn suggestion_drawn_at(&self, point: usize) -> bool {
        let line = self
            .article
            .as_ref()
            .map_or(0, |a| a.blocks.partition_point(|b| b.end <= point));
        self.suggestions.as_ref().is_some_and(|s| line < s.drawn)
    }

    /// The line up to which the next step draws, from `drawn`: past about [`DRAW_STEP`] more
    /// suggestions (always at least one line further).
    fn next_drawn(&self, shown: &[Suggestion], drawn: usize) -> usize {
        let Some(article) = self.article.as_ref() else {
            return drawn;
        };
        let blocks = &article.blocks;
        let from = blocks.get(drawn).map_or(usize::MAX, |b| b.start);
        let first = shown.partition_point(|s| s.span.start < from);
        let Some(last) = shown.get(first + DRAW_STEP) else {
            return blocks.len();
        };
        let line = blocks.partition_point(|b| b.end <= last.span.start);
        line.max(drawn + 1).min(blocks.len())
    }

    /// `Action::DrawSuggestions`: the next part of the suggestions drawn into the text.
    pub(super) fn draw_suggestions(&self) -> Option<State> {
        if !self.drawing_suggestions() {
            return None;
        }
        let mut next = self.clone();
        let suggestions = next.suggestions.as_mut()?;
        // The lines drawn so far stay as they are: only the new part is computed.
        let from = suggestions.drawn;
        suggestions.drawn = self.next_drawn(&suggestions.shown, from);
        suggestions.segments = self.overlaid(
            &suggestions.shown,
            from..suggestions.drawn,
            &suggestions.segments,
        );
        Some(next)
    }

    /// The app computed `suggestions` for `document`: show them (the open article's only).
    pub(super) fn show_suggestions(
        &self,
        document: DocumentId,
        mut suggestions: Vec<Suggestion>,
    ) -> Option<State> {
        let article = self.article.as_ref()?;
        if article.doc.id != document {
            return None;
        }
        let len = article.index.len_cp();
        suggestions.retain(|s| !s.span.is_empty() && s.span.end <= len);
        suggestions.sort_by_key(order_key);
        suggestions.dedup();
        // Asked again for the same article: the lines drawn stay drawn (each redrawn only where
        // its suggestions changed); the rest, or everything the first time, is drawn by
        // `DrawSuggestions`, a part at a time, the first in the task after this one's render.
        let (segments, drawn) = match &self.suggestions {
            Some(before) if before.document == document => {
                (Rc::clone(&before.segments), before.drawn)
            }
            _ => (Rc::clone(&article.segments), 0),
        };
        let mut next = self.clone();
        next.selected_suggestion = None;
        next.suggestions = Some(Suggestions {
            document,
            all: suggestions.into(),
            shown: Rc::from(Vec::new()),
            segments,
            drawn,
            derived_from: None,
        });
        next.settle_suggestions(self);
        let shown = next.shown_suggestions();
        let text = if shown.is_empty() {
            "No suggestions for this article.".to_owned()
        } else {
            let [_, quotes, actors] = next.suggestion_counts();
            format!(
                "{} shown: {}, {}. Press N for the first.",
                plural(shown.len(), "suggestion"),
                plural(quotes, "quote"),
                plural(actors, "actor")
            )
        };
        next.notice = None;
        next.announce(&self.announcement, text);
        Some(next)
    }

    pub(super) fn hide_suggestions(&self) -> Option<State> {
        self.suggestions.as_ref()?;
        let mut next = self.clone();
        next.suggestions = None;
        next.selected_suggestion = None;
        next.announce(&self.announcement, "Suggestions hidden".to_owned());
        Some(next)
    }

    /// Selects a shown suggestion (deselecting any annotation), or none.
    pub(super) fn select_suggestion(&self, pick: Option<Suggestion>) -> Option<State> {
        if self.selected_suggestion == pick {
            return None;
        }
        let Some(pick) = pick else {
            let mut next = self.clone();
            next.selected_suggestion = None;
            return Some(next);
        };
        let position = self.shown_suggestions().iter().position(|s| *s == pick)?;
        Some(self.with_suggestion_selected(pick, position, String::new()))
    }

    /// `pick` (at `position` among those shown) selected, and said after `before`.
    pub(super) fn with_suggestion_selected(
        &self,
        pick: Suggestion,
        position: usize,
        before: String,
    ) -> State {
        let text = format!(
            "{before}{} (suggestion {} of {}). Enter accepts, Delete rejects.",
            self.describe_suggestion(&pick),
            position + 1,
            self.shown_suggestions().len()
        );
        let mut next = self.clone();
        next.selected = None;
        next.cycle_point = None;
        next.selected_suggestion = Some(pick);
        next.reveal = true;
        next.notice = None;
        next.announce(&self.announcement, text);
        next
    }

    /// "Suggested quote “…”, said by Dmitry Peskov".
    pub fn describe_suggestion(&self, s: &Suggestion) -> String {
        let mut words = s.kind.words().to_owned();
        if let Some(first) = words.get(..1) {
            words = first.to_uppercase() + words.get(1..).unwrap_or_default();
        }
        let said = s
            .speaker
            .map(|sp| format!(", said by {}", self.speaker_name(sp)))
            .unwrap_or_default();
        format!("{words} “{}”{said}", self.excerpt(s.span))
    }

    /// The name of the speaker at `span`: the person of an actor marked there, else its words.
    pub fn speaker_name(&self, span: Span) -> String {
        let Some(article) = self.article.as_ref() else {
            return String::new();
        };
        article
            .visible()
            .find(|a| a.label == Label::Actor && a.span == span)
            .map_or_else(
                || article.doc.quote(span).trim().to_owned(),
                |a| article.doc.actor_name(a),
            )
    }

    /// `N` / `P`: the next (`forward`) or previous shown suggestion in text order, after or
    /// before the selected one, or the first or last when none is selected.
    pub(super) fn suggestion_step(&self, forward: bool) -> Option<State> {
        self.article.as_ref()?;
        let shown = self.shown_suggestions();
        if shown.is_empty() {
            return Some(self.hinted(if self.suggestions.is_some() {
                "No suggestions left for this article."
            } else {
                "No suggestions yet: press G (Suggest) first."
            }));
        }
        let current = self.selected_suggestion.as_ref().map(order_key);
        let found = match (current, forward) {
            (None, true) => shown.first().map(|s| (0, s)),
            (None, false) => shown.len().checked_sub(1).zip(shown.last()),
            (Some(c), true) => shown.iter().enumerate().find(|(_, s)| order_key(s) > c),
            (Some(c), false) => shown
                .iter()
                .enumerate()
                .rev()
                .find(|(_, s)| order_key(s) < c),
        };
        let Some((position, pick)) = found else {
            return Some(self.hinted(if forward {
                "That is the last suggestion."
            } else {
                "That is the first suggestion."
            }));
        };
        Some(self.with_suggestion_selected(pick.clone(), position, String::new()))
    }
}

/// "1 quote", "3 quotes".
pub(super) fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

impl State {
    /// A click at a code point: the innermost of the annotations and shown suggestions there
    /// (a click on the suggestion already selected goes on to the annotations there).
    pub(super) fn click_at_suggesting(&self, point: usize) -> Option<State> {
        let suggestion = self
            .shown_suggestions()
            .iter()
            .filter(|s| s.span.contains(point))
            .min_by_key(|s| (s.span.len(), order_key(s)))
            .filter(|s| self.selected_suggestion.as_ref() != Some(*s));
        let Some(pick) = suggestion else {
            return self.click_plain(point);
        };
        let innermost = self
            .article
            .as_ref()?
            .at_point(point)
            .first()
            .map(|a| a.span.len());
        if innermost.is_some_and(|len| len < pick.span.len()) {
            return self.click_plain(point);
        }
        let pick = pick.clone();
        let mut next = self.select_suggestion(Some(pick))?;
        next.reveal = false;
        Some(next)
    }

    /// A click that selects an annotation (or nothing, deselecting a suggestion too).
    fn click_plain(&self, point: usize) -> Option<State> {
        let mut next = self.click_at(point).unwrap_or_else(|| self.clone());
        if next.selected.is_none() {
            next.selected_suggestion = None;
        }
        (next != *self).then_some(next)
    }
}
