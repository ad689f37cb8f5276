//! The root: owns the state, turns browser events into actions, lays out the regions.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, Element, KeyboardEvent};
use yew::prelude::*;

use super::article::ArticleView;
use super::dialogs::{NewArticleDialog, ShortcutsDialog};
use super::keys::{self, KeyIntent};
use super::library::LibraryDialog;
use super::notices::NoticeBar;
use super::sidebar::Sidebar;
use super::status::SaveIndicator;
use super::toolbar::Toolbar;
use crate::dom;
use crate::formats::gloss;
use crate::model::offsets::{Edge, Resize};
use crate::model::sample::{SAMPLE_TEXT, SAMPLE_TITLE};
use crate::model::state::{Action, Dialog, Notice, Selection, State, Storage};
use crate::model::text::{decode_text, prepare_article, PreparedArticle};
use crate::model::{AnnotationId, Document, DocumentId, Label};

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        State::reduce(self, action)
    }
}

/// A new document from a prepared article.
pub fn new_document(prepared: PreparedArticle) -> Document {
    Document::new(
        prepared.title,
        prepared.date,
        prepared.text.into(),
        dom::now(),
    )
}

/// The first visit: the built-in sample is open.
pub fn initial_state() -> State {
    match prepare_article(SAMPLE_TEXT, SAMPLE_TITLE, None) {
        Ok(prepared) => State::with_sample(new_document(prepared)),
        Err(_) => State::default(),
    }
}

/// How long after an article opens the marking code is rehearsed (see [`State::rehearse`]).
const REHEARSAL_DELAY_MS: u32 = 100;

