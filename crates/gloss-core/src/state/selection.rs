//! Which annotation is selected: chosen in the list, clicked in the text (a repeated click
//! cycles through the annotations there), cycled to with Tab, or reached from the keyboard
//! (the next or previous one in text order, the one at the caret).

use crate::model::{text_order, Annotation, AnnotationId, Span};

use super::State;

/// What the text selection was when a label was asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selection {
    /// Nothing selected.
    None,
    /// A selection outside the article.
    Outside,
    /// Only white space selected.
    Blank,
    /// A span of the article, already trimmed and snapped.
    Span(Span),
}

impl State {
    /// Where Tab cycles: the last clicked point while it is inside the selected annotation,
    /// else the selected annotation's start.
    fn cycle_point_of(&self, selected: &Annotation) -> usize {
        self.cycle_point
            .filter(|&p| selected.span.contains(p))
            .unwrap_or(selected.span.start)
    }

    /// Whether Tab has somewhere to go: another annotation where the selected one is. When it
    /// has not, Tab keeps its ordinary meaning (moving the focus).
    pub fn can_cycle(&self) -> bool {
        match (self.article.as_ref(), self.selected_annotation()) {
            (Some(article), Some(selected)) => {
                article.at_point(self.cycle_point_of(selected)).len() > 1
            }
            _ => false,
        }
    }

    /// Where the selected annotation is among those covering its point (counted from 1, as
    /// Tab and repeated clicks go through them), and how many there are, when there are several:
    /// what "1 of 2 here" shows.
    pub fn here(&self) -> Option<(usize, usize)> {
        let article = self.article.as_ref()?;
        let selected = self.selected_annotation()?;
        let hits = article.at_point(self.cycle_point_of(selected));
        (hits.len() > 1).then(|| (position_of(&hits, selected.id), hits.len()))
    }

    pub(super) fn select(&self, id: Option<AnnotationId>) -> Option<State> {
        if self.selected == id {
            return None;
        }
        // An id the open article does not have (a stale list entry) selects nothing.
        if let Some(id) = id {
            self.article.as_ref()?.annotation(id)?;
        }
        let mut next = self.clone();
        next.selected = id;
        next.cycle_point = None;
        next.reveal = true;
        if let Some(a) = next.selected_annotation() {
            let text = format!(
                "Selected {}: “{}”{}",
                a.label,
                next.excerpt(a.span),
                next.who(a)
            );
            next.announce(&self.announcement, text);
        }
        Some(next)
    }

    pub(super) fn click_at(&self, point: usize) -> Option<State> {
        let article = self.article.as_ref()?;
        let hits = article.at_point(point);
        let repeat = self.cycle_point == Some(point)
            || self
                .selected
                .is_some_and(|s| hits.iter().any(|a| a.id == s));
        let pick = if repeat {
            let current = hits.iter().position(|a| Some(a.id) == self.selected);
            current.map_or(hits.first(), |i| hits.get((i + 1) % hits.len()))
        } else {
            hits.first()
        };
        let id = pick.map(|a| a.id);
        let mut next = self.clone();
        next.selected = id;
        next.reveal = false;
        next.cycle_point = id.map(|_| point);
        next.notice = None;
        if let Some(a) = pick {
            let more = if hits.len() > 1 {
                format!(
                    " ({} of {} here; click again or press Tab for the next)",
                    position_of(&hits, a.id),
                    hits.len()
                )
            } else {
                String::new()
            };
            let text = format!(
                "Selected {}: “{}”{}{more}",
                a.label,
                next.excerpt(a.span),
                next.who(a)
            );
            next.announce(&self.announcement, text);
        }
        (next != *self).then_some(next)
    }

    pub(super) fn cycle_selection(&self) -> Option<State> {
        let article = self.article.as_ref()?;
        let selected = self.selected_annotation()?;
        let point = self.cycle_point_of(selected);
        let hits = article.at_point(point);
        if hits.len() < 2 {
            return None;
        }
        let i = hits.iter().position(|a| a.id == selected.id).unwrap_or(0);
        let pick = hits.get((i + 1) % hits.len())?;
        let mut next = self.clone();
        next.selected = Some(pick.id);
        next.cycle_point = Some(point);
        next.reveal = true;
        let text = format!(
            "Selected {}: “{}”{} ({} of {} here)",
            pick.label,
            next.excerpt(pick.span),
            next.who(pick),
            position_of(&hits, pick.id),
            hits.len()
        );
        next.announce(&self.announcement, text);
        Some(next)
    }
}

impl State {
    /// What the next and previous keys move through: the annotations the list shows (of the
    /// filter's label only, when one is chosen), in text order.
    fn listed(&self) -> Vec<&Annotation> {
        self.article.as_ref().map_or_else(Vec::new, |article| {
            article.visible().filter(|a| self.is_listed(a)).collect()
        })
    }

    /// The next (`forward`) or previous annotation in text order: after or before the selected
    /// one, or the first or last when nothing is selected. At either end it stays, and says so.
    pub(super) fn select_step(&self, forward: bool) -> Option<State> {
        self.article.as_ref()?;
        let listed = self.listed();
        if listed.is_empty() {
            return Some(self.hinted(&match (self.check_filter, self.filter) {
                (Some(check), _) => format!("No claim is “{}”.", check.name()),
                (None, Some(label)) => format!("Nothing is marked as {label} yet."),
                (None, None) => {
                    "Nothing marked yet: select some text, then press 1, 2 or 3.".to_owned()
                }
            }));
        }
        let pick = match (self.selected_annotation(), forward) {
            (None, true) => listed.first(),
            (None, false) => listed.last(),
            (Some(current), true) => listed.iter().find(|a| text_order(a, current).is_gt()),
            (Some(current), false) => listed.iter().rev().find(|a| text_order(a, current).is_lt()),
        };
        let Some(&pick) = pick else {
            return Some(self.hinted(if forward {
                "That is the last annotation."
            } else {
                "That is the first annotation."
            }));
        };
        let text = format!(
            "Selected {}: “{}”{} ({} of {})",
            pick.label,
            self.excerpt(pick.span),
            self.who(pick),
            position_of(&listed, pick.id),
            listed.len()
        );
        let mut next = self.clone();
        next.selected = Some(pick.id);
        next.cycle_point = None;
        next.reveal = true;
        next.notice = None;
        next.announce(&self.announcement, text);
        Some(next)
    }

    /// The annotation at the caret: as a click there would choose (innermost first, again for
    /// the next), and one that ends right at the caret when none covers it (the caret just
    /// after a name is on that name). Nothing there: says so and keeps the selection.
    pub(super) fn select_at(&self, point: usize) -> Option<State> {
        let article = self.article.as_ref()?;
        let point = match point.checked_sub(1) {
            Some(before)
                if article.at_point(point).is_empty() && !article.at_point(before).is_empty() =>
            {
                before
            }
            _ => point,
        };
        if article.at_point(point).is_empty() {
            return Some(self.hinted("No annotation at the caret: move it into a highlight."));
        }
        self.click_at(point)
    }
}

/// 1-based position of `id` among `hits` (0 when absent).
fn position_of(hits: &[&Annotation], id: AnnotationId) -> usize {
    hits.iter().position(|a| a.id == id).map_or(0, |i| i + 1)
}
