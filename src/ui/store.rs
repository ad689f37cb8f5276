//! The editor's state as Yew holds it. The reducer is the core's (`State::reduce`); this
//! wrapper only lets Yew's `use_reducer` call it (a trait of Yew's cannot be implemented on
//! the core's type here) and keeps "nothing changed" as the same `Rc`, so nothing renders.

use std::ops::Deref;
use std::rc::Rc;

use yew::prelude::*;

use crate::dom;
use crate::model::sample::{SAMPLE_TEXT, SAMPLE_TITLE};
use crate::model::text::prepare_article;
use crate::state::{Action, State};

/// The state, shared with the reducer without a copy.
#[derive(Clone, Debug, PartialEq)]
pub struct Editor(Rc<State>);

impl Deref for Editor {
    type Target = State;

    fn deref(&self) -> &State {
        &self.0
    }
}

impl Editor {
    /// The state itself, shared (no copy).
    pub fn shared(&self) -> Rc<State> {
        Rc::clone(&self.0)
    }
}

impl Reducible for Editor {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = Rc::clone(&self.0).reduce(action);
        if Rc::ptr_eq(&next, &self.0) {
            self
        } else {
            Rc::new(Editor(next))
        }
    }
}

/// The first visit: the built-in sample is open.
fn initial_state() -> Editor {
    let state = match prepare_article(SAMPLE_TEXT, SAMPLE_TITLE, None) {
        Ok(prepared) => State::with_sample(prepared.into_document(dom::now())),
        Err(_) => State::default(),
    };
    Editor(Rc::new(state))
}

/// The editor's state and its dispatcher.
pub type EditorHandle = UseReducerHandle<Editor>;
pub type Dispatcher = UseReducerDispatcher<Editor>;

#[hook]
pub fn use_editor() -> EditorHandle {
    use_reducer(initial_state)
}

/// The state as of the latest render, for handlers registered once: they stay the same
/// across renders, so the components they are handed to do not render again for them.
pub type Latest = Rc<std::cell::RefCell<EditorHandle>>;

#[hook]
pub fn use_latest(state: &EditorHandle) -> Latest {
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    latest
}

/// A stable callback that dispatches the action `make` builds.
#[hook]
pub fn use_action<E: 'static>(dispatcher: Dispatcher, make: fn() -> Action) -> Callback<E> {
    use_callback((), move |_: E, _| dispatcher.dispatch(make()))
}