#[component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    let article_ref = use_node_ref();
    let readers = use_mut_ref(Vec::new);
    // The state as of the latest render, for handlers registered once: they stay the same
    // across renders, so the components they are handed to do not render again for them.
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();

    let apply_label = {
        let latest = latest.clone();
        let article_ref = article_ref.clone();
        use_callback((), move |label: Label, _| {
            let state = latest.borrow().clone();
            let selection = match (article_ref.cast::<Element>(), state.article.as_ref()) {
                (Some(element), Some(article)) => {
                    dom::selection::read(&element, &article.index, state.whole_words)
                }
                _ => Selection::None,
            };
            if matches!(selection, Selection::Span(_)) {
                dom::selection::clear();
            }
            state.dispatch(Action::ApplyLabel {
                label,
                selection,
                new_id: AnnotationId::random(),
                at: dom::now(),
            });
        })
    };

    super::persist::use_persistence(&state);

    let open_document = {
        let dispatcher = state.dispatcher();
        use_callback((), move |doc: Document, _| {
            dispatcher.dispatch(Action::OpenDocument(doc))
        })
    };

    let open_files = {
        let open_document = open_document.clone();
        let dispatcher = state.dispatcher();
        let readers = readers.clone();
        use_callback((), move |files: Vec<web_sys::File>, _| {
            let total = files.len();
            let opened = Rc::new(Cell::new(0));
            let open_document = open_document.clone();
            let dispatcher = dispatcher.clone();
            dom::files::read_each(files, readers.clone(), move |name, bytes| {
                let result = bytes
                    .and_then(|b| decode_text(&b).map_err(|e| e.to_string()))
                    .and_then(|text| {
                        prepare_article(&text, "", Some(&name)).map_err(|e| e.to_string())
                    });
                match result {
                    Ok(prepared) => {
                        opened.set(opened.get() + 1);
                        open_document.emit(new_document(prepared));
                        if total > 1 && opened.get() > 1 {
                            dispatcher.dispatch(Action::Notify(Notice::hint(format!(
                                "Opened {} articles; all of them are in the Library.",
                                opened.get()
                            ))));
                        }
                    }
                    Err(reason) => dispatcher.dispatch(Action::Notify(Notice::error(format!(
                        "“{name}” was not opened. {reason}"
                    )))),
                }
            });
        })
    };

    let import_files = {
        let dispatcher = state.dispatcher();
        let readers = readers.clone();
        use_callback((), move |files: Vec<web_sys::File>, _| {
            let dispatcher = dispatcher.clone();
            // Refuse an oversized file before reading a byte of it.
            let mut small = Vec::new();
            for file in files {
                if file.size() > gloss::MAX_FILE_BYTES as f64 {
                    dispatcher.dispatch(Action::ImportFile {
                        name: file.name(),
                        contents: Err(format!(
                            "the file is too large ({} MB; Gloss imports files up to {} MB)",
                            (file.size() / 1_048_576.0).round(),
                            gloss::MAX_FILE_BYTES / 1_048_576
                        )),
                        at: dom::now(),
                    });
                } else {
                    small.push(file);
                }
            }
            dom::files::read_each(small, readers.clone(), move |name, bytes| {
                let contents = bytes.and_then(|b| {
                    String::from_utf8(b).map_err(|_| "the file is not UTF-8 text".to_owned())
                });
                dispatcher.dispatch(Action::ImportFile {
                    name,
                    contents,
                    at: dom::now(),
                });
            });
        })
    };

    let on_export_article = {
        let latest = latest.clone();
        use_callback((), move |(), _| {
            let state = latest.borrow().clone();
            let Some(article) = state.article.as_ref() else {
                state.dispatch(Action::Notify(Notice::hint(
                    "No article is open to export.",
                )));
                return;
            };
            let json = gloss::export(&[&article.doc], dom::now());
            if let Err(reason) = dom::download::offer(
                &gloss::file_name(&article.doc.title),
                "application/json",
                &json,
            ) {
                state.dispatch(Action::Notify(Notice::error(reason)));
            }
        })
    };
    let on_export_library = {
        let latest = latest.clone();
        use_callback((), move |(), _| {
            let state = latest.borrow().clone();
            let mut docs: Vec<&Document> = state.library.values().map(|d| &**d).collect();
            docs.sort_by(|a, b| a.title.cmp(&b.title));
            let json = gloss::export(&docs, dom::now());
            let name = format!(
                "gloss-library-{}.gloss.json",
                crate::formats::time::to_rfc3339(dom::now())
                    .get(..10)
                    .unwrap_or("export")
            );
            if let Err(reason) = dom::download::offer(&name, "application/json", &json) {
                state.dispatch(Action::Notify(Notice::error(reason)));
            }
        })
    };

    // Keys anywhere on the page: one listener for the page's life, reading the latest state.
    {
        let latest = latest.clone();
        let apply_label = apply_label.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window()
                .and_then(|w| w.document())
                .map(|document| {
                    EventListener::new_with_options(
                        &document,
                        "keydown",
                        EventListenerOptions::enable_prevent_default(),
                        move |event| {
                            if let Some(event) = event.dyn_ref::<KeyboardEvent>() {
                                let state = latest.borrow().clone();
                                on_key(&state, &apply_label, event);
                            }
                        },
                    )
                });
            move || drop(listener)
        });
    }

    // A moment after an article opens, rehearse marking once (nothing is kept) so the first
    // real key press does not pay for compiling the code behind it.
    {
        let latest = latest.clone();
        let article_ref = article_ref.clone();
        use_effect_with(state.article.as_ref().map(|a| a.doc.id), move |open| {
            let timer = open.map(|_| {
                gloo::timers::callback::Timeout::new(REHEARSAL_DELAY_MS, move || {
                    let state = latest.borrow().clone();
                    if let (Some(article), Some(element)) =
                        (state.article.as_ref(), article_ref.cast::<Element>())
                    {
                        dom::selection::rehearse(&element, &article.index);
                    }
                    state.rehearse();
                })
            });
            move || drop(timer)
        });
    }

    // Files dropped anywhere on the window: .json files are imported, others opened as articles.
    {
        let open_files = open_files.clone();
        let import_files = import_files.clone();
        use_effect_with((), move |_| {
            let listeners = web_sys::window().map(|window| {
                let over = EventListener::new_with_options(
                    &window,
                    "dragover",
                    EventListenerOptions::enable_prevent_default(),
                    |event| event.prevent_default(),
                );
                let drop = EventListener::new_with_options(
                    &window,
                    "drop",
                    EventListenerOptions::enable_prevent_default(),
                    move |event| {
                        event.prevent_default();
                        let files = event
                            .dyn_ref::<DragEvent>()
                            .and_then(DragEvent::data_transfer)
                            .and_then(|t| t.files());
                        if let Some(files) = files.filter(|f| f.length() > 0) {
                            let (json, text): (Vec<web_sys::File>, Vec<web_sys::File>) = (0..files
                                .length())
                                .filter_map(|i| files.get(i))
                                .partition(|f| f.name().to_lowercase().ends_with(".json"));
                            if !json.is_empty() {
                                import_files.emit(json);
                            }
                            if !text.is_empty() {
                                open_files.emit(text);
                            }
                        }
                    },
                );
                (over, drop)
            });
            move || drop(listeners)
        });
    }

    // Bring the selected annotation into view when it was chosen away from the text (the list,
    // undo, redo, Tab); not after marking or clicking, where it is already under the pointer.
    {
        let article_ref = article_ref.clone();
        let start = state.selected_annotation().map(|a| a.span.start);
        let reveal = state.reveal;
        use_effect_with(start, move |start| {
            if let (Some(start), true, Some(element)) =
                (start, reveal, article_ref.cast::<Element>())
            {
                dom::scroll::reveal(&element, *start);
            }
        });
    }

    let dispatcher = state.dispatcher();
    let on_undo = use_action(dispatcher.clone(), || Action::Undo);
    let on_redo = use_action(dispatcher.clone(), || Action::Redo);
    let on_delete = use_action(dispatcher.clone(), || Action::DeleteSelected);
    let on_new = use_action(dispatcher.clone(), || {
        Action::OpenDialog(Dialog::NewArticle)
    });
    let on_shortcuts = use_action(dispatcher.clone(), || Action::OpenDialog(Dialog::Shortcuts));
    let on_library = use_action(dispatcher.clone(), || Action::OpenDialog(Dialog::Library));
    let on_close_dialog = use_action(dispatcher.clone(), || Action::CloseDialog);
    let on_dismiss = use_action(dispatcher.clone(), || Action::DismissNotice);
    let on_whole_words = {
        let dispatcher = dispatcher.clone();
        use_callback((), move |on: bool, _| {
            dispatcher.dispatch(Action::SetWholeWords(on))
        })
    };
    let on_click_point = {
        let dispatcher = dispatcher.clone();
        use_callback((), move |point: Option<usize>, _| match point {
            Some(point) => dispatcher.dispatch(Action::ClickAt(point)),
            None => dispatcher.dispatch(Action::Select(None)),
        })
    };
    // Stable across renders, so the sidebar's entries keep equal props and skip rendering.
    let on_select = {
        let dispatcher = state.dispatcher();
        use_callback((), move |id: AnnotationId, _| {
            dispatcher.dispatch(Action::Select(Some(id)))
        })
    };
    let on_filter = {
        let dispatcher = dispatcher.clone();
        use_callback((), move |filter: Option<Label>, _| {
            dispatcher.dispatch(Action::SetFilter(filter))
        })
    };
    let on_note = {
        let dispatcher = dispatcher.clone();
        use_callback(
            (),
            move |(document, id, note): (DocumentId, AnnotationId, String), _| {
                dispatcher.dispatch(Action::SetNote {
                    document,
                    id,
                    note,
                    at: dom::now(),
                })
            },
        )
    };
    let on_resize = {
        let dispatcher = dispatcher.clone();
        use_callback((), move |(edge, how): (Edge, Resize), _| {
            dispatcher.dispatch(Action::ResizeSelected {
                edge,
                how,
                at: dom::now(),
            })
        })
    };
    let on_delete_one = {
        let dispatcher = dispatcher.clone();
        use_callback((), move |id: AnnotationId, _| {
            dispatcher.dispatch(Action::Delete(id))
        })
    };
    let on_loaded = {
        let state = state.clone();
        let open_document = open_document.clone();
        Callback::from(move |doc: Document| {
            state.dispatch(Action::CloseDialog);
            open_document.emit(doc);
        })
    };

    let dialog = match state.dialog {
        Some(Dialog::NewArticle) => {
            html! { <NewArticleDialog on_load={on_loaded} on_cancel={on_close_dialog.clone()} /> }
        }
        Some(Dialog::Shortcuts) => html! { <ShortcutsDialog on_close={on_close_dialog.clone()} /> },
        Some(Dialog::Library) => {
            let on_open = {
                let state = state.clone();
                Callback::from(move |id| state.dispatch(Action::OpenStored(id)))
            };
            let on_rename = {
                let state = state.clone();
                Callback::from(move |(id, title)| {
                    state.dispatch(Action::Rename {
                        id,
                        title,
                        at: dom::now(),
                    })
                })
            };
            let on_delete = {
                let state = state.clone();
                Callback::from(move |id| {
                    let title = state
                        .library
                        .get(&id)
                        .map(|d| d.title.clone())
                        .unwrap_or_default();
                    if confirm(&format!("Delete “{title}” and all its annotations from this browser? Export it first to keep a copy.")) {
                        state.dispatch(Action::DeleteDocument(id));
                    }
                })
            };
            let on_filter = {
                let state = state.clone();
                Callback::from(move |filter| state.dispatch(Action::SetLibraryFilter(filter)))
            };
            html! {
                <LibraryDialog
                    documents={state.library_list()}
                    open={state.article.as_ref().map(|a| a.doc.id)}
                    filter={state.library_filter.clone()}
                    total={state.library.len()}
                    {on_filter}
                    {on_open}
                    {on_rename}
                    {on_delete}
                    on_close={on_close_dialog.clone()}
                />
            }
        }
        None => html! {},
    };

    html! {
        <div class="app">
            <header class="app-header">
                <h1 class="brand">{ "Gloss" }</h1>
                <Toolbar
                    library_size={state.library.len()}
                    {on_library}
                    can_undo={!state.undo.is_empty()}
                    can_redo={!state.redo.is_empty()}
                    has_selected={state.selected.is_some()}
                    whole_words={state.whole_words}
                    on_label={apply_label}
                    {on_undo}
                    {on_redo}
                    {on_delete}
                    {on_new}
                    on_open_files={open_files}
                    {on_whole_words}
                    {on_shortcuts}
                    {on_export_article}
                    {on_export_library}
                    on_import_files={import_files}
                />
                <SaveIndicator status={state.save_status()} />
            </header>
            if let Storage::Unavailable(reason) = &state.storage {
                <div class="notice error banner" role="alert">
                    { format!("Not saved: {reason}") }
                </div>
            }
            <NoticeBar notice={state.notice.clone()} {on_dismiss} />
            <main class="workspace">
                { match state.article.as_ref() {
                    Some(article) => html! {
                        <>
                            // Keyed by document: another article mounts a fresh tree instead of
                            // reconciling the old one node by node (much faster for long ones).
                            <ArticleView
                                key={format!("article-{}", article.doc.id)}
                                title={article.doc.title.clone()}
                                date={article.doc.date.map(|d| d.to_string())}
                                index={Rc::clone(&article.index)}
                                blocks={Rc::clone(&article.blocks)}
                                segments={Rc::clone(&article.segments)}
                                selected={state.selected}
                                selected_span={state.selected_annotation().map(|a| a.span)}
                                node_ref={article_ref.clone()}
                                on_click_point={on_click_point}
                            />
                            <Sidebar
                                key={format!("sidebar-{}", article.doc.id)}
                                doc={Rc::clone(&article.doc)}
                                index={Rc::clone(&article.index)}
                                filter={state.filter}
                                selected={state.selected}
                                {on_select}
                                {on_filter}
                                {on_note}
                                {on_resize}
                                on_delete={on_delete_one}
                            />
                        </>
                    },
                    None => html! {
                        <p class="empty">{ "No article is open. Choose “New article” or “Open file”, or drop a text file here." }</p>
                    },
                } }
            </main>
            { dialog }
            <div class="sr-only" role="status" aria-live="polite" aria-atomic="true" data-serial={state.announcement.0.to_string()}>
                { state.announcement.1.clone() }
            </div>
        </div>
    }
}

