//! Sync through CouchDB's replication model, end to end without a browser: two or three
//! "browsers" (each a `State` reduced with real actions, driven the way the app's engine
//! drives it) exchange a library through a model of CouchDB's revision tree ([`couch`]).
//! Each scenario is a journey a team makes; [`props`] checks convergence over random ones.
#![cfg(not(target_arch = "wasm32"))]

// A test file is a crate root: its modules are named by path.
#[path = "sync/browser.rs"]
mod browser;
#[path = "sync/couch.rs"]
mod couch;
#[path = "sync/edges.rs"]
mod edges;
#[path = "sync/props.rs"]
mod props;

use browser::*;
use couch::Couch;
use gloss_core::model::Label;
use gloss_core::state::Keep;
use gloss_core::sync::layout;

#[test]
fn bob_receives_anas_layer_exactly_and_ana_receives_bobs() {
    let mut couch = Couch::default();
    let (mut ana, mut bob) = (Browser::new("Ana"), Browser::new("Bob"));
    let doc = doc_id(1);
    ana.open(article(1));
    ana.mark(Label::Actor, span_of("Irene Valdés"), 1);
    ana.mark(Label::Quote, span_of("“The bridge"), 2);
    ana.note(doc, 2, "checked against the minutes");
    ana.sync(&mut couch);
    bob.sync(&mut couch);

    let held = |b: &Browser| b.state.library.get(&doc).map(|d| (**d).clone());
    let (a, b) = (held(&ana).expect("Ana's"), held(&bob).expect("Bob's copy"));
    assert_eq!(b.text, a.text);
    assert_eq!(b.title, a.title);
    // Every field of every annotation, the person the actor stands for too.
    assert_eq!(b.annotations, a.annotations);
    assert_eq!(b.entities, a.entities);
    assert!(a
        .annotations
        .iter()
        .all(|x| x.created_by.as_deref() == Some("Ana")));
    assert_eq!(
        bob.state.open_id(),
        Some(doc),
        "the first article to arrive opens"
    );

    bob.mark(Label::Claim, span_of("Critics disagreed"), 3);
    bob.sync(&mut couch);
    ana.sync(&mut couch);
    assert_eq!(ana.marks(doc), bob.marks(doc));
    assert_eq!(ana.marks(doc).len(), 3);
    let bobs: Vec<_> = ana
        .marks(doc)
        .into_iter()
        .filter(|m| m.0 == id(3))
        .collect();
    assert_eq!(bobs[0].4.as_deref(), Some("Bob"));
    // Everything is exchanged: nothing waits on either side.
    assert_eq!((ana.state.sync_waiting(), bob.state.sync_waiting()), (0, 0));
}

#[test]
fn concurrent_marking_of_one_article_converges() {
    let mut couch = Couch::default();
    let (mut ana, mut bob, mut cleo) = (
        Browser::new("Ana"),
        Browser::new("Bob"),
        Browser::new("Cleo"),
    );
    let doc = doc_id(1);
    // Each brought the same article in (the same id: one file imported by all).
    for b in [&mut ana, &mut bob, &mut cleo] {
        b.open(article(1));
    }
    ana.mark(Label::Quote, span_of("“The bridge"), 1);
    bob.mark(Label::Quote, span_of("“The bridge"), 2);
    cleo.mark(Label::Claim, span_of("40,000 vehicles"), 3);
    bob.mark(Label::Actor, span_of("Irene"), 4);
    exchange(&mut [&mut ana, &mut bob, &mut cleo], &mut couch, 2);
    let all = ana.marks(doc);
    assert_eq!(all.len(), 4);
    assert_eq!(bob.marks(doc), all);
    assert_eq!(cleo.marks(doc), all);
    assert_eq!(couch.live_leaves(&layout::article_id(doc)), 1);
}

