//! How the article's annotations are painted, and the CSS Custom Highlight API both ways of
//! painting share with the find bar.
//!
//! Two ways, chosen once per page:
//! - **Spans**, the default: one `<span>` per segment with its labels as classes (see
//!   `ui::highlights::segment_class` and styles/article.css).
//! - **Highlights**, when the address asks for them (`?paint=highlights`) and the browser has
//!   the API (and `caretPositionFromPoint`, for clicks): each line of the article is one
//!   `<span data-s data-e>` of plain text, split only where an element is still needed (a
//!   suggestion, a verdict's badge: see `ui::highlights::painted`), and the annotations are
//!   ranges registered under a few names (`::highlight(gloss-…)` in styles/article.css): a fill
//!   per label, a line per label, the selection and what it points at. Marking, undo or
//!   relabelling then changes which ranges are registered, and no text node is touched.
//!
//! Highlights are not the default because they are slower in Chromium 156: any change to a
//! highlight makes the browser re-check every registered range (bench/NOTES.md). `make bench`
//! measures both.
//!
//! web-sys has no bindings for the API: it is reached through `js_sys::Reflect`.

use std::cell::OnceCell;

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Node;

thread_local! {
    static WITH_HIGHLIGHTS: OnceCell<bool> = const { OnceCell::new() };
}

/// Whether this page paints annotations with the CSS Custom Highlight API.
pub fn with_highlights() -> bool {
    WITH_HIGHLIGHTS.with(|mode| {
        *mode.get_or_init(|| {
            let asked = web_sys::window()
                .and_then(|w| w.location().search().ok())
                .unwrap_or_default();
            let highlights = asked
                .trim_start_matches('?')
                .split('&')
                .any(|pair| pair == "paint=highlights");
            let pointing = Reflect::has(&gloo::utils::document(), &"caretPositionFromPoint".into())
                .unwrap_or(false);
            highlights && pointing && registry().is_some() && constructor("Highlight").is_some()
        })
    })
}

/// The page's highlight registry (`CSS.highlights`), when the browser has one.
pub fn registry() -> Option<JsValue> {
    let css = Reflect::get(&js_sys::global(), &"CSS".into()).ok()?;
    let highlights = Reflect::get(&css, &"highlights".into()).ok()?;
    (!highlights.is_undefined()).then_some(highlights)
}

/// A global constructor (`Highlight`, `StaticRange`), when the browser has it.
pub fn constructor(name: &str) -> Option<Function> {
    Reflect::get(&js_sys::global(), &name.into())
        .ok()?
        .dyn_into()
        .ok()
}

/// Calls `target.method(...args)`.
pub fn call(target: &JsValue, method: &str, args: &Array) -> Option<JsValue> {
    let function: Function = Reflect::get(target, &method.into()).ok()?.dyn_into().ok()?;
    Reflect::apply(&function, target, args).ok()
}

/// A new, empty highlight; a higher `priority` paints over a lower one where they meet.
pub fn new_highlight(priority: i32) -> Option<JsValue> {
    registry()?;
    let highlight = Reflect::construct(&constructor("Highlight")?, &Array::new()).ok()?;
    let _ = Reflect::set(&highlight, &"priority".into(), &priority.into());
    Some(highlight)
}

/// Registers `highlight` under `name` (replacing what was there).
pub fn register(name: &str, highlight: &JsValue) {
    if let Some(registry) = registry() {
        call(&registry, "set", &Array::of2(&name.into(), highlight));
    }
}

/// Removes the highlight `name`.
pub fn clear(name: &str) {
    if let Some(registry) = registry() {
        call(&registry, "delete", &Array::of1(&name.into()));
    }
}

/// Makes `StaticRange`s, the four property names made once for many ranges. Static ranges
/// cost the browser nothing while the page changes (a live `Range` is kept up to date on every
/// change); whoever holds them makes them again when the text nodes they point into change.
pub struct StaticRanges {
    constructor: Function,
    keys: [JsValue; 4],
}

impl StaticRanges {
    pub fn new() -> Option<StaticRanges> {
        Some(StaticRanges {
            constructor: constructor("StaticRange")?,
            keys: ["startContainer", "startOffset", "endContainer", "endOffset"].map(JsValue::from),
        })
    }

    /// `new StaticRange({startContainer, startOffset, endContainer, endOffset})`.
    pub fn make(&self, start: (&Node, u32), end: (&Node, u32)) -> Option<JsValue> {
        let init = js_sys::Object::new();
        let values = [
            JsValue::from(start.0),
            start.1.into(),
            JsValue::from(end.0),
            end.1.into(),
        ];
        for (key, value) in self.keys.iter().zip(values) {
            Reflect::set(&init, key, &value).ok()?;
        }
        Reflect::construct(&self.constructor, &Array::of1(&init)).ok()
    }
}

/// The annotations' highlights, lowest first: where they meet, a later one paints over an
/// earlier one (and the find bar's over all of them).
pub const MARK_NAMES: [&str; 8] = [
    "gloss-fill-claim",
    "gloss-fill-quote",
    "gloss-fill-actor",
    "gloss-claim",
    "gloss-quote",
    "gloss-actor",
    "gloss-related",
    "gloss-selected",
];

/// Priorities below the find bar's (0 and 1).
const LOWEST_PRIORITY: i32 = -20;

/// The annotations' highlights and the two methods called on them, looked up once: a long
/// article registers thousands of ranges when it opens.
struct Marks {
    highlights: Vec<JsValue>,
    add: Function,
    delete: Function,
}

thread_local! {
    /// Made and registered the first time a line needs them; `None` without the API.
    static MARKS: OnceCell<Option<Marks>> = const { OnceCell::new() };
}

/// Adds `range` to every mark highlight whose bit is set in `bits` (bit `i` is
/// `MARK_NAMES[i]`).
pub fn add_mark(bits: u16, range: &JsValue) {
    with_marks(|marks| {
        for (i, highlight) in marks.highlights.iter().enumerate() {
            if bits & (1 << i) != 0 {
                let _ = marks.add.call1(highlight, range);
            }
        }
    });
}

/// Takes `range` out of the mark highlights of `bits`.
pub fn remove_mark(bits: u16, range: &JsValue) {
    with_marks(|marks| {
        for (i, highlight) in marks.highlights.iter().enumerate() {
            if bits & (1 << i) != 0 {
                let _ = marks.delete.call1(highlight, range);
            }
        }
    });
}

fn with_marks(f: impl FnOnce(&Marks)) {
    MARKS.with(|marks| {
        if let Some(marks) = marks.get_or_init(make_marks) {
            f(marks);
        }
    });
}

fn make_marks() -> Option<Marks> {
    let highlights: Vec<JsValue> = MARK_NAMES
        .iter()
        .zip(LOWEST_PRIORITY..)
        .map(|(name, priority)| {
            let highlight = new_highlight(priority)?;
            register(name, &highlight);
            Some(highlight)
        })
        .collect::<Option<_>>()?;
    let method = |name: &str| -> Option<Function> {
        Reflect::get(highlights.first()?, &name.into())
            .ok()?
            .dyn_into()
            .ok()
    };
    Some(Marks {
        add: method("add")?,
        delete: method("delete")?,
        highlights,
    })
}