/// A stable callback that dispatches the action `make` builds.
#[hook]
fn use_action<E: 'static>(
    dispatcher: UseReducerDispatcher<State>,
    make: fn() -> Action,
) -> Callback<E> {
    use_callback((), move |_: E, _| dispatcher.dispatch(make()))
}

/// Asks the person to confirm (the browser's own dialog); `false` when it cannot ask.
fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

fn is_text_field(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<Element>().ok())
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

fn on_key(state: &UseReducerHandle<State>, apply_label: &Callback<Label>, event: &KeyboardEvent) {
    if event.is_composing() || event.default_prevented() {
        return;
    }
    let modifiers = keys::Modifiers {
        ctrl: event.ctrl_key(),
        shift: event.shift_key(),
        alt: event.alt_key(),
        meta: event.meta_key(),
    };
    let Some(intent) = keys::intent(&event.key(), modifiers) else {
        return;
    };
    if state.dialog.is_some() {
        if intent == KeyIntent::Deselect {
            event.prevent_default();
            state.dispatch(Action::CloseDialog);
        }
        return;
    }
    if is_text_field(event.target()) {
        return;
    }
    match intent {
        KeyIntent::Label(label) => {
            event.prevent_default();
            apply_label.emit(label);
        }
        KeyIntent::Delete => {
            // Inside the article, Backspace and Delete never edit the text.
            event.prevent_default();
            if state.selected.is_some() {
                state.dispatch(Action::DeleteSelected);
            }
        }
        KeyIntent::Undo => {
            event.prevent_default();
            state.dispatch(Action::Undo);
        }
        KeyIntent::Redo => {
            event.prevent_default();
            state.dispatch(Action::Redo);
        }
        KeyIntent::Cycle => {
            let several = match (state.article.as_ref(), state.selected_annotation()) {
                (Some(article), Some(selected)) => {
                    let point = state
                        .cycle_point
                        .filter(|&p| selected.span.contains(p))
                        .unwrap_or(selected.span.start);
                    article.at_point(point).len() > 1
                }
                _ => false,
            };
            if several {
                event.prevent_default();
                state.dispatch(Action::CycleSelection);
            }
        }
        KeyIntent::Deselect => {
            state.dispatch(Action::Select(None));
            state.dispatch(Action::DismissNotice);
        }
        KeyIntent::Resize(edge, how) => {
            if state.selected.is_some() {
                event.prevent_default();
                state.dispatch(Action::ResizeSelected {
                    edge,
                    how,
                    at: dom::now(),
                });
            }
        }
        KeyIntent::Shortcuts => {
            event.prevent_default();
            state.dispatch(Action::OpenDialog(Dialog::Shortcuts));
        }
    }
}
