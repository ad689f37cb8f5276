//! Whose work the article shows ("Showing: <name> ▾"), and who the person using this browser
//! is ("Your name"). Another annotator's layer and everyone's together can be read, not
//! changed: an action that would change them is refused with a word on how to edit.

use std::rc::Rc;

use crate::model::layers::{Layer, Showing};

use super::{Action, State, View};

impl State {
    /// "Your name": signs what is made and changed from now on. Blank means no name. What was
    /// signed with the previous name is signed with the new one, in every article: it is the
    /// same person's work, and stays their own layer rather than becoming someone else's. (The
    /// undo history, which holds annotations as they were signed, starts again then.)
    pub(super) fn set_your_name(&self, name: &str) -> Option<State> {
        let name = name.trim();
        let me: Option<Rc<str>> = (!name.is_empty()).then(|| Rc::from(name));
        if me == self.me {
            return None;
        }
        let mut next = State {
            me: me.clone(),
            ..self.clone()
        };
        let resigned = match self.me.as_deref() {
            Some(old) => next.resign(old, me.as_deref()),
            None => 0,
        };
        if let Some(article) = &next.article {
            let doc = next
                .library
                .get(&article.doc.id)
                .map_or_else(|| Rc::clone(&article.doc), Rc::clone);
            let showing = match &article.view.showing {
                // Their layer is now one's own.
                Showing::Layer(Layer::Annotator(n)) if Some(n.as_str()) == me.as_deref() => {
                    Showing::Mine
                }
                other => other.clone(),
            };
            let view = View { showing, me };
            next.article = Some(if Rc::ptr_eq(&doc, &article.doc) {
                article.with_view(view)
            } else {
                super::Article::viewed(doc, view)
            });
            next.keep_selection_shown();
        }
        if resigned > 0 {
            next.undo = super::History::default();
            next.redo = super::History::default();
            let said = format!(
                "Your name is now {}: {resigned} annotation{} signed with it",
                name,
                if resigned == 1 { "" } else { "s" }
            );
            next.announce(&self.announcement, said);
        }
        Some(next)
    }

    /// Signs with `new` every annotation of the library signed `old` (made or changed by);
    /// returns how many were made by `old`.
    fn resign(&mut self, old: &str, new: Option<&str>) -> usize {
        let mut library = (*self.library).clone();
        let mut made = 0;
        for doc in library.values_mut() {
            let touches = doc.annotations.iter().any(|a| {
                a.created_by.as_deref() == Some(old) || a.updated_by.as_deref() == Some(old)
            });
            if !touches {
                continue;
            }
            let d = Rc::make_mut(doc);
            for a in &mut d.annotations {
                if a.created_by.as_deref() == Some(old) {
                    a.created_by = new.map(str::to_owned);
                    made += 1;
                }
                if a.updated_by.as_deref() == Some(old) {
                    a.updated_by = new.map(str::to_owned);
                }
            }
            d.revision += 1;
        }
        self.library = Rc::new(library);
        made
    }

    /// Shows another layer (or everyone's) of the open article.
    pub(super) fn show(&self, showing: Showing) -> Option<State> {
        let article = self.article.as_ref()?;
        let showing = showing.normalized();
        if article.view.showing == showing {
            return None;
        }
        let name = showing.name(self.me.as_deref());
        let editable = showing.editable();
        let mut next = State {
            article: Some(article.with_view(View {
                showing,
                me: self.me.clone(),
            })),
            // Suggestions are made for the layer being edited.
            suggestions: None,
            selected_suggestion: None,
            picking: None,
            cycle_point: None,
            ..self.clone()
        };
        next.keep_selection_shown();
        let how = if editable { "" } else { " (read only)" };
        next.announce(&self.announcement, format!("Showing: {name}{how}"));
        Some(next)
    }

    /// Drops the selection when the annotation is no longer shown.
    pub(super) fn keep_selection_shown(&mut self) {
        if let (Some(id), Some(article)) = (self.selected, self.article.as_ref()) {
            if article.annotation(id).is_none() {
                self.selected = None;
            }
        }
    }

    /// When `action` would change what the article shows and that cannot be changed (another
    /// person's layer, or everyone's at once), the state saying so; `None` otherwise.
    pub(super) fn refused_read_only(&self, action: &Action) -> Option<State> {
        let article = self.article.as_ref()?;
        if article.view.showing.editable() {
            return None;
        }
        let changes = match action {
            Action::SetNote { document, .. } => *document == article.doc.id,
            Action::ApplyLabel { .. }
            | Action::MarkAll { .. }
            | Action::DeleteSelected
            | Action::Delete(_)
            | Action::ResizeSelected { .. }
            | Action::PickSource
            | Action::SetSource { .. }
            | Action::MoveMention { .. }
            | Action::SetVerdict { .. }
            | Action::ChangeEvidence { .. }
            | Action::RenameEntity { .. }
            | Action::MergeEntities { .. }
            | Action::ShowSuggestions { .. }
            | Action::AcceptSuggestion { .. }
            | Action::RejectSuggestion
            | Action::AcceptAllSuggestions { .. } => true,
            _ => false,
        };
        changes.then(|| self.hinted(&read_only_words(&article.view.showing, self.me.as_deref())))
    }
}

/// Why nothing changed, and how to edit.
fn read_only_words(showing: &Showing, me: Option<&str>) -> String {
    let own = crate::model::layers::Layer::Mine.name(me);
    match showing {
        Showing::Everyone => format!(
            "Everyone's marks are shown together and cannot be changed here. Choose “{own}” in Showing to edit your own."
        ),
        other => format!(
            "This is {}'s layer: it can be read, not changed. Choose “{own}” in Showing to edit your own.",
            other.name(me)
        ),
    }
}
