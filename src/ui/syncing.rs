//! Sync as the person sees it: the "Sync" dialog (Your name, Database URL, User name,
//! Password, Connect; Sync now and Disconnect once connected), the header's word for how sync
//! is ("Synced", "Syncing… (N left)", "Offline — N changes wait", "Sync failed: …"), and the
//! choice for an annotation edited on two devices.

use yew::prelude::*;

use super::layers::{input_value, YourNameField};
use super::modal::Modal;
use super::store::Latest;
use crate::dom;
use crate::model::{Annotation, AnnotationId};
use crate::state::{Action, Keep};
use crate::sync::{engine, SyncHandle};
use gloss_core::sync::wire::Address;

#[derive(Properties, PartialEq)]
pub struct SyncDialogProps {
    pub sync: SyncHandle,
    pub latest: Latest,
    /// The header's words for sync now (`None`: not connected).
    pub status: Option<AttrValue>,
    pub on_close: Callback<MouseEvent>,
}

/// "Sync": connect this browser's library to a CouchDB database, shared with colleagues.
#[component]
pub fn SyncDialog(props: &SyncDialogProps) -> Html {
    // What was last connected to: the fields show it, and show the new one after Connect.
    let stored = use_state(dom::settings::sync_settings);
    let name_ref = use_node_ref();
    let url_ref = use_node_ref();
    let user_ref = use_node_ref();
    let password_ref = use_node_ref();
    let message = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let me = props
        .latest
        .borrow()
        .me
        .as_deref()
        .map(str::to_owned)
        .unwrap_or_else(dom::settings::your_name);
    let onsubmit = {
        let (name_ref, url_ref, user_ref, password_ref) = (
            name_ref.clone(),
            url_ref.clone(),
            user_ref.clone(),
            password_ref.clone(),
        );
        let message = message.clone();
        let busy = busy.clone();
        let sync = props.sync.clone();
        let latest = props.latest.clone();
        let stored = stored.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let name = input_value(&name_ref).trim().to_owned();
            let url = input_value(&url_ref).trim().to_owned();
            let user = input_value(&user_ref).trim().to_owned();
            let password = input_value(&password_ref);
            let problem = if name.is_empty() {
                Some("Give Your name: it tells your work from your colleagues'.".to_owned())
            } else if user.is_empty() || password.is_empty() {
                Some(
                    "Give the User name and Password the database's administrator gave you."
                        .to_owned(),
                )
            } else {
                None
            };
            let address = match (problem, Address::parse(&url)) {
                (Some(p), _) => {
                    message.set(Some(p));
                    return;
                }
                (None, Err(e)) => {
                    message.set(Some(format!("Check the Database URL: {e}.")));
                    return;
                }
                (None, Ok(address)) => address,
            };
            if *busy {
                return;
            }
            busy.set(true);
            message.set(Some("Connecting…".to_owned()));
            let (message, busy, sync, latest, stored) = (
                message.clone(),
                busy.clone(),
                sync.clone(),
                latest.clone(),
                stored.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result = engine::sign_in(&address, &user, &password).await;
                busy.set(false);
                match result {
                    Ok(()) => {
                        if latest.borrow().me.as_deref() != Some(name.as_str()) {
                            dom::settings::set_your_name(&name);
                            latest.borrow().dispatch(Action::SetYourName(name));
                        }
                        let settings = dom::settings::SyncSettings {
                            url,
                            user,
                            on: true,
                        };
                        dom::settings::set_sync_settings(&settings);
                        stored.set(settings);
                        sync.engine.start(address);
                        message.set(Some("Connected.".to_owned()));
                    }
                    Err(words) => message.set(Some(format!("Sync failed: {words}"))),
                }
            });
        })
    };
    let on_now = {
        let sync = props.sync.clone();
        Callback::from(move |_: MouseEvent| sync.engine.now())
    };
    let on_disconnect = {
        let sync = props.sync.clone();
        let message = message.clone();
        Callback::from(move |_: MouseEvent| {
            let mut settings = dom::settings::sync_settings();
            settings.on = false;
            dom::settings::set_sync_settings(&settings);
            sync.engine.stop();
            message.set(Some(
                "Disconnected: your work stays in this browser; Connect to sync again.".to_owned(),
            ));
        })
    };
    let connected = props.status.is_some();
    html! {
        <Modal labelled_by="sync-title">
            <h2 id="sync-title">{ "Sync" }</h2>
            <form {onsubmit} novalidate=true class="sync-form">
                <p class="field-help">
                    { "Share this library with colleagues through a CouchDB database: everyone's marks reach everyone, each in their own layer. Without a database Gloss keeps working in this browser only." }
                </p>
                if let Some(status) = props.status.clone() {
                    <p class="sync-now-status" role="status">{ status }</p>
                }
                <YourNameField node_ref={name_ref} value={AttrValue::from(me)} />
                <label class="field">
                    <span>{ "Database URL" }</span>
                    <input ref={url_ref} type="text" inputmode="url" autocomplete="url" value={stored.url.clone()} placeholder="/db/team" />
                </label>
                <label class="field">
                    <span>{ "User name" }</span>
                    <input ref={user_ref} type="text" autocomplete="username" value={stored.user.clone()} />
                </label>
                <label class="field">
                    <span>{ "Password" }</span>
                    <input ref={password_ref} type="password" autocomplete="current-password" />
                </label>
                <p class="field-help">{ "The password goes to the database only; Gloss keeps the session the database gives, never the password." }</p>
                if let Some(text) = (*message).clone() {
                    <p class="sync-message" role="alert">{ text }</p>
                }
                <div class="dialog-actions">
                    <button type="button" onclick={props.on_close.clone()}>{ "Close" }</button>
                    if connected {
                        <button type="button" onclick={on_disconnect}>{ "Disconnect" }</button>
                        <button type="button" onclick={on_now}>{ "Sync now" }</button>
                    }
                    <button type="submit" class="primary" disabled={*busy}>{ "Connect" }</button>
                </div>
            </form>
        </Modal>
    }
}

