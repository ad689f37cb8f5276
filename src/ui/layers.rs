//! Whose work the article shows: the "Showing: <name> ▾" switch above the text (each
//! annotator's layer with how many marks it holds, the curated layer, everyone at once), and
//! the "Your name" dialog that says who is annotating here (kept in this browser).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::menu::{Entry, MenuButton, MenuItem};
use super::modal::Modal;
use super::store::Latest;
use crate::dom;
use crate::model::layers::{Layer, Showing};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct ShowingProps {
    /// The open article's layers with their counts (one's own first).
    pub layers: Vec<(Layer, usize)>,
    pub showing: Showing,
    /// "Your name", when given.
    pub me: Option<AttrValue>,
    pub on_show: Callback<Showing>,
    /// "Your name…" chosen.
    pub on_your_name: Callback<()>,
    /// A dialog is open: the menu closes.
    #[prop_or_default]
    pub suppressed: bool,
}

/// The switch; always there, so "Your name…" is too, and a read-only layer says so beside it.
#[component]
pub fn ShowingSwitch(props: &ShowingProps) -> Html {
    let me = props.me.as_deref();
    let mut items: Vec<Entry> = props
        .layers
        .iter()
        .map(|(layer, count)| {
            let name = match layer {
                Layer::Mine => format!("{} (you)", layer.name(me)),
                _ => layer.name(me),
            };
            let showing = Showing::Layer(layer.clone()).normalized();
            Entry::Item(MenuItem {
                name: format!("{name}: {count}").into(),
                on_choose: props.on_show.reform(move |()| showing.clone()),
            })
        })
        .collect();
    if props.layers.len() > 1 {
        items.push(Entry::Item(MenuItem {
            name: "Everyone".into(),
            on_choose: props.on_show.reform(|()| Showing::Everyone),
        }));
    }
    items.extend([
        Entry::Separator,
        Entry::Item(MenuItem {
            name: "Your name…".into(),
            on_choose: props.on_your_name.clone(),
        }),
    ]);
    let read_only = !props.showing.editable();
    html! {
        <div class={classes!("showing", read_only.then_some("read-only"))}>
            <MenuButton
                label={format!("Showing: {} ▾", props.showing.name(me))}
                menu_label="Whose annotations to show"
                id="showing-menu"
                {items}
                suppressed={props.suppressed}
            />
            if read_only {
                <span class="read-only-tag">{ "Read only" }</span>
            }
        </div>
    }
}

/// The text of the input `node` refers to (empty when it is not there).
pub fn input_value(node: &NodeRef) -> String {
    node.cast::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

#[derive(Properties, PartialEq)]
pub struct NameFieldProps {
    pub node_ref: NodeRef,
    pub value: AttrValue,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
}

/// The "Your name" field, the same wherever it is asked for (here, the ClaimReview export).
#[component]
pub fn YourNameField(props: &NameFieldProps) -> Html {
    html! {
        <label class="field">
            <span>{ "Your name" }</span>
            <input
                ref={props.node_ref.clone()}
                type="text"
                autocomplete="name"
                value={props.value.clone()}
                placeholder={props.placeholder.clone()}
                data-autofocus="true"
            />
        </label>
    }
}

#[derive(Properties, PartialEq)]
pub struct YourNameProps {
    pub name: Option<AttrValue>,
    pub on_save: Callback<String>,
    pub on_cancel: Callback<MouseEvent>,
}

/// "Your name": who marks here. Signs every annotation made or changed from now on, names one's
/// own layer, and goes with exports so colleagues see whose work they import.
#[component]
pub fn YourNameDialog(props: &YourNameProps) -> Html {
    let name_ref = use_node_ref();
    let onsubmit = {
        let on_save = props.on_save.clone();
        let name_ref = name_ref.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_save.emit(input_value(&name_ref));
        })
    };
    html! {
        <Modal labelled_by="your-name-title">
            <h2 id="your-name-title">{ "Your name" }</h2>
            <form {onsubmit} novalidate=true>
                <p class="field-help">
                    { "Signs the annotations you make and change, and names your layer when colleagues import your exports. Kept in this browser only." }
                </p>
                <YourNameField node_ref={name_ref} value={props.name.clone().unwrap_or_default()} />
                <div class="dialog-actions">
                    <button type="button" onclick={props.on_cancel.clone()}>{ "Cancel" }</button>
                    <button type="submit" class="primary">{ "Save" }</button>
                </div>
            </form>
        </Modal>
    }
}

/// "Save" in the Your name dialog: kept in this browser, and the editor signs with it.
#[hook]
pub fn use_save_your_name(latest: Latest) -> Callback<String> {
    use_callback((), move |name: String, _| {
        dom::settings::set_your_name(&name);
        let state = latest.borrow().clone();
        state.dispatch(Action::SetYourName(name));
        state.dispatch(Action::CloseDialog);
    })
}

/// The name kept in this browser, given to the editor once at start.
#[hook]
pub fn use_stored_name(latest: Latest) {
    use_effect_with((), move |()| {
        let name = dom::settings::your_name();
        if !name.trim().is_empty() {
            latest.borrow().dispatch(Action::SetYourName(name));
        }
    });
}