#[test]
fn a_batch_delivered_late_and_twice_is_stored_once() {
    let mut couch = Couch::default();
    let (mut ana, mut bob) = (Browser::new("Ana"), Browser::new("Bob"));
    let doc = doc_id(1);
    ana.open(article(1));
    ana.mark(Label::Quote, span_of("“The bridge"), 1);
    // Offline: the batch never leaves.
    let lost = ana.batch();
    assert_eq!(lost.docs.len(), 2, "the article and the quote");
    ana.mark(Label::Claim, span_of("Critics"), 2);
    // Back online: sent, but the answer is lost (the tab closed before it came).
    let first = ana.batch();
    assert_eq!(first.docs.len(), 3);
    ana.post(&mut couch, &first);
    // The next visit sends the same again, twice (a retry), and hears back once.
    let again = ana.batch();
    assert_eq!(again, first, "the same change makes the same revisions");
    ana.post(&mut couch, &again);
    let refused = ana.post(&mut couch, &again);
    assert!(refused.is_empty());
    ana.pushed(again, refused);
    // The long-lost batch turns up after all.
    ana.post(&mut couch, &lost);
    assert_eq!(ana.batch().docs.len(), 0);

    for id in [layout::annotation_id(id(1)), layout::annotation_id(id(2))] {
        assert_eq!(couch.revisions(&id), 1, "{id} stored once");
        assert_eq!(couch.live_leaves(&id), 1);
    }
    assert_eq!(couch.live().len(), 3);
    bob.sync(&mut couch);
    ana.sync(&mut couch);
    assert_eq!(bob.marks(doc), ana.marks(doc));
    assert_eq!(ana.marks(doc).len(), 2, "nothing doubled, nothing lost");
}

/// Ana's laptop and desktop, both in sync on annotation 1; then both change it offline.
fn two_devices_in_conflict(couch: &mut Couch) -> (Browser, Browser) {
    let (mut laptop, mut desktop) = (Browser::new("Ana"), Browser::new("Ana"));
    desktop.clock = 1000;
    laptop.open(article(1));
    laptop.mark(Label::Quote, span_of("“The bridge"), 1);
    laptop.sync(couch);
    desktop.sync(couch);
    assert_eq!(desktop.marks(doc_id(1)), laptop.marks(doc_id(1)));
    laptop.note(doc_id(1), 1, "from the laptop");
    desktop.relabel(1, Label::Claim);
    laptop.sync(couch);
    desktop.sync(couch);
    laptop.sync(couch);
    (laptop, desktop)
}

#[test]
fn one_annotation_changed_on_two_devices_is_a_conflict_shown_on_both() {
    let mut couch = Couch::default();
    let (laptop, desktop) = two_devices_in_conflict(&mut couch);
    let doc = doc_id(1);
    assert_eq!(couch.live_leaves(&layout::annotation_id(id(1))), 2);
    for (name, b) in [("laptop", &laptop), ("desktop", &desktop)] {
        let conflict = b.state.sync_conflict(id(1));
        assert!(conflict.is_some(), "{name} shows the conflict");
        // The newer version (the desktop's relabel) is shown; the laptop's note is the other.
        let shown = b.state.library[&doc].annotation(id(1)).cloned();
        let shown = shown.expect("the annotation stays");
        assert_eq!(
            (shown.label, shown.note.as_str()),
            (Label::Claim, ""),
            "{name}"
        );
        let other = &conflict.expect("a conflict").other;
        assert_eq!(
            (other.label, other.note.as_str()),
            (Label::Quote, "from the laptop")
        );
    }
}

#[test]
fn the_choice_on_either_device_settles_the_conflict_on_both() {
    for (resolver, keep) in [
        ("laptop", Keep::Other),
        ("laptop", Keep::This),
        ("desktop", Keep::Other),
        ("desktop", Keep::This),
    ] {
        let case = format!("{keep:?} on the {resolver}");
        let mut couch = Couch::default();
        let (mut laptop, mut desktop) = two_devices_in_conflict(&mut couch);
        let doc = doc_id(1);
        let chooser = if resolver == "laptop" {
            &mut laptop
        } else {
            &mut desktop
        };
        chooser.open_stored(doc);
        chooser.resolve(1, keep);
        assert!(chooser.state.sync_conflict(id(1)).is_none(), "{case}");
        exchange(&mut [&mut laptop, &mut desktop], &mut couch, 2);
        // Both show the desktop's relabel as the newer: "this" is it, "the other" the note.
        let want = match keep {
            Keep::Other => (Label::Quote, "from the laptop"),
            Keep::This => (Label::Claim, ""),
        };
        for b in [&laptop, &desktop] {
            assert!(b.state.sync_conflict(id(1)).is_none(), "{case}: settled");
            assert!(b.replica().conflicts.is_empty(), "{case}");
            let a = b.state.library[&doc].annotation(id(1)).cloned();
            let a = a.expect("kept");
            assert_eq!((a.label, a.note.as_str()), want, "{case}");
        }
        assert_eq!(laptop.marks(doc), desktop.marks(doc), "{case}");
        let db_id = layout::annotation_id(id(1));
        assert_eq!(couch.live_leaves(&db_id), 1, "{case}");
        assert_eq!(
            (laptop.batch().docs.len(), desktop.batch().docs.len()),
            (0, 0),
            "{case}"
        );
    }
}

