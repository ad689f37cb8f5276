//! The save status in the header: "Saved", "Saving…" or "Not saved: <reason>".

use yew::prelude::*;

use crate::state::SaveStatus;

#[derive(Properties, PartialEq)]
pub struct SaveIndicatorProps {
    pub status: SaveStatus,
}

#[component]
pub fn SaveIndicator(props: &SaveIndicatorProps) -> Html {
    let (class, text) = match &props.status {
        SaveStatus::Saved => ("save-status saved", "Saved".to_owned()),
        SaveStatus::Saving => ("save-status saving", "Saving…".to_owned()),
        SaveStatus::NotSaved(reason) => ("save-status not-saved", format!("Not saved: {reason}")),
    };
    html! { <p {class} data-testid="save-status">{ text }</p> }
}
