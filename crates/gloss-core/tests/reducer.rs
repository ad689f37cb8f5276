//! Every reducer action as named cases over a small article, in one table per concern
//! (`tests/reducer/*.rs`): each case is a name, actions from a starting state, and what the
//! last action must do (a check of its effect, or a no-op handing back the very same `Rc`).
//!
//! `every_action_has_a_named_case` holds the list of which cases cover which action, written
//! as an exhaustive `match` over [`Action`]: a new variant does not compile until it is listed
//! with the cases that show its effect and, where it has one, its no-op.
#![cfg(not(target_arch = "wasm32"))]

#[path = "reducer/checking.rs"]
mod checking;
#[path = "reducer/editing.rs"]
mod editing;
#[path = "reducer/find.rs"]
mod find;
#[path = "reducer/fixtures.rs"]
mod fixtures;
#[path = "reducer/layers.rs"]
mod layers;
#[path = "reducer/library.rs"]
mod library;
#[path = "reducer/linking.rs"]
mod linking;
#[path = "reducer/selection.rs"]
mod selection;
#[path = "reducer/settings.rs"]
mod settings;
#[path = "reducer/startup.rs"]
mod startup;
#[path = "reducer/storage.rs"]
mod storage;
#[path = "reducer/suggesting.rs"]
mod suggesting;
#[path = "reducer/syncing.rs"]
mod syncing;

use std::collections::BTreeMap;

use fixtures::{Case, Expect};
use gloss_core::state::Action;

/// One test per table, and every table for the coverage check.
macro_rules! tables {
    ($($concern:ident),+ $(,)?) => {
        fn tables() -> Vec<Case> {
            let mut all = Vec::new();
            $(all.extend($concern::cases());)+
            all
        }

        mod table {
            $(
                #[test]
                fn $concern() {
                    crate::fixtures::run_table(stringify!($concern), crate::$concern::cases());
                }
            )+
        }
    };
}

tables!(
    editing, selection, library, startup, storage, settings, linking, find, checking, suggesting,
    layers, syncing
);

/// Which cases cover each action: `effect` cases show what it does; `no_op` cases show when it
/// does nothing (empty, with the reason, for an action that always does something).
macro_rules! covered_by {
    ($($variant:pat => effect [$($effect:literal),+ $(,)?], no_op [$($no_op:literal),* $(,)?];)+) => {
        /// The variant of an action, as its pattern is written below.
        fn variant(action: &Action) -> &'static str {
            // No `_` arm: a new variant is a compile error here until it has its cases.
            match action {
                $($variant => stringify!($variant),)+
            }
        }

        /// (variant, effect cases, no-op cases), for every variant.
        const COVERAGE: &[(&str, &[&str], &[&str])] =
            &[$((stringify!($variant), &[$($effect),+], &[$($no_op),*]),)+];
    };
}

