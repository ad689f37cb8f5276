//! Browser tests (wasm-bindgen-test in headless Chromium): the DOM seam. The app renders into a
//! real document, and real DOM selections become the code point spans the model expects.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use gloss::model::offsets::normalize_selection;
use gloss::model::{Document, Timestamp};
use gloss::state::{Article, Selection};
use gloss::ui::article::{ArticleProps, ArticleView};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Node, Text};

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root() -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

async fn next_frame() {
    gloo_timers::future::TimeoutFuture::new(30).await;
}

#[wasm_bindgen_test]
async fn app_renders_the_sample_in_article() {
    let root = fresh_root();
    let handle = yew::Renderer::<gloss::App>::with_root(root.clone()).render();
    // The text is written into the page by effects after the first render (and again if
    // storage, read meanwhile, gives the sample way to stored work): give it a few frames.
    let mut text = String::new();
    for _ in 0..30 {
        next_frame().await;
        text = root
            .query_selector("article")
            .unwrap()
            .and_then(|a| a.text_content())
            .unwrap_or_default();
        if !text.is_empty() {
            break;
        }
    }
    assert!(
        text.starts_with("The Lindqvist harbour bridge"),
        "got {text:?}"
    );
    assert!(
        !text.contains("date 2026"),
        "the date marker is not in the text"
    );
    assert!(
        root.query_selector("aside").unwrap().is_some(),
        "an <aside>"
    );
    handle.destroy();
}

/// Renders `text` alone in an `ArticleView`, returning the `<article>` and the model's article.
async fn render_text(text: &str) -> (Element, Article) {
    let article = Article::new(std::rc::Rc::new(Document::new(
        "Test".into(),
        None,
        text.into(),
        Timestamp(0),
    )));
    (render_article(&article).await, article)
}

/// Renders `article` (with its highlights) in an `ArticleView`, returning the `<article>`.
async fn render_article(article: &Article) -> Element {
    render_selected(article, None, Vec::new()).await
}

/// Renders `article` with `selected` selected and `related` outlined.
async fn render_selected(
    article: &Article,
    selected: Option<gloss::model::Annotation>,
    related: Vec<(gloss::model::AnnotationId, gloss::model::Span)>,
) -> Element {
    let root = fresh_root();
    let node_ref = yew::NodeRef::default();
    let props = ArticleProps {
        title: "Test".into(),
        date: None,
        index: Rc::clone(&article.index),
        blocks: Rc::clone(&article.blocks),
        segments: Rc::clone(&article.segments),
        selected: selected.as_ref().map(|a| a.id),
        selected_span: selected.as_ref().map(|a| a.span),
        related: Rc::from(related),
        suggestion: None,
        busy: false,
        node_ref,
        on_click_point: yew::Callback::noop(),
    };
    yew::Renderer::<ArticleView>::with_root_and_props(root.clone(), props).render();
    // Rendered, and the lines written by their effects: one frame on a quiet machine, a few
    // more on a loaded one (a test found no segment yet after one).
    let whole = gloss::model::Span {
        start: 0,
        end: article.index.len_cp(),
    };
    let text = article.index.slice(whole).to_owned();
    for _ in 0..60 {
        next_frame().await;
        let written = root
            .query_selector("article")
            .ok()
            .flatten()
            .and_then(|a| a.text_content());
        if written.as_deref() == Some(text.as_str()) {
            break;
        }
    }
    root.query_selector("article")
        .unwrap()
        .expect("an <article>")
}

/// The DOM point `utf16` code units into the article's text.
fn point(article: &Element, utf16: usize) -> (Node, u32) {
    fn text_nodes(node: &Node, out: &mut Vec<Node>) {
        if node.node_type() == Node::TEXT_NODE {
            out.push(node.clone());
        }
        let children = node.child_nodes();
        for i in 0..children.length() {
            text_nodes(&children.item(i).unwrap(), out);
        }
    }
    let mut nodes = Vec::new();
    text_nodes(article, &mut nodes);
    let mut at = 0;
    for node in nodes {
        let text: Text = node.clone().dyn_into().unwrap();
        let len = text.length() as usize;
        if utf16 <= at + len {
            return (node, (utf16 - at) as u32);
        }
        at += len;
    }
    panic!("offset {utf16} past the text");
}

