//! What the Compare view asks for: a disagreement settled, every agreement accepted, the
//! curated layer shown, and the figures as a CSV download (a failure said, never an empty file
//! offered). The reducer makes no random numbers: the ids of the curated copies are made here.

use std::rc::Rc;

use gloss_core::agree::disagree::Choice;
use gloss_core::agree::{Report, Scope};
use gloss_core::formats::file_stem;
use gloss_core::model::layers::{Layer, Showing};
use gloss_core::model::{AnnotationId, Label, Span};
use yew::prelude::*;

use super::super::store::{Dispatcher, Latest};
use crate::dom;
use crate::state::{Action, Notice};

/// New ids for copying `marks` marks into the curated layer (each may bring its speaker).
fn ids(marks: usize) -> Vec<AnnotationId> {
    (0..marks * 2 + 2).map(|_| AnnotationId::random()).collect()
}

/// The Compare view's callbacks.
pub struct CompareActions {
    pub on_curate: Callback<(Label, Span, Choice, usize)>,
    pub on_accept_agreed: Callback<usize>,
    pub on_show_curated: Callback<()>,
    pub on_csv: Callback<Rc<Report>>,
}

#[hook]
pub fn use_compare_actions(dispatcher: Dispatcher, latest: Latest) -> CompareActions {
    let on_curate = {
        let dispatcher = dispatcher.clone();
        use_callback((), move |(label, span, choice, marks), _| {
            dispatcher.dispatch(Action::Curate {
                label,
                span,
                choice,
                ids: ids(marks),
                at: dom::now(),
            })
        })
    };
    let on_accept_agreed = {
        let dispatcher = dispatcher.clone();
        use_callback((), move |marks: usize, _| {
            dispatcher.dispatch(Action::AcceptAgreed {
                ids: ids(marks),
                at: dom::now(),
            })
        })
    };
    let on_show_curated = {
        let dispatcher = dispatcher.clone();
        use_callback((), move |(), _| {
            dispatcher.dispatch(Action::CloseDialog);
            dispatcher.dispatch(Action::Show(Showing::Layer(Layer::Curated)));
        })
    };
    let on_csv = use_callback((), move |report: Rc<Report>, _| {
        let name = match &report.scope {
            Scope::Article(title) => format!("{}.agreement.csv", file_stem(title)),
            Scope::Library => "gloss-library.agreement.csv".to_owned(),
        };
        if let Err(reason) = dom::download::offer(&name, "text/csv", &report.csv()) {
            latest
                .borrow()
                .dispatch(Action::Notify(Notice::error(reason)));
        }
    });
    CompareActions {
        on_curate,
        on_accept_agreed,
        on_show_curated,
        on_csv,
    }
}
