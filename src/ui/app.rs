//! The root: composes the regions (toolbar, article, sidebar, dialogs) and the hooks that
//! connect them to the browser. Composition only: reading files, exporting, keys, drops,
//! marking and storage each live in a module of their own.

use std::rc::Rc;

use yew::prelude::*;

use super::article::ArticleView;
use super::checking::{check_action, CheckCommand};
use super::claimreview::{use_claimreview_export, ClaimReviewDialog};
use super::compare::{use_compare_actions, CompareDialog};
use super::details::{link_action, links_of, LinkCommand};
use super::dialogs::{NewArticleDialog, ShortcutsDialog};
use super::export::{use_export, use_export_config};
use super::files::{use_file_drop, use_import_files, use_open_files};
use super::find::{focus_field, FindBar};
use super::keyboard::use_keyboard;
use super::layers::{use_save_your_name, use_stored_name, ShowingSwitch, YourNameDialog};
use super::library::LibraryDialog;
use super::marking::{use_mark_selection, use_rehearsal, use_reveal};
use super::notices::NoticeBar;
use super::sidebar::Sidebar;
use super::status::SaveIndicator;
use super::store::{use_action, use_editor, use_latest};
use super::syncing::{conflict_choice, SyncDialog, SyncIndicator};
use super::toolbar::Toolbar;
use super::who::{use_who_export, use_who_pick, WhoDialog};
use crate::dom;
use crate::model::offsets::{Edge, Resize};
use crate::model::{AnnotationId, Document, DocumentId, Label, Span};
use crate::state::{Action, Dialog, Storage};

