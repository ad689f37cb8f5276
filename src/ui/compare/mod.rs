//! "Compare": how far the annotators of the open article (or of the whole library) agree, and,
//! for the open article, their disagreements side by side to settle into the curated layer.
//!
//! - [`figures`]: the agreement figures, per pair and for everyone, with what they mean;
//! - [`curation`]: the open article's disagreements, Accept all agreed, the steps;
//! - [`disagreements`]: one disagreement with a lane per annotator and the choices;
//! - [`articles`]: which articles the library's figures pool.
//!
//! The figures and the disagreements are the core's (`agree`, `state::curating`); the scope and
//! which disagreement is selected belong to this view. `N` and `P` step through the
//! disagreements while the dialog is open.

mod actions;
mod articles;
mod curation;
mod disagreements;
mod figures;

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

use super::modal::Modal;
pub use actions::{use_compare_actions, CompareActions};
use articles::{ArticlePicker, Comparable};
use curation::Curation;
use figures::{Explanation, Figures};
use gloss_core::agree::disagree::{self, Choice};
use gloss_core::agree::{self, Report};
use gloss_core::model::offsets::TextIndex;
use gloss_core::model::{Document, DocumentId, Label, Span};
use gloss_core::state::curating;

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub library: Rc<BTreeMap<DocumentId, Rc<Document>>>,
    /// The open article, when there is one: the first scope offered, and the one curated.
    pub open: Option<Rc<Document>>,
    /// Its text's index.
    pub index: Option<Rc<TextIndex>>,
    /// "Your name", which names one's own layer.
    pub me: Option<AttrValue>,
    /// A disagreement settled: its label and span, the choice, and how many marks it holds.
    pub on_curate: Callback<(Label, Span, Choice, usize)>,
    /// "Accept all agreed", with how many marks the agreements hold.
    pub on_accept_agreed: Callback<usize>,
    /// "Download CSV" with the figures shown.
    pub on_csv: Callback<Rc<Report>>,
    /// "Show the curated layer".
    pub on_show_curated: Callback<()>,
    /// "Your name…": who curates here.
    pub on_your_name: Callback<()>,
    pub on_close: Callback<MouseEvent>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Article,
    Library,
}

/// The figures for the open article, or pooled over every article with two annotators or more.
fn report(
    library: &BTreeMap<DocumentId, Rc<Document>>,
    open: Option<&Document>,
    scope: Scope,
    me: Option<&str>,
    left_aside: &BTreeSet<DocumentId>,
) -> Report {
    match (scope, open) {
        (Scope::Article, Some(doc)) => {
            let layers = agree::layers_of(doc, me);
            agree::compare(&agree::Article {
                title: &doc.title,
                text: &doc.text,
                layers: &layers,
            })
        }
        _ => {
            let mut docs: Vec<&Document> = library
                .values()
                .map(|d| &**d)
                .filter(|d| !left_aside.contains(&d.id))
                .collect();
            docs.sort_by(|a, b| a.title.cmp(&b.title));
            let layers: Vec<(&Document, Vec<agree::Layer>)> = docs
                .into_iter()
                .map(|d| (d, agree::layers_of(d, me)))
                .filter(|(_, l)| l.len() >= 2)
                .collect();
            let articles: Vec<agree::Article> = layers
                .iter()
                .map(|(d, l)| agree::Article {
                    title: &d.title,
                    text: &d.text,
                    layers: l,
                })
                .collect();
            agree::compare_many(&articles)
        }
    }
}

