//! Work split into tasks: [`next_task`] runs a closure in a task of its own, soon after the
//! current one (and after any render it caused), so the browser can paint and answer input in
//! between; [`after_paint`] waits for the next frame first, so what the page shows now (a
//! "working on it" message) is on screen before a long piece of work starts. A message to one channel of the page's own rather than `setTimeout(0)`, which
//! browsers hold back at least 4 ms once such calls nest five deep.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageChannel, MessageEvent};

type Job = Box<dyn FnOnce()>;

/// The channel (kept for the page's life), its handler, and the closures waiting, in order.
struct Queue {
    channel: MessageChannel,
    _handler: Closure<dyn FnMut(MessageEvent)>,
    jobs: VecDeque<Job>,
}

thread_local! {
    static QUEUE: RefCell<Option<Queue>> = const { RefCell::new(None) };
}

/// Runs `job` in a task of its own, after those already waiting.
pub fn next_task(job: impl FnOnce() + 'static) {
    let job: Job = Box::new(job);
    // Handed back when this browser has no `MessageChannel`.
    let unqueued = QUEUE.with(move |queue| {
        let mut queue = queue.borrow_mut();
        if queue.is_none() {
            *queue = open();
        }
        let Some(q) = queue.as_mut() else {
            return Some(job);
        };
        q.jobs.push_back(job);
        // Refused (it never is for a channel of our own): a timer runs the queue instead.
        if q.channel.port2().post_message(&JsValue::NULL).is_err() {
            Timeout::new(0, run_one).forget();
        }
        None
    });
    if let Some(job) = unqueued {
        Timeout::new(0, job).forget();
    }
}

/// The channel and its handler, or `None` where the browser has no `MessageChannel`.
fn open() -> Option<Queue> {
    let channel = MessageChannel::new().ok()?;
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(|_| run_one());
    channel
        .port1()
        .set_onmessage(Some(handler.as_ref().unchecked_ref()));
    Some(Queue {
        channel,
        _handler: handler,
        jobs: VecDeque::new(),
    })
}

/// Runs the first closure waiting (taken out first: it may queue another).
fn run_one() {
    let job = QUEUE.with(|queue| queue.borrow_mut().as_mut().and_then(|q| q.jobs.pop_front()));
    if let Some(job) = job {
        job();
    }
}

/// How long [`after_paint`] waits for a frame at most: a hidden tab paints none.
const FRAME_WAIT_MS: u32 = 100;

/// Runs `job` in a task of its own once the next frame has been painted (or after
/// [`FRAME_WAIT_MS`] when no frame comes, as in a hidden tab).
pub fn after_paint(job: impl FnOnce() + 'static) {
    let job: Rc<RefCell<Option<Job>>> = Rc::new(RefCell::new(Some(Box::new(job))));
    let run = {
        let job = Rc::clone(&job);
        move || {
            if let Some(job) = job.borrow_mut().take() {
                next_task(job);
            }
        }
    };
    let timer = Timeout::new(FRAME_WAIT_MS, run.clone());
    let frame = Closure::once_into_js(move || {
        drop(timer);
        run();
    });
    let asked = web_sys::window()
        .map(|w| w.request_animation_frame(frame.unchecked_ref()).is_ok())
        .unwrap_or(false);
    if !asked {
        if let Some(job) = job.borrow_mut().take() {
            next_task(job);
        }
    }
}
