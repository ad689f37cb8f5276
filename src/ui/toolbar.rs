//! The toolbar: opening articles, the three labels, undo/redo, options.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::menu::{Entry, MenuButton, MenuItem};
use crate::formats::{Format, Scope};
use crate::model::Label;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub library_size: usize,
    pub on_library: Callback<MouseEvent>,
    /// "Who said what" opens its view.
    pub on_who: Callback<MouseEvent>,
    /// "Compare": annotators' agreement and curation.
    pub on_compare: Callback<MouseEvent>,
    /// "Sync": the sync settings.
    pub on_sync: Callback<MouseEvent>,
    pub can_undo: bool,
    pub can_redo: bool,
    pub has_selected: bool,
    pub whole_words: bool,
    pub on_label: Callback<Label>,
    pub on_undo: Callback<MouseEvent>,
    pub on_redo: Callback<MouseEvent>,
    pub on_delete: Callback<MouseEvent>,
    pub on_new: Callback<MouseEvent>,
    pub on_open_files: Callback<Vec<web_sys::File>>,
    pub on_whole_words: Callback<bool>,
    pub on_shortcuts: Callback<MouseEvent>,
    /// "Find": opens the find bar (or takes the focus back into it).
    pub on_find: Callback<MouseEvent>,
    /// A format chosen under "Export" (the open article) or "Export library".
    pub on_export: Callback<(Format, Scope)>,
    /// The Label Studio labelling config chosen.
    pub on_export_config: Callback<()>,
    /// "ClaimReview" chosen (the open article's rated claims).
    pub on_claimreview: Callback<()>,
    pub on_import_files: Callback<Vec<web_sys::File>>,
    /// A dialog is open: menus close.
    pub dialog_open: bool,
    /// "Suggest": quotes, speakers and actors found in the article.
    pub on_suggest: Callback<MouseEvent>,
}