fn select(article: &Element, from: usize, to: usize) {
    let (a, ao) = point(article, from);
    let (b, bo) = point(article, to);
    let selection = gloo::utils::window().get_selection().unwrap().unwrap();
    selection.set_base_and_extent(&a, ao, &b, bo).unwrap();
}

fn utf16_of(text: &str, needle: &str) -> (usize, usize) {
    let byte = text.find(needle).expect("needle in text");
    let start = text[..byte].encode_utf16().count();
    (start, start + needle.encode_utf16().count())
}

#[wasm_bindgen_test]
async fn dom_text_equals_the_model_text() {
    let text = "Ukraine 🇺🇦: Minister Olena Kovalenko said \"prices rose 5% in March\" on Tuesday.\nCafe\u{301} owners disagreed. 👨\u{200D}👩\u{200D}👧 families too.";
    let (element, _) = render_text(text).await;
    assert_eq!(element.text_content().unwrap(), text);
}

#[wasm_bindgen_test]
async fn selections_become_code_point_spans() {
    let text = "Ukraine 🇺🇦: Minister Olena Kovalenko said \"prices rose 5% in March\" on Tuesday.\nCafe\u{301} owners disagreed. 👨\u{200D}👩\u{200D}👧 families too.";
    let (element, article) = render_text(text).await;
    // (name, selected substring, whole words, expected text)
    let cases: &[(&str, &str, bool, &str)] = &[
        (
            "actor after a flag",
            "Minister Olena Kovalenko",
            true,
            "Minister Olena Kovalenko",
        ),
        (
            "quote exact",
            "prices rose 5% in March",
            false,
            "prices rose 5% in March",
        ),
        (
            "partial word grows",
            "ister Olena Koval",
            true,
            "Minister Olena Kovalenko",
        ),
        (
            "across the line break",
            "Tuesday.\nCafe\u{301}",
            true,
            "Tuesday.\nCafe\u{301}",
        ),
        ("the flag", "🇺🇦", false, "🇺🇦"),
        (
            "zwj family",
            "👨\u{200D}👩\u{200D}👧",
            false,
            "👨\u{200D}👩\u{200D}👧",
        ),
    ];
    for (name, needle, words, want) in cases {
        let (from, to) = utf16_of(text, needle);
        select(&element, from, to);
        let got = gloss::dom::selection::read(&element, &article.index, *words);
        let Selection::Span(span) = got else {
            panic!("case {name}: expected a span, got {got:?}");
        };
        assert_eq!(article.index.slice(span), *want, "case {name}");
    }
}

#[wasm_bindgen_test]
async fn half_a_surrogate_pair_snaps_to_the_whole_emoji() {
    let text = "a 👨\u{200D}👩\u{200D}👧 b";
    let (element, article) = render_text(text).await;
    // From inside the first emoji's surrogate pair to the middle of the last one.
    select(&element, 3, 8);
    let got = gloss::dom::selection::read(&element, &article.index, false);
    let want = normalize_selection(&article.index, 2, 7, false).map(Selection::Span);
    assert_eq!(Some(got), want);
    let Selection::Span(span) = got else {
        panic!("a span")
    };
    assert_eq!(article.index.slice(span), "👨\u{200D}👩\u{200D}👧");
}