#[component]
pub fn App() -> Html {
    let state = use_editor();
    let latest = use_latest(&state);
    let article_ref = use_node_ref();

    super::persist::use_persistence(&state, latest.clone());
    let sync = crate::sync::use_sync(&state, latest.clone());
    use_stored_name(latest.clone());
    let on_save_name = use_save_your_name(latest.clone());
    let mark = use_mark_selection(latest.clone(), article_ref.clone());
    // The find bar is this session's view, not the editor's state: open or not.
    let find_open = use_state(|| false);
    let open_find = {
        let find_open = find_open.clone();
        use_callback((), move |(), _| {
            if !focus_field() {
                find_open.set(true);
            }
        })
    };
    let on_find = open_find.reform(|_: MouseEvent| ());
    let on_close_find = {
        let find_open = find_open.clone();
        use_callback((), move |(), _| find_open.set(false))
    };
    use_keyboard(latest.clone(), mark.clone(), article_ref.clone(), open_find);
    use_rehearsal(&state, latest.clone(), article_ref.clone());
    use_reveal(&state, article_ref.clone());
    super::suggesting::use_reveal_suggestion(&state, article_ref.clone());
    let open_files = use_open_files(state.dispatcher());
    let import_files = use_import_files(state.dispatcher());
    use_file_drop(state.dispatcher());
    let on_export = use_export(latest.clone());
    let on_who_export = use_who_export(latest.clone());
    let on_export_config = use_export_config(latest.clone());
    let on_claimreview_export = use_claimreview_export(latest.clone());

    let dispatcher = state.dispatcher();
    let on_undo = use_action(dispatcher.clone(), || Action::Undo);
    let on_redo = use_action(dispatcher.clone(), || Action::Redo);
    let on_delete = use_action(dispatcher.clone(), || Action::DeleteSelected);
    let on_new = use_action(dispatcher.clone(), || {
        Action::OpenDialog(Dialog::NewArticle)
    });
    let on_shortcuts = use_action(dispatcher.clone(), || Action::OpenDialog(Dialog::Shortcuts));
    let on_library = use_action(dispatcher.clone(), || Action::OpenDialog(Dialog::Library));
    let on_who = use_action(dispatcher.clone(), || {
        Action::OpenDialog(Dialog::WhoSaidWhat)
    });
    let on_who_pick = use_who_pick(dispatcher.clone());
    let on_compare = use_action(dispatcher.clone(), || Action::OpenDialog(Dialog::Compare));
    let on_sync = use_action(dispatcher.clone(), || Action::OpenDialog(Dialog::Sync));
    let on_keep = {
        let dispatcher = dispatcher.clone();
        use_callback((), move |(id, keep), _| {
            dispatcher.dispatch(Action::ResolveConflict {
                id,
                keep,
                at: dom::now(),
            })
        })
    };
    // How many changes wait to be sent: compared again only when the library or what is known
    // of the database changes.
    let waiting = use_memo(
        (
            Rc::clone(&state.library),
            Rc::clone(&state.sync.replica),
            state.me.clone(),
            state.sync.loaded,
        ),
        {
            let latest = latest.clone();
            move |_| latest.borrow().sync_waiting()
        },
    );
    let sync_words = state.sync_words(*waiting).map(AttrValue::from);
    let compare = use_compare_actions(dispatcher.clone(), latest.clone());
    let on_claimreview = use_action(dispatcher.clone(), || {
        Action::OpenDialog(Dialog::ClaimReview)
    });
    let on_close_dialog = use_action(dispatcher.clone(), || Action::CloseDialog);
    let on_your_name = {
        let dispatcher = dispatcher.clone();
        use_callback((), move |(), _| {
            dispatcher.dispatch(Action::OpenDialog(Dialog::YourName))
        })
    };
    let on_show = {
        let dispatcher = dispatcher.clone();
        use_callback((), move |showing, _| {
            dispatcher.dispatch(Action::Show(showing))
        })
    };
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
            // While the source picker is open a click on an actor picks it.
            Some(point) => dispatcher.dispatch(Action::PickAt {
                point,
                at: dom::now(),
            }),
            None => {
                dispatcher.dispatch(Action::Select(None));
                dispatcher.dispatch(Action::SelectSuggestion(None));
            }
        })
    };
    let suggestions = super::suggesting::use_suggestions(latest.clone(), article_ref.clone());
    super::suggesting::use_drawing(&state);
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
    let on_link = {
        let latest = latest.clone();
        use_callback((), move |command: LinkCommand, _| {
            let state = latest.borrow().clone();
            if let Some(action) = link_action(&state, command, dom::now()) {
                state.dispatch(action);
            }
        })
    };
    let on_check = {
        let dispatcher = dispatcher.clone();
        use_callback((), move |(id, command): (AnnotationId, CheckCommand), _| {
            dispatcher.dispatch(check_action(id, command, dom::now()))
        })
    };
    let on_check_filter = {
        let dispatcher = dispatcher.clone();
        use_callback((), move |filter, _| {
            dispatcher.dispatch(Action::SetCheckFilter(filter))
        })
    };
    let on_mark_all = {
        let dispatcher = dispatcher.clone();
        use_callback((), move |(label, spans): (Label, Vec<Span>), _| {
            let ids = spans.iter().map(|_| AnnotationId::random()).collect();
            dispatcher.dispatch(Action::MarkAll {
                label,
                spans,
                ids,
                at: dom::now(),
            })
        })
    };
    let on_loaded = {
        let dispatcher = dispatcher.clone();
        use_callback((), move |doc: Document, _| {
            dispatcher.dispatch(Action::CloseDialog);
            dispatcher.dispatch(Action::OpenDocument(doc));
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
                    library={Rc::clone(&state.library)}
                    filter={state.library_filter.clone()}
                    {on_filter}
                    {on_open}
                    {on_rename}
                    {on_delete}
                    on_close={on_close_dialog.clone()}
                    me={state.me.as_deref().map(|n| AttrValue::from(n.to_owned()))}
                />
            }
        }
        Some(Dialog::WhoSaidWhat) => html! {
            <WhoDialog library={Rc::clone(&state.library)} open={state.open_id()} on_pick={on_who_pick} on_export={on_who_export} on_close={on_close_dialog.clone()} />
        },
        Some(Dialog::ClaimReview) => html! {
            <ClaimReviewDialog
                tally={state.article.as_ref().map(|a| crate::formats::claimreview::tally(&a.shown))}
                on_export={on_claimreview_export}
                on_cancel={on_close_dialog.clone()}
            />
        },
        Some(Dialog::Compare) => html! {
            <CompareDialog
                library={Rc::clone(&state.library)}
                open={state.article.as_ref().map(|a| Rc::clone(&a.doc))}
                index={state.article.as_ref().map(|a| Rc::clone(&a.index))}
                me={state.me.as_deref().map(|n| AttrValue::from(n.to_owned()))}
                on_curate={compare.on_curate.clone()}
                on_accept_agreed={compare.on_accept_agreed.clone()}
                on_csv={compare.on_csv.clone()}
                on_show_curated={compare.on_show_curated.clone()}
                on_your_name={on_your_name.clone()}
                on_close={on_close_dialog.clone()}
            />
        },
        Some(Dialog::Sync) => html! {
            <SyncDialog sync={sync.clone()} latest={latest.clone()} status={sync_words.clone()} on_close={on_close_dialog.clone()} />
        },
        Some(Dialog::YourName) => html! {
            <YourNameDialog
                name={state.me.as_deref().map(|n| AttrValue::from(n.to_owned()))}
                on_save={on_save_name}
                on_cancel={on_close_dialog.clone()}
            />
        },
        None => html! {},
    };

    // Counted once per change of the document (or the name), not at every render.
    let counted = use_memo(
        (
            state.article.as_ref().map(|a| Rc::clone(&a.doc)),
            state.me.clone(),
        ),
        |(doc, me)| {
            doc.as_deref()
                .map(|d| crate::model::layers::layers(d, me.as_deref()))
        },
    );
    let layers = state
        .article
        .as_ref()
        .zip(counted.as_ref().clone())
        .and_then(|(a, layers)| {
            // Also while another layer than one's own is shown, so the way back is there.
            let choice =
                layers.len() > 1 || !a.view.showing.editable() || a.view.showing.curating();
            choice.then_some(layers)
        });
    html! {
        <div class="app">
            <header class="app-header">
                <h1 class="brand">{ "Gloss" }</h1>
                <Toolbar
                    library_size={state.library.len()}
                    {on_library}
                    {on_who}
                    {on_compare}
                    on_sync={on_sync.clone()}
                    can_undo={!state.undo.is_empty()}
                    can_redo={!state.redo.is_empty()}
                    has_selected={state.selected.is_some() && state.article.as_ref().is_some_and(|a| a.view.showing.editable())}
                    whole_words={state.whole_words}
                    on_label={mark}
                    {on_undo}
                    {on_redo}
                    {on_delete}
                    {on_new}
                    on_open_files={open_files}
                    {on_whole_words}
                    {on_shortcuts}
                    {on_find}
                    {on_export}
                    {on_export_config}
                    {on_claimreview}
                    on_import_files={import_files}
                    dialog_open={state.dialog.is_some()}
                    on_suggest={suggestions.on_suggest.clone()}
                />
                // Only when there is a choice: an article of one's own work alone keeps the
                // header as it was ("Your name…" is also in Compare and the ClaimReview export).
                if let (Some(article), Some(layers)) = (state.article.as_ref(), layers) {
                    <ShowingSwitch
                        {layers}
                        showing={article.view.showing.clone()}
                        me={state.me.as_deref().map(|n| AttrValue::from(n.to_owned()))}
                        on_show={on_show.clone()}
                        on_your_name={on_your_name.clone()}
                        suppressed={state.dialog.is_some()}
                    />
                }
                if let Some(status) = sync_words.clone() {
                    <SyncIndicator {status} on_open={on_sync.clone()} />
                }
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
                            if *find_open {
                                <FindBar
                                    key={format!("find-{}", article.doc.id)}
                                    index={Rc::clone(&article.index)}
                                    blocks={Rc::clone(&article.blocks)}
                                    revision={article.doc.revision}
                                    article={article_ref.clone()}
                                    on_mark={on_mark_all.clone()}
                                    on_close={on_close_find.clone()}
                                />
                            }
                            // Keyed by document: another article mounts a fresh tree instead of
                            // reconciling the old one node by node (much faster for long ones).
                            <ArticleView
                                key={format!("article-{}", article.doc.id)}
                                title={article.doc.title.clone()}
                                date={article.doc.date.map(|d| d.to_string())}
                                index={Rc::clone(&article.index)}
                                blocks={Rc::clone(&article.blocks)}
                                segments={state.suggestions.as_ref().map_or_else(|| Rc::clone(&article.segments), |s| Rc::clone(&s.segments))}
                                selected={state.selected}
                                selected_span={state.selected_annotation().map(|a| a.span)}
                                related={state.related_spans()}
                                suggestion={state.selected_suggestion.as_ref().map(|s| s.span)}
                                busy={state.drawing_suggestions()}
                                node_ref={article_ref.clone()}
                                on_click_point={on_click_point}
                            />
                            <Sidebar
                                key={format!("sidebar-{}", article.doc.id)}
                                doc={Rc::clone(&article.shown)}
                                index={Rc::clone(&article.index)}
                                filter={state.filter}
                                check_filter={state.check_filter}
                                selected={state.selected}
                                here={state.here()}
                                reveal={state.reveal}
                                {on_select}
                                {on_filter}
                                {on_note}
                                {on_resize}
                                on_delete={on_delete_one}
                                links={links_of(&state)}
                                {on_link}
                                {on_check}
                                {on_check_filter}
                                suggestions={suggestions.panel(&state)}
                                read_only={!article.view.showing.editable()}
                                by_layer={article.view.showing == crate::model::layers::Showing::Everyone}
                                me={state.me.as_deref().map(|n| AttrValue::from(n.to_owned()))}
                                conflict={conflict_choice(&state, on_keep.clone())}
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

/// Asks the person to confirm (the browser's own dialog); `false` when it cannot ask.
fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}