covered_by! {
    Action::LibraryLoaded(..) => effect [
        "stored articles join the library and count as saved",
        "the untouched sample gives way to the last open article",
        "an article changed before storage answered is written over the stored one",
        "unreadable records are reported and the rest loads",
        "then the library loads around it: it stays open, the same, and nothing is written",
        "marked before the library loaded, the article read ahead is written over the stored one",
        "read ahead, then saved by another tab before the library loaded: the newer one shows",
        "read ahead and marked while another tab saved it: ours stays, its write based on what was read",
    ], no_op []; // reading storage always makes it ready
    Action::LastOpenLoaded(..) => effect [
        "the last open article, read ahead, takes the untouched sample's place as saved",
    ], no_op [
        "read ahead once the library is loaded, it changes nothing",
    ];
    Action::OpenDocument(..) => effect [
        "a new article joins the library and opens; history and selection cleared",
    ], no_op []; // a new article always opens
    Action::OpenStored(..) => effect ["open a stored article"], no_op [
        "open stored: the article already open",
        "open stored: an article the library does not have",
    ];
    Action::Rename { .. } => effect [
        "rename the open article: trimmed, a new revision, its time",
        "rename an article that is not open",
    ], no_op [
        "rename: the same title",
        "rename: a blank title",
        "rename: an article the library does not have",
    ];
    Action::DeleteDocument(..) => effect [
        "delete the open article: the most recently changed other one opens",
        "delete the last article: nothing open",
        "delete an article that is not open: the open one stays",
    ], no_op ["delete: an article the library does not have"];
    Action::SetLibraryFilter(..) => effect ["filter the library by title, in any case"],
        no_op ["library filter: the same again"];
    Action::Import { .. } => effect [
        "a refused file changes nothing and says why",
        "a file read while storage is read waits for it",
        "an imported article is added, opened and written",
        "an import merges into the open article and keeps the selection",
        "a file the library already holds changes nothing, and says so",
        "parts not imported are listed in an alert",
    ], no_op []; // every file read gets an answer
    Action::Saved { .. } => effect [
        "a write reached storage: Saved",
        "a write succeeding after a failure makes storage ready again",
    ], no_op ["Saved: the same revision again"];
    Action::Removed(..) => effect ["a removal reached storage"],
        no_op ["Removed: an article storage never had"];
    Action::StorageFailed(..) => effect [
        "a failed write: the header says why, the write stays pending",
    ], no_op ["StorageFailed: the same failure again"];
    Action::StorageUnavailable(..) => effect [
        "storage unavailable: work stays in memory and the header says so",
    ], no_op ["StorageUnavailable: the same reason again"];
    Action::ExternalChange(..) => effect [
        "another tab's newer revision replaces a stored article and reopens it",
        "another tab's change to unsaved work here: ours stays, no longer written",
        "another tab's new article joins the library",
    ], no_op ["another tab's change: not newer than ours"];
    Action::WriteConflict(..) => effect ["a write conflict: the article is no longer written"],
        no_op ["WriteConflict: an article already stale"];
    Action::RetryStorage => effect [
        "a retry after a failure: storage ready, the write still pending",
    ], no_op ["RetryStorage: nothing failed", "RetryStorage: storage not read yet"];
    Action::StorageReopened => effect ["storage reopened: ready, and the writes go again"],
        no_op []; // a new connection always writes again
    Action::ExternalDelete(..) => effect [
        "deleted in another tab: a stored article goes with nothing to write",
        "deleted in another tab with unsaved work here: kept, no longer written, said",
    ], no_op ["deleted in another tab: an article this tab does not have"];
    Action::ApplyLabel { .. } => effect [
        "mark one",
        "your name signs what is marked",
        "marking in Ben's layer is refused, with how to edit",
        "marking what Ben marked, in one's own layer: both kept (agreement, not a duplicate)",
        "marking in the curated layer: a curated annotation, signed",
        "key relabels the selected one",
        "marking what is already marked selects it and adds no undo step",
        "no selection and nothing selected",
    ], no_op [
        "label key: the selected annotation has that label already",
        "label: no article open",
    ];
    Action::MarkAll { .. } => effect [
        "mark all as quote: every match once, in one undo step",
        "mark all skips what is already marked with that label, and says so",
        "mark all again: nothing to mark, all already are",
        "mark all with no matches: a hint",
        "mark all as actor: the matches are one person, joining a mention's",
        "mark all as actor in a fresh article: one new person for the name",
        "spans outside the article or empty are passed over",
    ], no_op ["mark all: no article open"];
    Action::Select(..) => effect [
        "select from the list: revealed and announced",
        "select none",
        "selecting an annotation deselects the suggestion",
    ],
        no_op ["select: the one already selected", "select: none when none is"];
    Action::ClickAt(..) => effect [
        "click selects the innermost annotation",
        "a second click selects the next one outward",
        "a click on plain text deselects",
        "a click on a suggestion selects it; on plain text deselects it",
        "a click on plain text deselects the suggestion",
    ], no_op [
        "click on plain text with nothing selected",
        "click with no article open",
    ];
    Action::CycleSelection => effect [
        "Tab selects the next annotation where the click was",
        "Tab wraps around",
    ], no_op ["Tab with nothing selected", "Tab where only one annotation is"];
    Action::SelectNext => effect [
        "J with nothing selected: the first in text order",
        "J at the last annotation: says so",
    ], no_op ["J: no article open"];
    Action::SelectPrevious => effect [
        "K: the one before in text order",
    ], no_op ["K: no article open"];
    Action::SelectAt(..) => effect [
        "Enter: the annotation at the caret",
        "Enter just after a name: that name",
        "Enter in plain text: says so",
    ], no_op ["Enter: no article open"];
    Action::DeleteSelected => effect ["delete selected"],
        no_op ["delete selected: nothing selected"];
    Action::Delete(..) => effect ["delete by id"], no_op [
        "delete: an id the article does not have",
        "delete: no article open",
    ];
    Action::ResizeSelected { .. } => effect [
        "resize end by a word",
        "shrink start by a word",
        "one word cannot shrink, and says so",
    ], no_op ["resize: nothing selected"];
    Action::SetNote { .. } => effect [
        "note kept",
        "a change is signed by who made it; the maker stays",
        "a note saved after its article closed goes into the library's copy",
    ], no_op [
        "note: the same note again",
        "note: an annotation the article does not have",
        "note: an article the library does not have",
    ];
    Action::PickSource => effect [
        "S on a quote opens the picker",
        "S with nothing selected says so",
        "S on an actor says an actor has no source",
    ], no_op []; // a hint at least
    Action::PickAt { .. } => effect [
        "a click on an actor while picking links it",
        "a click on plain text while picking closes the picker",
    ], no_op ["pick at: no article open"];
    Action::CancelPicking => effect ["Escape closes the picker"],
        no_op ["Escape: no picker open"];
    Action::SetSource { .. } => effect [
        "link a quote to its actor, undoably",
        "remove source",
        "only an actor can be a source",
    ], no_op [
        "link: the same source again",
        "link: an annotation the article does not have",
    ];
    Action::RenameEntity { .. } => effect [
        "rename a person in every article",
        "renaming a person while Ben's layer is shown is refused",
        "rename: an empty name says so",
    ], no_op ["rename: the same name"];
    Action::MergeEntities { .. } => effect ["merge two people"],
        no_op ["merge: a person into itself"];
    Action::MoveMention { .. } => effect [
        "move a mention to a new person",
        "move a mention to another person; an emptied person leaves",
    ], no_op ["move: to the person it is already"];
    Action::SetVerdict { .. } => effect [
        "rate a claim, undoably",
        "set a claim back to not checked yet",
        "a verdict on a quote is refused, in words",
    ], no_op ["verdict: the same verdict again"];
    Action::ChangeEvidence { .. } => effect [
        "add source links to a claim, each undoable",
        "a javascript: source is refused and nothing changes",
        "the same address twice is refused",
        "change and remove a source link",
    ], no_op ["source: remove a link the claim does not have"];
    Action::SetCheckFilter(..) => effect [
        "filter the list to claims of one verdict",
        "filter claims not checked yet",
    ], no_op ["check filter: the same again"];
    Action::ShowSuggestions { .. } => effect [
        "suggest: shown in text order and counted",
        "suggest: one overlapping an annotation of its label is not shown, of another it is",
        "suggest: a rejected one stays hidden when asked again",
        "suggest on a long article: all counted at once, none drawn yet",
    ], no_op ["suggest: for an article that is not open"];
    Action::DrawSuggestions => effect [
        "draw suggestions: a short article at once",
        "draw suggestions: the next part of a long article, the lines before kept as they were",
    ], no_op ["draw suggestions: every line drawn", "draw suggestions: none shown"];
    Action::HideSuggestions => effect ["hide suggestions"],
        no_op ["hide suggestions: none shown"];
    Action::SelectSuggestion(..) => effect [
        "select a suggestion: the selected annotation is deselected",
    ], no_op ["select suggestion: one that is not shown"];
    Action::NextSuggestion => effect [
        "N with none selected: the first",
        "N goes on in text order, and says so at the last",
        "N before Suggest says so",
    ], no_op ["N: no article open"];
    Action::PreviousSuggestion => effect [
        "P with none selected: the last; then the one before",
    ], no_op ["P: no article open"];
    Action::AcceptSuggestion { .. } => effect [
        "accept a quote: its speaker marked and linked, one undo step, the next selected",
        "accept a quote whose speaker is marked: linked to that mention",
        "accept a quote without a speaker: no source",
    ], no_op ["accept: nothing selected"];
    Action::RejectSuggestion => effect [
        "reject: remembered with the article, undoable, the next selected",
    ], no_op ["reject: nothing selected"];
    Action::AcceptAllSuggestions { .. } => effect [
        "accept all quotes: with their speakers, one undo step",
        "accept all actors, then all quotes: the quote links the accepted mention",
        "accept all with none of the label: a hint",
    ], no_op ["accept all: no article open"];
    Action::SyncLoaded(_) => effect [
        "the stored sync state is read: what was known of the database comes back",
        "nothing stored of sync: ready, knowing nothing",
    ], no_op []; // reading the stored state always makes sync ready
    Action::SyncConnect { .. } => effect [
        "connect: the header says Connecting…",
        "connect to another database: what was known of the first is forgotten",
        "connect again to the same database: its checkpoint is kept",
    ], no_op []; // connecting always shows Connecting…
    Action::SyncLink(_) => effect [
        "the server cannot be reached: Offline, with the changes that wait",
        "a wrong password: Sync failed, in words",
    ], no_op ["link: the same again"];
    Action::SyncPulled { .. } => effect [
        "a colleague's quote arrives: their layer, announced, the checkpoint moved",
        "a page read after a server error: the failure is over",
        "a page read after a refusal: the refusal stays until the person acts",
        "the same page twice: nothing is doubled",
        "a document Gloss cannot read is reported; the rest is taken",
    ], no_op [
        "changes before the stored sync state is read: not taken yet",
        "changes with no name given: not taken",
    ];
    Action::SyncPushed { .. } => effect [
        "a batch stored by the database: nothing waits any more",
        "a refused write: Sync failed says who may write",
    ], no_op []; // every answer of the database is recorded
    Action::ResolveConflict { .. } => effect [
        "keep the other device's version: it replaces this one, in one undo step",
        "keep this one: it stays, written again over the other",
    ], no_op ["resolve: an annotation in no conflict"];
    Action::SetYourName(_) => effect [
        "your name equal to another's: their layer becomes yours",
        "a new name re-signs one's own work: it stays one's own layer",
        "by default one's own layer: another's marks are neither drawn nor listed",
    ], no_op ["your name: the same again", "your name: blank when none"];
    Action::Show(_) => effect [
        "show Ben's layer: his marks drawn and listed, read only",
        "show everyone: every layer drawn",
        "showing another layer drops a selection it does not show",
    ], no_op [
        "show: the layer already shown",
        "show: one's own layer, by either name",
    ];
    Action::AcceptAgreed { .. } => effect [
        "accept all agreed: the agreements copied into the curated layer, speakers linked",
        "accept all agreed twice: says there is nothing left",
        "accept all agreed with one annotator: says what is needed",
    ], no_op ["accept all agreed: no article open"];
    Action::Curate { .. } => effect [
        "keep Ana's version of a claim only she marked",
        "keep neither: nothing curated there, the decision remembered with the article",
        "keep Ana's after keeping neither: kept, and no longer left out",
        "keep neither after keeping: the curated mark is taken away",
        "keep Ben's quote after the agreed one: replaced, one curated quote, one curated actor",
    ], no_op ["curate: no item there", "curate: keep neither twice"];
    Action::Undo => effect [
        "undo create",
        "undo while another layer is shown: nothing invisible is selected",
        "accept all agreed, undone: the curated layer is empty again",
        "keep neither, undone: the place is open again",
        "nothing to undo says so",
        "undo a rejection shows it again; redo hides it",
        "undo an accept shows the suggestion and its speaker again",
    ], no_op []; // a hint at least
    Action::Redo => effect [
        "redo create",
        "nothing to redo says so",
        "redo an accept hides them again",
    ], no_op []; // a hint at least
    Action::SetFilter(..) => effect ["filter the list by a label"],
        no_op ["filter: the same label again"];
    Action::SetWholeWords(..) => effect ["exact characters instead of whole words"],
        no_op ["whole words when already"];
    Action::OpenDialog(..) => effect ["open a dialog"],
        no_op ["open dialog: the one already open"];
    Action::CloseDialog => effect ["close the dialog"], no_op ["close dialog: none open"];
    Action::Notify(..) => effect ["show a message"], no_op ["notify: the same message again"];
    Action::DismissNotice => effect ["dismiss the message"],
        no_op ["dismiss: no message shown"];
}