#[test]
fn deletes_propagate_to_colleagues_and_to_ones_other_device() {
    let mut couch = Couch::default();
    let (mut ana, mut bob, mut ana2) = (
        Browser::new("Ana"),
        Browser::new("Bob"),
        Browser::new("Ana"),
    );
    let doc = doc_id(1);
    ana.open(article(1));
    ana.mark(Label::Quote, span_of("“The bridge"), 1);
    ana.mark(Label::Claim, span_of("Critics"), 2);
    exchange(&mut [&mut ana, &mut bob, &mut ana2], &mut couch, 1);
    assert_eq!(bob.marks(doc).len(), 2);
    ana.delete(1);
    ana2.open_stored(doc);
    ana2.delete(2);
    exchange(&mut [&mut ana, &mut bob, &mut ana2], &mut couch, 2);
    for b in [&ana, &bob, &ana2] {
        assert!(b.marks(doc).is_empty());
    }
    assert_eq!(couch.live().len(), 1, "only the article");
    assert_eq!((ana.batch().docs.len(), ana2.batch().docs.len()), (0, 0));
}

#[test]
fn a_colleagues_annotations_are_never_sent_by_me() {
    let mut couch = Couch::default();
    let (mut ana, mut bob) = (Browser::new("Ana"), Browser::new("Bob"));
    let doc = doc_id(1);
    ana.open(article(1));
    ana.mark(Label::Quote, span_of("“The bridge"), 1);
    ana.sync(&mut couch);
    bob.sync(&mut couch);
    assert_eq!(
        bob.batch().docs.len(),
        0,
        "Bob has nothing of his own to send"
    );
    // Bob marks; his batch holds his annotation only.
    bob.mark(Label::Claim, span_of("Critics"), 2);
    let batch = bob.batch();
    let ids: Vec<&str> = batch
        .docs
        .iter()
        .filter_map(|d| d["_id"].as_str())
        .collect();
    assert_eq!(ids, [layout::annotation_id(id(2))]);
    assert!(batch.docs.iter().all(|d| d["created_by"] == "Bob"));
    bob.sync(&mut couch);
    // Ana's quote exists once in the database, at the revision Ana wrote.
    assert_eq!(couch.revisions(&layout::annotation_id(id(1))), 1);
    assert_eq!(bob.marks(doc).len(), 2);
}

#[test]
fn the_untouched_sample_is_never_sent() {
    let mut couch = Couch::default();
    let mut ana = Browser::with_sample("Ana", article(9));
    assert_eq!(ana.state.sample, Some(doc_id(9)));
    assert_eq!(ana.batch().docs.len(), 0);
    assert_eq!(ana.state.sync_waiting(), 0);
    ana.open(article(1));
    ana.sync(&mut couch);
    assert!(couch.live().contains_key(&layout::article_id(doc_id(1))));
    assert!(!couch.live().contains_key(&layout::article_id(doc_id(9))));
}

#[test]
fn deleting_an_annotation_in_conflict_deletes_every_version() {
    let mut couch = Couch::default();
    let (mut laptop, mut desktop) = two_devices_in_conflict(&mut couch);
    let doc = doc_id(1);
    laptop.open_stored(doc);
    laptop.delete(1);
    exchange(&mut [&mut laptop, &mut desktop], &mut couch, 3);
    for b in [&laptop, &desktop] {
        assert!(
            b.marks(doc).is_empty(),
            "the other version does not come back"
        );
        assert!(b.replica().conflicts.is_empty());
    }
    assert_eq!(couch.live_leaves(&layout::annotation_id(id(1))), 0);
}