/// A translation or accessibility extension may split the page's text nodes (or wrap words in
/// elements of its own): offsets are measured from the segment's start, not assumed to be
/// inside its first text node.
#[wasm_bindgen_test]
async fn a_text_node_split_by_an_extension_still_gives_the_right_offsets() {
    let text = "Minister 🇺🇦 Olena Kovalenko said prices rose.";
    let (element, article) = render_text(text).await;
    let segment = element
        .query_selector("[data-s]")
        .unwrap()
        .expect("a segment");
    let first: Text = segment.first_child().unwrap().dyn_into().unwrap();
    // Split after "Minister 🇺🇦 " (14 UTF-16 units), then wrap "Olena" in a <font> as
    // translation extensions do.
    let rest = first.split_text(14).unwrap();
    let tail = rest.split_text(5).unwrap();
    let font = gloo::utils::document().create_element("font").unwrap();
    segment.insert_before(&font, Some(&tail)).unwrap();
    font.append_child(&rest).unwrap();
    assert_eq!(
        element.text_content().unwrap(),
        text,
        "the text itself is unchanged"
    );
    let selection = gloo::utils::window().get_selection().unwrap().unwrap();
    // From inside the wrapped "Olena" (after "Ol") to inside "Kovalenko" in the tail node.
    selection.set_base_and_extent(&rest, 2, &tail, 4).unwrap();
    let got = gloss::dom::selection::read(&element, &article.index, true);
    let Selection::Span(span) = got else {
        panic!("expected a span, got {got:?}");
    };
    assert_eq!(article.index.slice(span), "Olena Kovalenko");
    // Exact characters: the points themselves, in code points (the flag is two).
    let got = gloss::dom::selection::read(&element, &article.index, false);
    let Selection::Span(span) = got else {
        panic!("expected a span, got {got:?}");
    };
    assert_eq!(article.index.slice(span), "ena Kov");
}

#[wasm_bindgen_test]
async fn collapsed_and_blank_selections() {
    let text = "one   two";
    let (element, article) = render_text(text).await;
    select(&element, 2, 2);
    assert_eq!(
        gloss::dom::selection::read(&element, &article.index, true),
        Selection::None
    );
    select(&element, 3, 6);
    assert_eq!(
        gloss::dom::selection::read(&element, &article.index, true),
        Selection::Blank
    );
}

/// "Ana 😀 Ruiz said.\nNext line" with "Ruiz" (code points 6..10) marked, rendered and focused.
async fn focused_with_a_highlight() -> (Element, Article) {
    use gloss::model::{Annotation, AnnotationId, Label, Span};
    let mut doc = Document::new(
        "Test".into(),
        None,
        "Ana 😀 Ruiz said.\nNext line".into(),
        Timestamp(0),
    );
    doc.annotations.push(Annotation::new(
        AnnotationId::random(),
        Label::Actor,
        Span { start: 6, end: 10 },
        Timestamp(0),
    ));
    let article = Article::new(Rc::new(doc));
    let element = render_article(&article).await;
    element
        .dyn_ref::<web_sys::HtmlElement>()
        .unwrap()
        .focus()
        .unwrap();
    (element, article)
}

/// Selecting a quote outlines its source: the source's segments carry `rel`, the quote's
/// `sel`, and nothing else either.
#[wasm_bindgen_test]
async fn the_selection_outlines_what_it_is_linked_to() {
    use gloss::model::{Annotation, AnnotationId, Label, Span};
    let mut doc = Document::new(
        "Test".into(),
        None,
        "Ana Ruiz said: “It holds.”\nLater, Ruiz left.".into(),
        Timestamp(0),
    );
    let actor = Annotation::new(
        AnnotationId::random(),
        Label::Actor,
        Span { start: 0, end: 8 },
        Timestamp(0),
    );
    let mut quote = Annotation::new(
        AnnotationId::random(),
        Label::Quote,
        Span { start: 15, end: 26 },
        Timestamp(0),
    );
    quote.source = Some(actor.id);
    let other = Annotation::new(
        AnnotationId::random(),
        Label::Actor,
        Span { start: 34, end: 38 },
        Timestamp(0),
    );
    doc.annotations
        .extend([actor.clone(), quote.clone(), other]);
    let article = Article::new(Rc::new(doc));
    let element = render_selected(&article, Some(quote), vec![(actor.id, actor.span)]).await;
    let texts = |selector: &str| -> String {
        let list = element.query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.text_content())
            .collect()
    };
    assert_eq!(texts(".rel"), "Ana Ruiz");
    assert_eq!(texts(".sel"), "“It holds.”");
}

