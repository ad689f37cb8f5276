//! The loops that carry sync out: one reads the changes feed (waiting on the server between
//! changes), one sends what the core says is waiting. Each turns what happened into an action;
//! the core decides everything else. A failure backs off (1 s, 2 s, 4 s … 30 s) and tries
//! again; a refusal (wrong password, not a member) waits for the person.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use js_sys::Promise;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};

use super::http::{Call, Failure};
use crate::state::Action;
use crate::ui::store::Latest;
use gloss_core::sync::wire::{self, Address};
use gloss_core::sync::{Link, SyncError};

/// How many changes one page of the feed holds.
const PAGE: usize = 200;
/// How long the server holds a request for the feed when nothing changes (ms).
const WAIT_MS: u32 = 25_000;
/// How long past `WAIT_MS` a held request for the feed may stay open before it is cancelled
/// and asked again: some servers keep it open with heartbeats instead of answering (ms).
const WAIT_MARGIN_MS: u32 = 10_000;
/// How long after a change here it is sent (ms): changes in a burst go together.
const PUSH_DELAY_MS: u32 = 250;
const BACKOFF_MAX_MS: u32 = 30_000;
/// How often a loop waiting out a back-off looks whether the other got an answer (ms).
const WAKE_STEP_MS: u32 = 250;

/// Sync with one database, while connected.
pub struct Engine {
    latest: Latest,
    /// Bumped on every connect and disconnect: a loop of an older one stops.
    generation: Cell<u64>,
    address: RefCell<Option<Address>>,
    feed: RefCell<Option<Rc<Call>>>,
    /// The generation whose sending loop runs: an older one's, still waiting out a back-off,
    /// does not hold up a new one (it stops when it wakes).
    pushing: Cell<Option<u64>>,
    push_again: Cell<bool>,
    /// How many times the server has answered: a loop waiting out a back-off stops waiting
    /// when the other loop gets an answer.
    answered: Cell<u64>,
    push_timer: RefCell<Option<Timeout>>,
}

/// What a failed request means for the link (`None`: cancelled here, nothing to say).
async fn link_for(address: &Address, failure: Failure) -> Option<Link> {
    match failure {
        Failure::Aborted => None,
        Failure::Network => Some(Link::Offline),
        // A gateway in front of the database saying it cannot reach it: the same as offline.
        Failure::Status(status, body) if wire::unreachable(status, &body) => Some(Link::Offline),
        Failure::Status(401, _) => Some(Link::Failed(explain_401(address).await)),
        Failure::Status(status, body) => Some(Link::Failed(wire::failure(status, &body, false))),
        Failure::Unreadable(error) => Some(Link::Failed(error)),
    }
}

/// A 401 outside signing in: signed out, or signed in but not a member (which CouchDB answers
/// with 403 and other servers with 401); `GET _session` tells them apart.
async fn explain_401(address: &Address) -> SyncError {
    let session = super::http::send("GET", &address.session(), None)
        .await
        .ok();
    wire::unauthorized(session.as_deref())
}

/// Whether to try again after `link` (a refusal waits for the person).
fn retry_after(link: &Link) -> bool {
    match link {
        Link::Failed(error) => error.retry_helps(),
        _ => true,
    }
}

/// The next wait after a failure: 1 s, then doubled up to 30 s.
fn next_backoff(backoff: u32) -> u32 {
    if backoff == 0 {
        1_000
    } else {
        (backoff * 2).min(BACKOFF_MAX_MS)
    }
}

async fn sleep(ms: u32) {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                resolve.unchecked_ref(),
                i32::try_from(ms).unwrap_or(i32::MAX),
            );
        }
    });
    let _ = JsFuture::from(promise).await;
}

impl Engine {
    pub fn new(latest: Latest) -> Rc<Engine> {
        Rc::new(Engine {
            latest,
            generation: Cell::new(0),
            address: RefCell::new(None),
            feed: RefCell::new(None),
            pushing: Cell::new(None),
            push_again: Cell::new(false),
            answered: Cell::new(0),
            push_timer: RefCell::new(None),
        })
    }

    fn dispatch(&self, action: Action) {
        self.latest.borrow().dispatch(action);
    }

    fn current(&self, generation: u64) -> bool {
        self.generation.get() == generation
    }

    pub fn running(&self) -> bool {
        self.address.borrow().is_some()
    }

