//! A menu button (the WAI-ARIA menu button pattern), used for "Export": the button says it has
//! a menu (`aria-haspopup`) and whether it is open (`aria-expanded`); opening moves the focus to
//! the first item (ArrowUp on the button: the last); ArrowUp/ArrowDown go round the items,
//! Home/End to the ends; Escape closes it and gives the focus back to the button, Tab closes it
//! and goes on from the button. Choosing an item, a press outside, and a dialog opening close it.
//! An entry may lead to more items shown in the menu's place ("Export library" → its formats):
//! choosing it (or ArrowRight) shows them, "Back" (or ArrowLeft) returns.

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, Node};
use yew::prelude::*;

use crate::dom::focus;

/// One item: its name, and what choosing it does.
#[derive(Clone, PartialEq)]
pub struct MenuItem {
    pub name: AttrValue,
    pub on_choose: Callback<()>,
}

/// A line of the menu.
#[derive(Clone, PartialEq)]
pub enum Entry {
    Item(MenuItem),
    /// A line between groups of items.
    Separator,
    /// A caption above a group, for the eye (the menu's name says it to a screen reader).
    Heading(AttrValue),
    /// An item whose items replace the menu's while they are shown.
    More {
        name: AttrValue,
        /// The accessible name of the menu while its items are shown.
        menu_label: AttrValue,
        items: Vec<Entry>,
    },
}

#[derive(Properties, PartialEq)]
pub struct MenuButtonProps {
    /// The button's text.
    pub label: AttrValue,
    /// The menu's accessible name.
    pub menu_label: AttrValue,
    /// The menu's id (the button's `aria-controls`).
    pub id: AttrValue,
    pub items: Vec<Entry>,
    /// A dialog is open: the menu closes (it never stays behind one).
    #[prop_or_default]
    pub suppressed: bool,
}

/// Which item gets the focus when the menu opens.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Start {
    First,
    Last,
}

