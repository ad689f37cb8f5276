//! The note that says what went wrong or what to do next: it floats over the page's bottom
//! edge, so it comes and goes without moving the article or the list.

use yew::prelude::*;

use crate::state::{Notice, NoticeKind};

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub notice: Option<Notice>,
    pub on_dismiss: Callback<MouseEvent>,
}

#[component]
pub fn NoticeBar(props: &NoticeProps) -> Html {
    let Some(notice) = props.notice.as_ref() else {
        return html! {};
    };
    let (class, role) = match notice.kind {
        NoticeKind::Hint => ("notice toast hint", "status"),
        NoticeKind::Error => ("notice toast error", "alert"),
    };
    html! {
        <div {class} {role}>
            <span class="notice-text">{ notice.text.clone() }</span>
            <button type="button" class="link" onclick={props.on_dismiss.clone()}>{ "Dismiss" }</button>
        </div>
    }
}