    /// Starts exchanging with `address` (signed in already, or by a cookie from before).
    pub fn start(self: &Rc<Self>, address: Address) {
        self.stop_loops();
        *self.address.borrow_mut() = Some(address.clone());
        self.dispatch(Action::SyncConnect {
            database: address.database.clone(),
        });
        let generation = self.generation.get();
        spawn_local(Rc::clone(self).feed_loop(generation, address));
        self.push_soon();
    }

    fn stop_loops(&self) {
        self.generation.set(self.generation.get() + 1);
        if let Some(call) = self.feed.borrow_mut().take() {
            call.abort();
        }
        *self.push_timer.borrow_mut() = None;
    }

    /// Stops syncing; what was exchanged stays known for the next time.
    pub fn stop(&self) {
        self.stop_loops();
        *self.address.borrow_mut() = None;
        self.dispatch(Action::SyncLink(Link::Off));
    }

    /// "Sync now": asks the feed again at once and sends what waits.
    pub fn now(self: &Rc<Self>) {
        // The borrow ends here: `start` writes the address.
        let address = self.address.borrow().clone();
        if let Some(address) = address {
            self.start(address);
        }
    }

    /// Sends what waits, shortly (a burst of changes goes as one batch).
    pub fn push_soon(self: &Rc<Self>) {
        if !self.running() {
            return;
        }
        let engine = Rc::clone(self);
        let generation = self.generation.get();
        *self.push_timer.borrow_mut() = Some(Timeout::new(PUSH_DELAY_MS, move || {
            spawn_local(engine.push_loop(generation));
        }));
    }

    async fn feed_loop(self: Rc<Self>, generation: u64, address: Address) {
        let mut backoff = 0u32;
        let mut caught_up = false;
        while self.current(generation) {
            // Nothing is taken without a name (it tells one's own work from colleagues'):
            // asking again would get the same page for ever.
            if self.latest.borrow().me.is_none() {
                self.dispatch(Action::SyncLink(Link::Failed(SyncError::NoName)));
                return;
            }
            let since = self.latest.borrow().sync.replica.since.clone();
            let call = Rc::new(Call::new());
            *self.feed.borrow_mut() = Some(Rc::clone(&call));
            let url = address.changes(since.as_ref(), PAGE, caught_up.then_some(WAIT_MS));
            // A held request the server never ends is cancelled and asked again.
            let expired = Rc::new(Cell::new(false));
            let _deadline = caught_up.then(|| {
                let (call, expired) = (Rc::clone(&call), Rc::clone(&expired));
                Timeout::new(WAIT_MS + WAIT_MARGIN_MS, move || {
                    expired.set(true);
                    call.abort();
                })
            });
            let answer = call.send("GET", &url, None).await;
            if !self.current(generation) {
                return;
            }
            if answer == Err(Failure::Aborted) && expired.get() {
                continue;
            }
            let result = match answer {
                Ok(text) => self.take_page(generation, &address, &text).await,
                Err(failure) => Err(failure),
            };
            if !self.current(generation) {
                return;
            }
            match result {
                Ok(pending) => {
                    self.answered.set(self.answered.get() + 1);
                    if backoff > 0 {
                        // The server answers again: what waits here goes now.
                        self.push_soon();
                    }
                    backoff = 0;
                    caught_up = pending == 0;
                }
                Err(failure) => {
                    caught_up = false;
                    if !self
                        .failed(generation, &address, failure, &mut backoff)
                        .await
                    {
                        return;
                    }
                }
            }
        }
    }

    /// After a failed request: says what it means, and waits out the back-off when trying
    /// again may help. Whether to go on.
    async fn failed(
        &self,
        generation: u64,
        address: &Address,
        failure: Failure,
        backoff: &mut u32,
    ) -> bool {
        let Some(link) = link_for(address, failure).await else {
            return false;
        };
        if !self.current(generation) {
            return false;
        }
        let retry = retry_after(&link);
        self.dispatch(Action::SyncLink(link));
        if !retry {
            return false;
        }
        *backoff = next_backoff(*backoff);
        // In short steps, so that the server answering the other loop ends the wait.
        let answers = self.answered.get();
        let mut waited = 0;
        while waited < *backoff && self.answered.get() == answers {
            sleep(WAKE_STEP_MS).await;
            waited += WAKE_STEP_MS;
        }
        self.current(generation)
    }