/// Keeps the text selection when a toolbar button is pressed with the mouse.
fn keep_selection(event: MouseEvent) {
    event.prevent_default();
}

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let on_file_change = {
        let on_open_files = props.on_open_files.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            if let Some(files) = input.files() {
                on_open_files.emit(crate::dom::files::list(&files));
            }
            // Let the same file be chosen again later.
            input.set_value("");
        })
    };
    let formats = |scope: Scope| -> Vec<Entry> {
        Format::ALL
            .into_iter()
            .map(|format| {
                Entry::Item(MenuItem {
                    name: format.name().into(),
                    on_choose: props.on_export.reform(move |()| (format, scope)),
                })
            })
            .collect()
    };
    let mut export_items = vec![Entry::Heading("This article".into())];
    export_items.extend(formats(Scope::Article));
    export_items.push(Entry::Item(MenuItem {
        name: "ClaimReview".into(),
        on_choose: props.on_claimreview.clone(),
    }));
    let mut library_items = vec![Entry::Heading(
        format!(
            "Whole library ({} article{})",
            props.library_size,
            if props.library_size == 1 { "" } else { "s" }
        )
        .into(),
    )];
    library_items.extend(formats(Scope::Library));
    export_items.extend([
        Entry::Separator,
        Entry::Item(MenuItem {
            name: "Label Studio labelling config".into(),
            on_choose: props.on_export_config.clone(),
        }),
        Entry::Separator,
        Entry::More {
            name: "Export library".into(),
            menu_label: "Export library formats".into(),
            items: library_items,
        },
    ]);
    let on_import_change = {
        let on_import_files = props.on_import_files.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            if let Some(files) = input.files() {
                on_import_files.emit(crate::dom::files::list(&files));
            }
            input.set_value("");
        })
    };
    let on_toggle = {
        let on_whole_words = props.on_whole_words.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            on_whole_words.emit(input.checked());
        })
    };
    let label_buttons = Label::ALL.into_iter().map(|label| {
        let onclick = props.on_label.reform(move |_: MouseEvent| label);
        let shortcut = format!("{} {}", label.digit(), label.letter());
        html! {
            <button
                type="button"
                class={classes!("label-btn", format!("label-{}", label.slug()))}
                aria-keyshortcuts={shortcut}
                title={format!("{}: press {} or {}", label.name(), label.digit(), label.letter())}
                onmousedown={keep_selection}
                {onclick}
            >
                <span class="swatch" aria-hidden="true"></span>
                { label.name() }
                <kbd aria-hidden="true">{ label.digit() }</kbd>
            </button>
        }
    });
    html! {
        <nav class="toolbar" aria-label="Toolbar">
            <div class="group">
                <button type="button" onclick={props.on_library.clone()} title="All articles kept in this browser">
                    { "Library" }<span class="count" aria-hidden="true">{ props.library_size }</span>
                </button>
                <button type="button" onclick={props.on_who.clone()} title="Quotes and claims per person, for this article or the library">{ "Who said what" }</button>
                <button type="button" onclick={props.on_compare.clone()} title="How far annotators agree, their disagreements side by side, and a curated version">{ "Compare" }</button>
                <button type="button" onclick={props.on_sync.clone()} title="Share this library with colleagues through a CouchDB database">{ "Sync" }</button>
                <button type="button" onclick={props.on_new.clone()}>{ "New article" }</button>
                <label class="file-button">
                    <input
                        type="file"
                        class="visually-hidden-input"
                        accept=".txt,.md,.markdown,text/plain,text/markdown"
                        multiple=true
                        aria-label="Open file"
                        onchange={on_file_change}
                    />
                    <span aria-hidden="true">{ "Open file" }</span>
                </label>
            </div>
            <div class="group">
                <MenuButton
                    label="Export"
                    menu_label="Export formats"
                    id="export-menu"
                    items={export_items}
                    suppressed={props.dialog_open}
                />
                <label class="file-button">
                    <input
                        type="file"
                        class="visually-hidden-input"
                        accept=".json,.jsonl,.zip,.ann,.txt,application/json,application/zip"
                        multiple=true
                        aria-label="Import annotations"
                        onchange={on_import_change}
                    />
                    <span aria-hidden="true">{ "Import" }</span>
                </label>
            </div>
            <div class="group" role="group" aria-label="Labels">
                { for label_buttons }
            </div>
            <div class="group">
                <button type="button" class="suggest-btn" onclick={props.on_suggest.clone()} aria-keyshortcuts="G" title="Suggest quotes, who said them, and actors (G)">
                    { "Suggest" }<kbd aria-hidden="true">{ "G" }</kbd>
                </button>
            </div>
            <div class="group">
                <button type="button" onmousedown={keep_selection} onclick={props.on_delete.clone()} disabled={!props.has_selected} aria-keyshortcuts="Delete">{ "Delete" }</button>
                <button type="button" onmousedown={keep_selection} onclick={props.on_undo.clone()} disabled={!props.can_undo} aria-keyshortcuts="Control+Z">{ "Undo" }</button>
                <button type="button" onmousedown={keep_selection} onclick={props.on_redo.clone()} disabled={!props.can_redo} aria-keyshortcuts="Control+Shift+Z Control+Y">{ "Redo" }</button>
            </div>
            <div class="group">
                <button type="button" onclick={props.on_find.clone()} aria-keyshortcuts="/" title="Find in the article (/)">{ "Find" }</button>
                <label class="toggle" title="Selections grow to whole words; untick to keep exact characters">
                    <input type="checkbox" checked={props.whole_words} onchange={on_toggle} />
                    { "Whole words" }
                </label>
                <button type="button" class="help" onclick={props.on_shortcuts.clone()} aria-keyshortcuts="?" aria-label="Shortcuts" title="Keyboard shortcuts (?)">{ "?" }</button>
            </div>
        </nav>
    }
}