/// The line element that starts at code point `start`.
fn line(article: &Element, start: usize) -> Element {
    article
        .query_selector(&format!("[data-block=\"{start}\"]"))
        .unwrap()
        .expect("the line")
}

/// After keyboard marking the caret is put at a code point and reads back as the same one:
/// after an emoji, at a highlight's end (in the highlight, not in what follows), at a line's
/// end (never in the hidden line break).
#[wasm_bindgen_test]
async fn the_caret_goes_to_a_code_point_and_reads_back() {
    let (element, article) = focused_with_a_highlight().await;
    for (cp, line_start) in [(0, 0), (5, 0), (8, 0), (10, 0), (16, 0), (21, 17), (26, 17)] {
        gloss::dom::selection::place_caret(&element, &article.index, line_start, cp);
        assert_eq!(
            gloss::dom::selection::caret(&element, &article.index),
            Some(cp),
            "caret at {cp}"
        );
    }
    gloss::dom::selection::place_caret(&element, &article.index, 0, 10);
    let focus = gloo::utils::window()
        .get_selection()
        .unwrap()
        .unwrap()
        .focus_node()
        .unwrap();
    assert_eq!(
        focus.text_content().as_deref(),
        Some("Ruiz"),
        "at the end of the highlight"
    );
}

/// A line's spans replaced under the caret (as `fill` does after marking): the selection is
/// put back at the same code points; an end in a span that stayed is not touched.
#[wasm_bindgen_test]
async fn a_selection_survives_its_spans_being_replaced() {
    use gloss::dom::selection::KeptSelection;
    let (element, article) = focused_with_a_highlight().await;
    let first = line(&element, 0);
    let replace_ruiz = || {
        let ruiz = first.query_selector("[data-s=\"6\"]").unwrap().unwrap();
        let copy = ruiz.clone_node_with_deep(true).unwrap();
        first.replace_child(&copy, &ruiz).unwrap();
    };
    // A caret inside "Ruiz".
    gloss::dom::selection::place_caret(&element, &article.index, 0, 8);
    let kept = KeptSelection::take(&first, &article.index).expect("the caret is in the line");
    replace_ruiz();
    kept.restore(&first, &article.index);
    assert_eq!(
        gloss::dom::selection::caret(&element, &article.index),
        Some(8)
    );
    // A selection from "na" (a span that stays) into "Ruiz" (replaced), read as exact characters.
    select(&element, 1, 9);
    let kept = KeptSelection::take(&first, &article.index).expect("the selection is in the line");
    replace_ruiz();
    kept.restore(&first, &article.index);
    let got = gloss::dom::selection::read(&element, &article.index, false);
    let Selection::Span(span) = got else {
        panic!("expected a span, got {got:?}");
    };
    assert_eq!(article.index.slice(span), "na 😀 Ru");
    // Nothing in the other line: nothing to keep there.
    assert!(KeptSelection::take(&line(&element, 17), &article.index).is_none());
    // Not focused (a button has the focus): the selection is left alone.
    element
        .dyn_ref::<web_sys::HtmlElement>()
        .unwrap()
        .blur()
        .unwrap();
    assert!(KeptSelection::take(&first, &article.index).is_none());
}

mod storage {
    //! The IndexedDB layer against a real browser database.
    use gloss::model::{Annotation, AnnotationId, Document, Label, Span, Timestamp};
    use gloss::storage::idb::{Db, SaveOutcome};
    use wasm_bindgen_test::*;

    fn doc(text: &str) -> Document {
        let mut d = Document::new("Stored".into(), None, text.into(), Timestamp(1));
        d.annotations.push(Annotation::new(
            AnnotationId::random(),
            Label::Quote,
            Span { start: 0, end: 3 },
            Timestamp(2),
        ));
        d
    }