    /// Reads a page, fetches the other leaves of conflicted documents, hands it to the core.
    async fn take_page(
        &self,
        generation: u64,
        address: &Address,
        text: &str,
    ) -> Result<u64, Failure> {
        let mut page = wire::changes(text).map_err(Failure::Unreadable)?;
        for (id, revs) in page.conflicted.clone() {
            let text = super::http::send("GET", &address.open_revs(&id, &revs), None).await?;
            if let Ok(bodies) = wire::open_revs(&text) {
                page.with_conflicts(&id, bodies);
            }
        }
        // Disconnected or connected elsewhere meanwhile: the page is not this database's.
        if !self.current(generation) {
            return Err(Failure::Aborted);
        }
        let pending = page.pending;
        self.dispatch(Action::SyncPulled {
            changes: page.changes,
            last_seq: page.last_seq,
            pending,
        });
        // Lets the page render, so the next request starts from the new checkpoint.
        sleep(0).await;
        Ok(pending)
    }

    async fn push_loop(self: Rc<Self>, generation: u64) {
        if !self.current(generation) {
            return;
        }
        if self.pushing.get() == Some(generation) {
            self.push_again.set(true);
            return;
        }
        self.pushing.set(Some(generation));
        let mut backoff = 0u32;
        while self.current(generation) {
            let Some(address) = self.address.borrow().clone() else {
                break;
            };
            let state = self.latest.borrow().shared();
            if state.me.is_none() {
                self.dispatch(Action::SyncLink(Link::Failed(SyncError::NoName)));
                break;
            }
            let batch = state.sync_batch();
            if batch.is_empty() {
                break;
            }
            let body = batch.body().to_string();
            let answer = super::http::send(
                "POST",
                &address.bulk_docs(),
                Some(("application/json", &body)),
            )
            .await;
            if !self.current(generation) {
                break;
            }
            match answer.map(|text| wire::bulk_docs(&text)) {
                Ok(Ok(refused)) => {
                    self.answered.set(self.answered.get() + 1);
                    let stop = !refused.is_empty();
                    let was_offline = matches!(self.latest.borrow().sync.link, Link::Offline);
                    self.dispatch(Action::SyncPushed {
                        sent: batch.sent,
                        refused,
                    });
                    if was_offline {
                        // The server answers again: read the feed at once rather than when
                        // its back-off ends (this restarts the sending too).
                        self.pushing.set(None);
                        self.now();
                        return;
                    }
                    // Lets the page render, so the next batch is computed from what is known now.
                    sleep(0).await;
                    if stop {
                        break;
                    }
                    backoff = 0;
                }
                Ok(Err(error)) => {
                    let failure = Failure::Unreadable(error);
                    if !self
                        .failed(generation, &address, failure, &mut backoff)
                        .await
                    {
                        break;
                    }
                }
                Err(failure) => {
                    if !self
                        .failed(generation, &address, failure, &mut backoff)
                        .await
                    {
                        break;
                    }
                }
            }
        }
        if self.pushing.get() == Some(generation) {
            self.pushing.set(None);
            if self.push_again.replace(false) && self.current(generation) {
                self.push_soon();
            }
        }
    }
}

/// Signs in with CouchDB's session (`POST _session`) and checks the database is there.
pub async fn sign_in(address: &Address, name: &str, password: &str) -> Result<(), String> {
    let form = wire::session_form(name, password);
    let words = |failure: Failure, signing_in: bool| match failure {
        Failure::Status(status, body) if !wire::unreachable(status, &body) => {
            wire::failure(status, &body, signing_in).to_string()
        }
        _ => UNREACHABLE.to_owned(),
    };
    super::http::send(
        "POST",
        &address.session(),
        Some(("application/x-www-form-urlencoded", &form)),
    )
    .await
    .map_err(|f| words(f, true))?;
    match super::http::send("GET", &address.database, None).await {
        Ok(_) => Ok(()),
        // Signed in a moment ago: a 401 now means not a member.
        Err(Failure::Status(401, _)) => Err(explain_401(address).await.to_string()),
        Err(failure) => Err(words(failure, false)),
    }
}

/// What "Connect" says when the server does not answer.
const UNREACHABLE: &str = "the server could not be reached. Check the Database URL and your connection; your work stays in this browser.";