#[component]
pub fn CompareDialog(props: &CompareProps) -> Html {
    let scope = use_state(|| {
        if props.open.is_some() {
            Scope::Article
        } else {
            Scope::Library
        }
    });
    let help_open = use_state(|| false);
    let selected = use_state(|| None::<usize>);
    let me = props.me.as_deref().map(str::to_owned);
    let effective = if props.open.is_some() {
        *scope
    } else {
        Scope::Library
    };
    let left_aside = use_state(BTreeSet::<DocumentId>::new);
    let figures = use_memo(
        (
            Rc::clone(&props.library),
            props.open.clone(),
            effective,
            me.clone(),
            (*left_aside).clone(),
        ),
        |(library, open, scope, me, left_aside)| {
            Rc::new(report(
                library,
                open.as_deref(),
                *scope,
                me.as_deref(),
                left_aside,
            ))
        },
    );
    let comparable = use_memo((Rc::clone(&props.library), me.clone()), |(library, me)| {
        let mut list: Vec<Comparable> = library
            .values()
            .filter_map(|d| {
                let annotators = agree::layers_of(d, me.as_deref()).len();
                (annotators >= 2).then(|| Comparable {
                    id: d.id,
                    title: AttrValue::from(d.title.clone()),
                    annotators,
                })
            })
            .collect();
        list.sort_by(|a, b| a.title.cmp(&b.title));
        list
    });
    let on_toggle_article = {
        let left_aside = left_aside.clone();
        Callback::from(move |(id, included): (DocumentId, bool)| {
            let mut set = (*left_aside).clone();
            if included {
                set.remove(&id);
            } else {
                set.insert(id);
            }
            left_aside.set(set);
        })
    };
    let compared = use_memo((props.open.clone(), me.clone()), |(open, me)| {
        open.as_deref()
            .map(|doc| Rc::new(curating::comparison(doc, me.as_deref())))
    });
    let list: Vec<usize> = compared
        .as_ref()
        .as_ref()
        .map(|c| disagree::disagreements(&c.items).map(|(i, _)| i).collect())
        .unwrap_or_default();

    // The selection is a place of `compared` (an item index): another list (another name,
    // another article) starts with none.
    {
        let selected = selected.clone();
        use_effect_with(list.clone(), move |_| selected.set(None));
    }
    // A disagreement reached with N, P or the buttons gets the focus and comes into view (one
    // chosen with the mouse is where the person is already: moving it would lose their click).
    let reveal = use_state(|| 0u32);
    {
        // Found by its place in the list (`data-index`, from 1).
        let position = selected.and_then(|i| list.iter().position(|&x| x == i));
        use_effect_with(*reveal, move |_| {
            if let Some(i) = position {
                let found = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| {
                        d.query_selector(&format!(".disagreement[data-index=\"{}\"]", i + 1))
                            .ok()
                            .flatten()
                    })
                    .and_then(|e| e.dyn_into::<HtmlElement>().ok());
                if let Some(section) = found {
                    let _ = section.focus();
                    section.scroll_into_view_with_bool(false);
                }
            }
        });
    }
    let step = {
        let selected = selected.clone();
        let reveal = reveal.clone();
        let compared = compared.clone();
        move |forward: bool| {
            let Some(c) = compared.as_ref().as_ref() else {
                return;
            };
            // The core's steps: wrapping round, agreements passed over.
            let next = if forward {
                disagree::next_disagreement(&c.items, *selected)
            } else {
                disagree::previous_disagreement(&c.items, *selected)
            };
            if next.is_some() {
                selected.set(next);
                reveal.set(reveal.wrapping_add(1));
            }
        }
    };
    // N and P anywhere while the dialog is open (a button just pressed may have been disabled,
    // leaving the focus on the page): listened for on the document, not the dialog.
    {
        let step = step.clone();
        use_effect_with((*selected, list.clone()), move |_| {
            let listener = web_sys::window()
                .and_then(|w| w.document())
                .map(|document| {
                    let options = gloo::events::EventListenerOptions::enable_prevent_default();
                    gloo::events::EventListener::new_with_options(
                        &document,
                        "keydown",
                        options,
                        move |event| {
                            let Some(e) = event.dyn_ref::<KeyboardEvent>() else {
                                return;
                            };
                            if e.ctrl_key() || e.meta_key() || e.alt_key() || e.default_prevented()
                            {
                                return;
                            }
                            let typing = e
                                .target()
                                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                                .is_some_and(|t| {
                                    matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                                });
                            if typing {
                                return;
                            }
                            match e.key().as_str() {
                                "n" | "N" => {
                                    e.prevent_default();
                                    step(true);
                                }
                                "p" | "P" => {
                                    e.prevent_default();
                                    step(false);
                                }
                                _ => {}
                            }
                        },
                    )
                });
            move || drop(listener)
        });
    }
    let switch = |to: Scope, name: &'static str, disabled: bool| {
        let scope = scope.clone();
        let onchange = Callback::from(move |_: Event| scope.set(to));
        html! {
            <label class={classes!("who-scope-option", disabled.then_some("is-disabled"))}>
                <input type="radio" name="compare-scope" checked={effective == to} {disabled} {onchange} />
                { name }
            </label>
        }
    };
    let on_help = {
        let help_open = help_open.clone();
        Callback::from(move |()| {
            help_open.set(true);
            if let Some(e) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("compare-help-kappa"))
            {
                e.scroll_into_view();
            }
        })
    };
    let on_toggle_help = {
        let help_open = help_open.clone();
        Callback::from(move |e: Event| {
            let open = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|d| d.has_attribute("open"));
            help_open.set(open);
        })
    };
    let on_csv = {
        let on_csv = props.on_csv.clone();
        let figures = Rc::clone(&*figures);
        Callback::from(move |_: MouseEvent| on_csv.emit(Rc::clone(&figures)))
    };
    let curation = match (
        props.open.as_ref(),
        props.index.as_ref(),
        compared.as_ref().as_ref(),
        effective,
    ) {
        (Some(doc), Some(index), Some(c), Scope::Article) if c.names.len() >= 2 => {
            let on_select = {
                let selected = selected.clone();
                Callback::from(move |i: usize| {
                    if *selected != Some(i) {
                        selected.set(Some(i));
                    }
                })
            };
            let on_step = {
                let step = step.clone();
                Callback::from(move |forward: bool| step(forward))
            };
            html! {
                <Curation
                    doc={Rc::clone(doc)}
                    index={Rc::clone(index)}
                    compared={Rc::clone(c)}
                    list={Rc::<[usize]>::from(list.clone())}
                    selected={*selected}
                    {on_select}
                    {on_step}
                    on_curate={props.on_curate.clone()}
                    on_accept_agreed={props.on_accept_agreed.clone()}
                    on_show_curated={props.on_show_curated.clone()}
                />
            }
        }
        _ => html! {},
    };
    html! {
        <Modal labelled_by="compare-title" wide=true>
            <div class="compare">
                <h2 id="compare-title">{ "Compare annotators" }</h2>
                <p class="compare-you">
                    { match props.me.as_deref() {
                        Some(name) => format!("You are {name}: what you curate is signed with this name. "),
                        None => "Give your name to sign what you mark and curate. ".to_owned(),
                    } }
                    <button type="button" class="link-like" onclick={props.on_your_name.reform(|_: MouseEvent| ())}>{ "Your name…" }</button>
                </p>
                <fieldset class="who-scope">
                    <legend class="sr-only">{ "Compare" }</legend>
                    { switch(Scope::Article, "This article", props.open.is_none()) }
                    { switch(Scope::Library, "Library", false) }
                </fieldset>
                if effective == Scope::Library {
                    <ArticlePicker
                        articles={(*comparable).clone()}
                        left_out={(*left_aside).clone()}
                        on_toggle={on_toggle_article}
                    />
                }
                <Figures report={Rc::clone(&*figures)} {on_help} />
                <details class="compare-explained" open={*help_open} ontoggle={on_toggle_help}>
                    <summary>{ "What do these figures mean?" }</summary>
                    <Explanation />
                </details>
                { curation }
                <div class="dialog-actions">
                    <button type="button" onclick={on_csv} disabled={figures.figures.is_empty()}>{ "Download CSV" }</button>
                    <button type="button" class="primary" onclick={props.on_close.clone()} data-autofocus="true">{ "Close" }</button>
                </div>
            </div>
        </Modal>
    }
}