    #[wasm_bindgen_test]
    async fn save_then_load_returns_the_same_document() {
        let db = Db::open(|| ()).await.expect("IndexedDB opens");
        let d = doc("One two three 🇺🇦.");
        assert_eq!(db.save(&d, None, None, true).await, Ok(SaveOutcome::Saved));
        let back = db.load_one(d.id).await.expect("reads").expect("is there");
        assert_eq!(back, d);
        let all = db.load_all().await.expect("reads all");
        assert!(all.documents.iter().any(|x| x.id == d.id));
        db.delete(d.id).await.expect("cleans up");
    }

    #[wasm_bindgen_test]
    async fn a_write_based_on_an_old_revision_is_refused() {
        let db = Db::open(|| ()).await.expect("IndexedDB opens");
        let mut d = doc("Alpha beta gamma.");
        assert_eq!(db.save(&d, None, None, true).await, Ok(SaveOutcome::Saved));
        // Another tab writes revision 1 on top of revision 0.
        d.revision = 1;
        assert_eq!(
            db.save(&d, None, Some(0), false).await,
            Ok(SaveOutcome::Saved)
        );
        // This tab still believes revision 0 is stored and made two changes: refused.
        let mut ours = d.clone();
        ours.revision = 2;
        ours.title = "Ours".into();
        assert_eq!(
            db.save(&ours, None, Some(0), false).await,
            Ok(SaveOutcome::Conflict)
        );
        let stored = db.load_one(d.id).await.expect("reads").expect("is there");
        assert_eq!(stored.revision, 1, "the other tab's write stands");
        assert_eq!(stored.title, "Stored");
        db.delete(d.id).await.expect("cleans up");
    }

    #[wasm_bindgen_test]
    async fn sources_and_people_are_stored() {
        let db = Db::open(|| ()).await.expect("IndexedDB opens");
        let mut d = doc("Ana said so.");
        let mut actor = Annotation::new(
            AnnotationId::random(),
            Label::Actor,
            Span { start: 0, end: 3 },
            Timestamp(3),
        );
        let person = gloss::model::Entity {
            id: gloss::model::EntityId::random(),
            name: "Ana Lima".into(),
        };
        actor.entity = Some(person.id);
        d.annotations[0].source = Some(actor.id);
        d.annotations.push(actor);
        d.annotations.sort_by(gloss::model::text_order);
        d.entities.push(person);
        assert_eq!(db.save(&d, None, None, true).await, Ok(SaveOutcome::Saved));
        let back = db.load_one(d.id).await.expect("reads").expect("is there");
        assert_eq!(back, d);
        db.delete(d.id).await.expect("cleans up");
    }

    #[wasm_bindgen_test]
    async fn a_save_of_changes_writes_them_and_reads_back_the_current_document() {
        let db = Db::open(|| ()).await.expect("IndexedDB opens");
        let v0 = doc("One two three four five six.");
        assert_eq!(db.save(&v0, None, None, true).await, Ok(SaveOutcome::Saved));
        // One annotation added, the first one's note changed.
        let mut v1 = v0.clone();
        v1.revision = 1;
        v1.annotations[0].note = "checked".into();
        v1.annotations.push(Annotation::new(
            AnnotationId::random(),
            Label::Claim,
            Span { start: 4, end: 7 },
            Timestamp(3),
        ));
        assert_eq!(
            db.save(&v1, Some(&v0), Some(0), false).await,
            Ok(SaveOutcome::Saved)
        );
        assert_eq!(db.load_one(v1.id).await, Ok(Some(v1.clone())));
        // The first one deleted.
        let mut v2 = v1.clone();
        v2.revision = 2;
        v2.annotations.remove(0);
        assert_eq!(
            db.save(&v2, Some(&v1), Some(1), false).await,
            Ok(SaveOutcome::Saved)
        );
        assert_eq!(db.load_one(v2.id).await, Ok(Some(v2.clone())));
        // Changes from a version storage does not hold (v0 again) are not applied as
        // changes: the whole document is written, so what is read is still exactly v3.
        let mut v3 = v2.clone();
        v3.revision = 3;
        v3.title = "Whole".into();
        assert_eq!(
            db.save(&v3, Some(&v0), Some(2), false).await,
            Ok(SaveOutcome::Saved)
        );
        assert_eq!(db.load_one(v3.id).await, Ok(Some(v3.clone())));
        db.delete(v3.id).await.expect("cleans up");
        assert_eq!(db.load_one(v3.id).await, Ok(None));
        // Brought back under the same id: none of the deleted annotations come back with it.
        let mut again = doc("One two three four five six.");
        again.id = v3.id;
        assert_eq!(
            db.save(&again, None, None, true).await,
            Ok(SaveOutcome::Saved)
        );
        assert_eq!(db.load_one(again.id).await, Ok(Some(again.clone())));
        db.delete(again.id).await.expect("cleans up");
    }