#[derive(Properties, PartialEq)]
pub struct SyncIndicatorProps {
    pub status: AttrValue,
    pub on_open: Callback<MouseEvent>,
}

/// The header's word for sync; opens the Sync dialog.
#[component]
pub fn SyncIndicator(props: &SyncIndicatorProps) -> Html {
    let class = match props.status.as_str() {
        "Synced" => "sync-status synced",
        s if s.starts_with("Sync failed") => "sync-status failed",
        s if s.starts_with("Offline") => "sync-status offline",
        _ => "sync-status syncing",
    };
    html! {
        <button type="button" {class} data-testid="sync-status" onclick={props.on_open.clone()} title={format!("{} (Sync settings)", props.status)}>
            { props.status.clone() }
        </button>
    }
}

#[derive(Properties, PartialEq)]
pub struct ConflictProps {
    pub id: AnnotationId,
    /// The other device's version.
    pub other: Annotation,
    /// Its text, excerpted.
    pub other_text: AttrValue,
    pub on_keep: Callback<(AnnotationId, Keep)>,
}

/// "Edited on another device — keep this one / the other": shown above the selected
/// annotation's details while both versions are kept.
#[component]
pub fn ConflictChoice(props: &ConflictProps) -> Html {
    let keep = |keep: Keep| {
        let on_keep = props.on_keep.clone();
        let id = props.id;
        Callback::from(move |_: MouseEvent| on_keep.emit((id, keep)))
    };
    let other = &props.other;
    let note = if other.note.is_empty() {
        "no note".to_owned()
    } else {
        format!("note: “{}”", other.note)
    };
    html! {
        <section class="sync-conflict" aria-label="Edited on another device">
            <p><strong>{ "Edited on another device" }</strong>{ " — keep this one or the other?" }</p>
            <p class="other-version">
                { format!("The other: {} “{}”, {note}", other.label.name(), props.other_text) }
            </p>
            <div class="dialog-actions">
                <button type="button" onclick={keep(Keep::This)}>{ "Keep this one" }</button>
                <button type="button" onclick={keep(Keep::Other)}>{ "Keep the other" }</button>
            </div>
        </section>
    }
}

/// "Edited on another device" for the selected annotation, when it is in a conflict.
pub fn conflict_choice(
    state: &crate::state::State,
    on_keep: Callback<(AnnotationId, crate::state::Keep)>,
) -> Html {
    let Some((id, conflict)) = state
        .selected
        .and_then(|id| Some((id, state.sync_conflict(id)?)))
    else {
        return html! {};
    };
    let text = state
        .article
        .as_ref()
        .map(|a| a.excerpt(conflict.other.span, 60))
        .unwrap_or_default();
    html! {
        <ConflictChoice {id} other={conflict.other.clone()} other_text={AttrValue::from(text)} {on_keep} />
    }
}