#[test]
fn every_action_has_a_named_case() {
    let cases = tables();
    let by_name: BTreeMap<&str, &Case> = cases.iter().map(|c| (c.name, c)).collect();
    let mut wrong = Vec::new();
    for &(variant_name, effects, no_ops) in COVERAGE {
        let named = effects
            .iter()
            .map(|n| (n, true))
            .chain(no_ops.iter().map(|n| (n, false)));
        for (name, is_effect) in named {
            let Some(case) = by_name.get(name) else {
                wrong.push(format!("{variant_name}: no case named “{name}”"));
                continue;
            };
            if variant(case.tested()) != variant_name {
                wrong.push(format!(
                    "{variant_name}: “{name}” ends with {}",
                    variant(case.tested())
                ));
            }
            if matches!(case.expect, Expect::Same) == is_effect {
                wrong.push(format!(
                    "{variant_name}: “{name}” is {}",
                    if is_effect {
                        "a no-op case"
                    } else {
                        "an effect case"
                    }
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn case_names_are_unique() {
    let cases = tables();
    let mut seen = std::collections::BTreeSet::new();
    let twice: Vec<&str> = cases
        .iter()
        .map(|c| c.name)
        .filter(|n| !seen.insert(*n))
        .collect();
    assert!(twice.is_empty(), "names used twice: {twice:?}");
}