#[component]
pub fn MenuButton(props: &MenuButtonProps) -> Html {
    let open = use_state(|| None::<Start>);
    // Which `Entry::More` shows its items, if any.
    let deeper = use_state(|| None::<usize>);
    let wrap_ref = use_node_ref();
    let button_ref = use_node_ref();
    let menu_ref = use_node_ref();
    let shown = open.is_some() && !props.suppressed;

    // On opening, the focus goes to the first (or last) item.
    {
        let menu_ref = menu_ref.clone();
        use_effect_with(
            (*open, props.suppressed, *deeper),
            move |(start, suppressed, _)| {
                if let (Some(start), false, Some(menu)) =
                    (*start, *suppressed, menu_ref.cast::<Element>())
                {
                    let items = focusable_items(&menu);
                    let item = match start {
                        Start::First => items.first(),
                        Start::Last => items.last(),
                    };
                    if let Some(item) = item {
                        let _ = item.focus();
                    }
                }
            },
        );
    }
    // Closed: next time it opens on its own items.
    {
        let deeper = deeper.clone();
        use_effect_with(shown, move |shown| {
            if !*shown {
                deeper.set(None);
            }
        });
    }
    // A dialog opened over it: closed, so it is not there again when the dialog closes.
    {
        let open = open.clone();
        use_effect_with(props.suppressed, move |suppressed| {
            if *suppressed {
                open.set(None);
            }
        });
    }
    // A press anywhere outside closes it.
    {
        let open = open.clone();
        let wrap_ref = wrap_ref.clone();
        use_effect_with(shown, move |shown| {
            let listener = shown
                .then(|| web_sys::window().and_then(|w| w.document()))
                .flatten()
                .map(|document| {
                    EventListener::new(&document, "pointerdown", move |event| {
                        let target = event.target().and_then(|t| t.dyn_into::<Node>().ok());
                        if let Some(wrap) = wrap_ref.cast::<Element>() {
                            if !focus::within(&wrap, target.as_ref()) {
                                open.set(None);
                            }
                        }
                    })
                });
            move || drop(listener)
        });
    }

    let focus_button = {
        let button_ref = button_ref.clone();
        move || {
            if let Some(button) = button_ref.cast::<HtmlElement>() {
                let _ = button.focus();
            }
        }
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            open.set(if open.is_some() {
                None
            } else {
                Some(Start::First)
            })
        })
    };
    let onkeydown = {
        let open = open.clone();
        let deeper = deeper.clone();
        let menu_ref = menu_ref.clone();
        let button_ref = button_ref.clone();
        let focus_button = focus_button.clone();
        Callback::from(move |event: KeyboardEvent| {
            let key = event.key();
            let on_button = button_ref.cast::<Node>().is_some_and(|b| {
                event
                    .target()
                    .and_then(|t| t.dyn_into::<Node>().ok())
                    .is_some_and(|t| t == b)
            });
            let menu = menu_ref.cast::<Element>();
            if on_button || menu.is_none() {
                match key.as_str() {
                    "ArrowDown" => open.set(Some(Start::First)),
                    "ArrowUp" => open.set(Some(Start::Last)),
                    "Escape" if menu.is_some() => open.set(None),
                    "Tab" if menu.is_some() => return open.set(None),
                    _ => return,
                }
                event.prevent_default();
                return;
            }
            let Some(menu) = menu else { return };
            let items = focusable_items(&menu);
            let at = focus::active().and_then(|a| items.iter().position(|i| *i == a));
            let last = items.len().saturating_sub(1);
            let to = match key.as_str() {
                "ArrowDown" => at.map_or(0, |i| if i >= last { 0 } else { i + 1 }),
                "ArrowUp" => at.map_or(last, |i| if i == 0 { last } else { i - 1 }),
                "Home" => 0,
                "End" => last,
                "ArrowRight" | "ArrowLeft" => {
                    // Into an entry's items, or back out of them.
                    let into = key == "ArrowRight";
                    let target = if into {
                        at.and_then(|i| items.get(i))
                            .and_then(|item| item.get_attribute("data-more"))
                            .and_then(|i| i.parse::<usize>().ok())
                    } else {
                        None
                    };
                    if into == target.is_some() && (into || deeper.is_some()) {
                        event.prevent_default();
                        deeper.set(target);
                        // Into or out of a list: its first item has the focus.
                        open.set(Some(Start::First));
                    }
                    return;
                }
                "Escape" => {
                    // Cancelled, so the page's own Escape (deselect) does not happen too.
                    event.prevent_default();
                    open.set(None);
                    focus_button();
                    return;
                }
                "Tab" => {
                    // The browser then moves on from the button, either way.
                    open.set(None);
                    focus_button();
                    return;
                }
                // A character key (`?`, a label key) closes the menu and goes on to the page
                // from the button; Enter and Space choose the item (the browser's click).
                _ if key.chars().count() == 1 && key != " " && !event.ctrl_key() => {
                    open.set(None);
                    focus_button();
                    return;
                }
                _ => return,
            };
            event.prevent_default();
            if let Some(item) = items.get(to) {
                let _ = item.focus();
            }
        })
    };
    // The entries shown: the menu's own, or those of the entry gone into (and "Back").
    let more = (*deeper).and_then(|i| match props.items.get(i) {
        Some(Entry::More {
            menu_label, items, ..
        }) => Some((menu_label.clone(), items)),
        _ => None,
    });
    let menu_label = more
        .as_ref()
        .map_or(props.menu_label.clone(), |(label, _)| label.clone());
    let entries: &[Entry] = more.as_ref().map_or(&props.items, |(_, items)| items);
    let item_html = |index: usize, entry: &Entry| -> Html {
        match entry {
            Entry::Separator => html! { <li role="separator"></li> },
            Entry::Heading(text) => html! {
                <li role="none" class="menu-heading" aria-hidden="true">{ text.clone() }</li>
            },
            Entry::Item(item) => {
                let on_choose = item.on_choose.clone();
                let open = open.clone();
                let focus_button = focus_button.clone();
                let onclick = Callback::from(move |_: MouseEvent| {
                    open.set(None);
                    focus_button();
                    on_choose.emit(());
                });
                html! {
                    <li role="none">
                        <button type="button" role="menuitem" tabindex="-1" {onclick}>{ item.name.clone() }</button>
                    </li>
                }
            }
            Entry::More { name, .. } => {
                let deeper = deeper.clone();
                let open = open.clone();
                let onclick = Callback::from(move |_: MouseEvent| {
                    deeper.set(Some(index));
                    open.set(Some(Start::First));
                });
                html! {
                    <li role="none">
                        <button type="button" role="menuitem" tabindex="-1" class="more" data-more={index.to_string()} {onclick}>
                            { name.clone() }
                        </button>
                    </li>
                }
            }
        }
    };
    let mut items: Vec<Html> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| item_html(i, e))
        .collect();
    if more.is_some() {
        let deeper = deeper.clone();
        let open = open.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            deeper.set(None);
            open.set(Some(Start::First));
        });
        items.push(html! { <li role="separator"></li> });
        items.push(html! {
            <li role="none">
                <button type="button" role="menuitem" tabindex="-1" class="back" {onclick}>
                    { "Back" }
                </button>
            </li>
        });
    }
    html! {
        <div class="menu-wrap" ref={wrap_ref} {onkeydown}>
            <button
                ref={button_ref}
                type="button"
                aria-haspopup="menu"
                aria-expanded={shown.to_string()}
                aria-controls={shown.then(|| props.id.clone())}
                onclick={toggle}
            >
                { props.label.clone() }
            </button>
            if shown {
                <ul class="menu" role="menu" id={props.id.clone()} aria-label={menu_label} ref={menu_ref}>
                    { for items }
                </ul>
            }
        </div>
    }
}

/// The menu's items, in order.
fn focusable_items(menu: &Element) -> Vec<HtmlElement> {
    let Ok(list) = menu.query_selector_all("[role=\"menuitem\"]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        .collect()
}