    #[wasm_bindgen_test]
    async fn deleted_documents_are_gone() {
        let db = Db::open(|| ()).await.expect("IndexedDB opens");
        let d = doc("To be deleted.");
        assert_eq!(db.save(&d, None, None, true).await, Ok(SaveOutcome::Saved));
        db.delete(d.id).await.expect("deletes");
        assert_eq!(db.load_one(d.id).await, Ok(None));
    }
}

#[wasm_bindgen_test]
fn the_crash_notice_says_work_is_saved_and_offers_a_reload() {
    // Everything stored: the last state seen had nothing unsaved.
    let mut stored = Document::new("Stored".into(), None, "Kept text.".into(), Timestamp(0));
    stored.revision = 2;
    let mut state = gloss::state::State::with_document(stored.clone());
    state.storage = gloss::state::Storage::Ready;
    state.saved = Rc::new([(stored.id, 2)].into_iter().collect());
    assert!(state.all_saved());
    gloss::ui::crash::remember(Rc::new(state));
    let document = gloo::utils::document();
    // A control of the page behind, which Tab must not reach while the notice is up.
    let behind_button = document.create_element("button").unwrap();
    document
        .body()
        .unwrap()
        .append_child(&behind_button)
        .unwrap();
    gloss::ui::crash::show("panicked at src/example.rs:1:1");
    gloss::ui::crash::show("a second panic adds nothing");
    let notices = document.query_selector_all("#gloss-crash").unwrap();
    assert_eq!(notices.length(), 1);
    let notice = document.get_element_by_id("gloss-crash").unwrap();
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alertdialog"));
    let text = notice.text_content().unwrap();
    assert!(
        text.contains("Something went wrong — your work is saved"),
        "{text}"
    );
    assert!(text.contains("panicked at src/example.rs:1:1"), "{text}");
    let button = notice.query_selector("button").unwrap().expect("a button");
    assert_eq!(button.text_content().as_deref(), Some("Reload"));
    assert_eq!(
        document.active_element().as_ref(),
        Some(&button),
        "the notice takes the focus"
    );
    // Everything else is out of reach (Tab stays in the notice); put back for the next tests.
    let behind = document
        .query_selector_all("body > :not(#gloss-crash)")
        .unwrap();
    let inert = document.query_selector_all("body > [inert]").unwrap();
    assert_eq!(inert.length(), behind.length());
    assert!(behind_button.has_attribute("inert"));
    close_crash_notice(notice);
    behind_button.remove();
}

/// Removes the crash notice and makes the page usable again, for the tests after.
fn close_crash_notice(notice: Element) {
    let inert = gloo::utils::document()
        .query_selector_all("body > [inert]")
        .unwrap();
    for i in 0..inert.length() {
        let el: Element = inert.item(i).unwrap().dyn_into().unwrap();
        el.remove_attribute("inert").unwrap();
    }
    notice.remove();
}

#[wasm_bindgen_test]
fn the_crash_notice_names_what_is_not_saved_and_offers_export() {
    let mut changed = Document::new(
        "Harbour dredging".into(),
        None,
        "Text.".into(),
        Timestamp(0),
    );
    changed.revision = 3;
    let mut state = gloss::state::State::with_document(changed.clone());
    state.storage = gloss::state::Storage::Ready;
    state.saved = Rc::new([(changed.id, 2)].into_iter().collect());
    assert!(!state.all_saved());
    gloss::ui::crash::remember(Rc::new(state));
    gloss::ui::crash::show("panicked at src/example.rs:2:2");
    let document = gloo::utils::document();
    let notice = document.get_element_by_id("gloss-crash").expect("a notice");
    let text = notice.text_content().unwrap();
    assert!(text.contains(gloss::ui::crash::MESSAGE_UNSAVED), "{text}");
    assert!(!text.contains("your work is saved"), "{text}");
    assert!(text.contains("“Harbour dredging”"), "{text}");
    let buttons: Vec<String> = (0..notice.query_selector_all("button").unwrap().length())
        .map(|i| {
            notice
                .query_selector_all("button")
                .unwrap()
                .item(i)
                .unwrap()
                .text_content()
                .unwrap()
        })
        .collect();
    assert_eq!(buttons, ["Export", "Reload"]);
    close_crash_notice(notice);
}

/// Suggestions drawn over the text split its segments but add no text: the article's text is
/// still exactly the model's, and a selection over a suggested span still reads as its code
/// points.
#[wasm_bindgen_test]
async fn suggestions_add_no_text_and_keep_offsets() {
    use gloss::model::Span;
    use gloss::suggest::Kind;
    let text = "Ukraine 🇺🇦: Minister Olena Kovalenko said “prices rose 5% in March” on Tuesday.";
    let mut article = Article::new(Rc::new(Document::new(
        "Test".into(),
        None,
        text.into(),
        Timestamp(0),
    )));
    let cp = |needle: &str| {
        let byte = text.find(needle).expect("needle");
        let start = text[..byte].chars().count();
        Span {
            start,
            end: start + needle.chars().count(),
        }
    };
    let shown = [
        (Kind::Actor, cp("Minister Olena Kovalenko")),
        (Kind::DirectQuote, cp("prices rose 5% in March")),
    ];
    article.segments =
        gloss::model::suggested::overlay(&article.blocks, &article.segments, &shown).into();
    let element = render_article(&article).await;
    assert_eq!(element.text_content().unwrap(), text);
    assert_eq!(element.query_selector_all(".sg.sgs").unwrap().length(), 2);
    let named = element
        .query_selector(".sgs-direct")
        .unwrap()
        .expect("the quote's first segment");
    assert_eq!(named.text_content().unwrap(), "prices rose 5% in March");
    let (from, to) = utf16_of(text, "Olena Kovalenko");
    select(&element, from, to);
    let got = gloss::dom::selection::read(&element, &article.index, true);
    assert_eq!(got, Selection::Span(cp("Olena Kovalenko")));
}

/// Work queued with `dom::tasks::next_task` runs later, in order, each job once, and a job may
/// queue another (as the suggestion steps do).
#[wasm_bindgen_test]
async fn next_task_runs_jobs_later_in_order() {
    use std::cell::RefCell;
    let ran = Rc::new(RefCell::new(Vec::new()));
    for n in 0..3 {
        let ran = Rc::clone(&ran);
        gloss::dom::tasks::next_task(move || {
            ran.borrow_mut().push(n);
            if n == 0 {
                let ran = Rc::clone(&ran);
                gloss::dom::tasks::next_task(move || ran.borrow_mut().push(10));
            }
        });
    }
    assert!(ran.borrow().is_empty(), "not run at once");
    next_frame().await;
    assert_eq!(*ran.borrow(), vec![0, 1, 2, 10]);
}
