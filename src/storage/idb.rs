//! IndexedDB, wrapped in a few async functions. Four object stores: `documents` (each
//! document's head, the JSON record of [`super::record`], keyed by the document's id),
//! `annotations` (one JSON record per annotation, keyed by `[document id, annotation id]`, so
//! a document's annotations are one key range), `texts` (the canonical text, written once) and
//! `meta` (`last_open`, the sync state). Every write is one read-write transaction with strict
//! durability, and counts as done only when the transaction completes: a save's head and
//! annotation records land together or not at all.
//!
//! Version 2 of the database added the `annotations` store. Heads written before it (records
//! with their annotations inline) are not rewritten by the upgrade: they read as they are, and
//! a document's first save writes it whole in the new layout.

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DomException, IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction};

use super::changes::{self, Write};
use super::record;
use super::LoadedLibrary;
use super::StorageError;
use crate::model::{Document, DocumentId};

const DB_NAME: &str = "gloss";
const DB_VERSION: u32 = 2;
const DOCUMENTS: &str = "documents";
const ANNOTATIONS: &str = "annotations";
const TEXTS: &str = "texts";
const META: &str = "meta";

/// An open database.
pub struct Db {
    db: IdbDatabase,
}

/// What a save found.
#[derive(Debug, PartialEq, Eq)]
pub enum SaveOutcome {
    Saved,
    /// Storage holds a revision newer than the one this tab based its changes on.
    Conflict,
}

fn describe(error: &JsValue) -> String {
    if let Some(e) = error.dyn_ref::<DomException>() {
        return format!("{}: {}", e.name(), e.message());
    }
    error.as_string().unwrap_or_else(|| format!("{error:?}"))
}

fn classify(error: JsValue) -> StorageError {
    match error
        .dyn_ref::<DomException>()
        .map(DomException::name)
        .as_deref()
    {
        Some("QuotaExceededError") => StorageError::QuotaExceeded,
        Some("SecurityError" | "InvalidStateError" | "UnknownError") => {
            StorageError::Unavailable(describe(&error))
        }
        _ => StorageError::Failed(describe(&error)),
    }
}

/// How many annotation records a save puts in one go before it lets the page breathe.
const CHUNK: usize = 500;

/// Puts one annotation record of `document`.
fn put_annotation(
    store: &IdbObjectStore,
    document: &str,
    id: crate::model::AnnotationId,
    record: &str,
) -> Result<IdbRequest, StorageError> {
    store
        .put_with_key(
            &JsValue::from_str(record),
            &annotation_key(document, &id.to_string()),
        )
        .map_err(classify)
}

/// The key of an annotation's record: `[document id, annotation id]`.
fn annotation_key(document: &str, annotation: &str) -> JsValue {
    Array::of2(&JsValue::from_str(document), &JsValue::from_str(annotation)).into()
}

/// Every annotation key of one document: `IDBKeyRange.bound([id], [id, []])` (an array sorts
/// after every string, and `[id]` before every longer key that starts with it). Called through
/// `Reflect`: web-sys's `IdbKeyRange` is not among the features this crate builds.
fn annotation_range(document: &str) -> Result<JsValue, StorageError> {
    let key_range = Reflect::get(&js_sys::global(), &"IDBKeyRange".into()).map_err(classify)?;
    let bound: Function = Reflect::get(&key_range, &"bound".into())
        .map_err(classify)?
        .dyn_into()
        .map_err(classify)?;
    let lower = Array::of1(&JsValue::from_str(document));
    let upper = Array::of2(&JsValue::from_str(document), &Array::new());
    bound.call2(&key_range, &lower, &upper).map_err(classify)
}

/// A one-shot event handler.
type Handler = Closure<dyn FnMut(web_sys::Event)>;

/// Waits for the first of two events: `ok` turns the one into the result, `err` the other into
/// the error. `install` sets the two handlers (and, given `None`s, clears them). The handlers
/// are owned here and dropped once the wait is over (nothing fires after that), so neither they
/// nor what they hold (a request, and through it its result: every stored record after a
/// load) outlive the wait.
async fn settle(
    install: impl Fn(Option<&Function>, Option<&Function>),
    ok: fn(&web_sys::Event) -> JsValue,
    err: fn(&web_sys::Event) -> JsValue,
) -> Result<JsValue, JsValue> {
    let mut handlers: Option<(Handler, Handler)> = None;
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let on_ok = Closure::once(move |event: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &ok(&event));
        });
        let on_err = Closure::once(move |event: web_sys::Event| {
            let _ = reject.call1(&JsValue::NULL, &err(&event));
        });
        install(
            Some(on_ok.as_ref().unchecked_ref()),
            Some(on_err.as_ref().unchecked_ref()),
        );
        handlers = Some((on_ok, on_err));
    });
    let settled = JsFuture::from(promise).await;
    install(None, None);
    drop(handlers);
    settled
}

/// Waits for a request: its result, or its error.
async fn request(req: &IdbRequest) -> Result<JsValue, JsValue> {
    fn result(event: &web_sys::Event) -> JsValue {
        event
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .unwrap_or(JsValue::UNDEFINED)
    }
    fn error(event: &web_sys::Event) -> JsValue {
        // Handled here: the error must not abort the transaction on its own.
        event.prevent_default();
        event
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.error().ok().flatten())
            .map_or(JsValue::from_str("request failed"), JsValue::from)
    }
    let install = |ok: Option<&Function>, err: Option<&Function>| {
        req.set_onsuccess(ok);
        req.set_onerror(err);
    };
    settle(install, result, error).await
}

/// Waits for a transaction to complete (durably, for strict transactions).
async fn completion(tx: &IdbTransaction) -> Result<(), JsValue> {
    fn error(event: &web_sys::Event) -> JsValue {
        event
            .target()
            .and_then(|t| t.dyn_into::<IdbTransaction>().ok())
            .and_then(|t| t.error())
            .map_or(JsValue::from_str("transaction aborted"), JsValue::from)
    }
    let install = |ok: Option<&Function>, err: Option<&Function>| {
        tx.set_oncomplete(ok);
        tx.set_onabort(err);
    };
    settle(install, |_| JsValue::UNDEFINED, error)
        .await
        .map(|_| ())
}

impl Db {
    /// Opens (creating or upgrading) the database. `on_blocked` is called when another tab
    /// holds an older version open and does not let go: the open waits for it, and the person
    /// is told what to do meanwhile instead of waiting without a word.
    pub async fn open(on_blocked: impl Fn() + 'static) -> Result<Db, StorageError> {
        let window =
            web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".into()))?;
        let factory = window
            .indexed_db()
            .map_err(|e| StorageError::Unavailable(describe(&e)))?
            .ok_or_else(|| {
                StorageError::Unavailable("IndexedDB is turned off in this browser".into())
            })?;
        let open = factory
            .open_with_u32(DB_NAME, DB_VERSION)
            .map_err(|e| StorageError::Unavailable(describe(&e)))?;
        let upgrade_req = open.clone();
        let on_upgrade = Closure::once_into_js(move |_: web_sys::Event| {
            let Ok(result) = upgrade_req.result() else {
                return;
            };
            let Ok(db) = result.dyn_into::<IdbDatabase>() else {
                return;
            };
            let names = db.object_store_names();
            for name in [DOCUMENTS, ANNOTATIONS, TEXTS, META] {
                if !names.contains(name) {
                    let _ = db.create_object_store(name);
                }
            }
        });
        open.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
        let on_blocked = Closure::<dyn Fn()>::new(on_blocked);
        open.set_onblocked(Some(on_blocked.as_ref().unchecked_ref()));
        let db = request(&open)
            .await
            .map_err(|e| StorageError::Unavailable(describe(&e)))?
            .dyn_into::<IdbDatabase>()
            .map_err(|e| StorageError::Unavailable(describe(&e)))?;
        open.set_onblocked(None);
        drop(on_blocked);
        // Another tab opening a newer version asks this connection to step aside; closing it
        // lets that tab go on, and this tab's next write reconnects (or says why it cannot).
        let closing = db.clone();
        let on_version_change = Closure::<dyn Fn()>::new(move || closing.close());
        db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        on_version_change.forget();
        Ok(Db { db })
    }

    /// `db.transaction(stores, mode, { durability: "strict" })`. The options argument sits behind
    /// web-sys's unstable APIs, so the method is called through `Reflect`.
    fn transaction(&self, stores: &[&str], write: bool) -> Result<IdbTransaction, StorageError> {
        let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
        let mode = JsValue::from_str(if write { "readwrite" } else { "readonly" });
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"durability".into(), &"strict".into()).map_err(classify)?;
        let method: Function = js_sys::Reflect::get(&self.db, &"transaction".into())
            .map_err(classify)?
            .dyn_into()
            .map_err(classify)?;
        method
            .call3(&self.db, &names, &mode, &options)
            .map_err(classify)?
            .dyn_into::<IdbTransaction>()
            .map_err(classify)
    }

    fn store(tx: &IdbTransaction, name: &str) -> Result<IdbObjectStore, StorageError> {
        tx.object_store(name).map_err(classify)
    }

    /// The records of one document's annotations, in the order of their ids.
    async fn annotations_of(store: &IdbObjectStore, id: &str) -> Result<Vec<String>, StorageError> {
        let records = request(
            &store
                .get_all_with_key(&annotation_range(id)?)
                .map_err(classify)?,
        )
        .await
        .map_err(classify)?;
        let records = Array::from(&records);
        (0..records.length())
            .map(|i| {
                records.get(i).as_string().ok_or_else(|| {
                    StorageError::Failed(format!("an annotation of {id} is not stored as text"))
                })
            })
            .collect()
    }

    /// Every stored document; records that cannot be read are listed, never changed.
    pub async fn load_all(&self) -> Result<LoadedLibrary, StorageError> {
        let tx = self.transaction(&[DOCUMENTS, ANNOTATIONS, TEXTS, META], false)?;
        let documents = Self::store(&tx, DOCUMENTS)?;
        let annotations = Self::store(&tx, ANNOTATIONS)?;
        let texts = Self::store(&tx, TEXTS)?;
        let meta = Self::store(&tx, META)?;
        let keys = request(&documents.get_all_keys().map_err(classify)?)
            .await
            .map_err(classify)?;
        let records = request(&documents.get_all().map_err(classify)?)
            .await
            .map_err(classify)?;
        let text_keys = request(&texts.get_all_keys().map_err(classify)?)
            .await
            .map_err(classify)?;
        let text_values = request(&texts.get_all().map_err(classify)?)
            .await
            .map_err(classify)?;
        let last_open = request(
            &meta
                .get(&JsValue::from_str("last_open"))
                .map_err(classify)?,
        )
        .await
        .map_err(classify)?;

        let text_keys = Array::from(&text_keys);
        let text_values = Array::from(&text_values);
        let mut text_of = std::collections::HashMap::new();
        for i in 0..text_keys.length() {
            if let (Some(k), Some(v)) =
                (text_keys.get(i).as_string(), text_values.get(i).as_string())
            {
                text_of.insert(k, v);
            }
        }
        let keys = Array::from(&keys);
        let records = Array::from(&records);
        let mut loaded = LoadedLibrary::default();
        for i in 0..keys.length() {
            let key = keys
                .get(i)
                .as_string()
                .unwrap_or_else(|| "(a key that is not text)".into());
            let Some(record) = records.get(i).as_string() else {
                loaded.unreadable.push(format!("record {key}: not text"));
                continue;
            };
            let own = match Self::annotations_of(&annotations, &key).await {
                Ok(own) => own,
                Err(e) => {
                    loaded.unreadable.push(format!("record {key}: {e}"));
                    continue;
                }
            };
            let text = text_of.get(&key).map(String::as_str);
            match record::decode_stored(&key, &record, own.iter().map(String::as_str), text) {
                Ok(doc) => loaded.documents.push(doc),
                Err(e) => loaded.unreadable.push(e.to_string()),
            }
        }
        loaded.last_open = last_open
            .as_string()
            .and_then(|s| uuid::Uuid::parse_str(&s).ok())
            .map(DocumentId);
        Ok(loaded)
    }

    /// One stored document, as another tab left it.
    pub async fn load_one(&self, id: DocumentId) -> Result<Option<Document>, StorageError> {
        let tx = self.transaction(&[DOCUMENTS, ANNOTATIONS, TEXTS], false)?;
        let name = id.to_string();
        let key = JsValue::from_str(&name);
        let record = request(&Self::store(&tx, DOCUMENTS)?.get(&key).map_err(classify)?)
            .await
            .map_err(classify)?;
        let own = Self::annotations_of(&Self::store(&tx, ANNOTATIONS)?, &name).await?;
        let text = request(&Self::store(&tx, TEXTS)?.get(&key).map_err(classify)?)
            .await
            .map_err(classify)?;
        let Some(record) = record.as_string() else {
            return Ok(None);
        };
        let text = text.as_string();
        Ok(record::decode_stored(
            &name,
            &record,
            own.iter().map(String::as_str),
            text.as_deref(),
        )
        .ok())
    }

    /// Writes `doc` unless storage holds a revision newer than `base` (the last revision this
    /// tab wrote or read); writes the text too when `with_text`. `from` is the version this tab
    /// believes storage holds: when storage holds exactly that, only the head and the changed
    /// annotations are written; otherwise the whole document (see [`changes::decide`]).
    pub async fn save(
        &self,
        doc: &Document,
        from: Option<&Document>,
        base: Option<u64>,
        with_text: bool,
    ) -> Result<SaveOutcome, StorageError> {
        let started = super::timing::now();
        // Encoded before anything is touched: a record that cannot be written leaves the stored
        // one as it was.
        let save = changes::save(from, doc).map_err(|e| StorageError::Encode(e.to_string()))?;
        let tx = self.transaction(&[DOCUMENTS, ANNOTATIONS, TEXTS], true)?;
        let key = JsValue::from_str(&doc.id.to_string());
        let mut main_thread = super::timing::now() - started;
        let stored = request(&Self::store(&tx, DOCUMENTS)?.get(&key).map_err(classify)?)
            .await
            .map_err(classify)?
            .as_string();
        let resumed = super::timing::now();
        let write = changes::decide(stored.as_deref(), &save, base);
        match write {
            Write::AlreadyStored => {
                let _ = tx.abort();
                return Ok(SaveOutcome::Saved);
            }
            Write::Conflict => {
                let _ = tx.abort();
                return Ok(SaveOutcome::Conflict);
            }
            Write::Changes | Write::Whole => {}
        }
        let text = with_text || stored.is_none();
        main_thread += super::timing::now() - resumed;
        // Any failure part-way aborts the transaction: nothing of a half-made write lands.
        match Self::put(&tx, doc, &save, write, text).await {
            Ok(busy) => main_thread += busy,
            Err(e) => {
                let _ = tx.abort();
                return Err(e);
            }
        }
        super::timing::report_save(main_thread);
        completion(&tx).await.map_err(classify)?;
        Ok(SaveOutcome::Saved)
    }

    /// Makes the requests of a save in `tx`: the changed annotations (or, for a whole write,
    /// every annotation after removing the stored ones, and the text when `text`), then the
    /// head. Many annotations are put [`CHUNK`] at a time, each chunk encoded and sent in a task
    /// of its own (the transaction stays open while its requests are answered), so a whole
    /// write of a long article never holds the main thread for long. Returns the milliseconds
    /// it spent on the main thread.
    async fn put(
        tx: &IdbTransaction,
        doc: &Document,
        save: &changes::Save,
        write: Write,
        text: bool,
    ) -> Result<f64, StorageError> {
        let annotations = Self::store(tx, ANNOTATIONS)?;
        let name = doc.id.to_string();
        let key = JsValue::from_str(&name);
        let mut busy = 0.0;
        let mut since = super::timing::now();
        match (write, &save.changes) {
            (Write::Changes, Some(changes)) => {
                for id in &changes.delete {
                    annotations
                        .delete(&annotation_key(&name, &id.to_string()))
                        .map_err(classify)?;
                }
                for chunk in changes.put.chunks(CHUNK) {
                    let mut last = None;
                    for (id, record) in chunk {
                        last = Some(put_annotation(&annotations, &name, *id, record)?);
                    }
                    if chunk.len() == CHUNK {
                        busy += super::timing::now() - since;
                        if let Some(last) = last {
                            request(&last).await.map_err(classify)?;
                        }
                        since = super::timing::now();
                    }
                }
            }
            _ => {
                annotations
                    .delete(&annotation_range(&name)?)
                    .map_err(classify)?;
                for chunk in doc.annotations.chunks(CHUNK) {
                    let mut last = None;
                    for a in chunk {
                        let record = record::encode_annotation(doc, a)
                            .map_err(|e| StorageError::Encode(e.to_string()))?;
                        last = Some(put_annotation(&annotations, &name, a.id, &record)?);
                    }
                    if chunk.len() == CHUNK {
                        busy += super::timing::now() - since;
                        if let Some(last) = last {
                            request(&last).await.map_err(classify)?;
                        }
                        since = super::timing::now();
                    }
                }
                if text {
                    Self::store(tx, TEXTS)?
                        .put_with_key(&JsValue::from_str(&doc.text), &key)
                        .map_err(classify)?;
                }
            }
        }
        Self::store(tx, DOCUMENTS)?
            .put_with_key(&JsValue::from_str(&save.head), &key)
            .map_err(classify)?;
        Ok(busy + super::timing::now() - since)
    }

    /// Removes a document: its head, its annotations and its text.
    pub async fn delete(&self, id: DocumentId) -> Result<(), StorageError> {
        let tx = self.transaction(&[DOCUMENTS, ANNOTATIONS, TEXTS], true)?;
        let name = id.to_string();
        let key = JsValue::from_str(&name);
        Self::store(&tx, DOCUMENTS)?
            .delete(&key)
            .map_err(classify)?;
        Self::store(&tx, ANNOTATIONS)?
            .delete(&annotation_range(&name)?)
            .map_err(classify)?;
        Self::store(&tx, TEXTS)?.delete(&key).map_err(classify)?;
        completion(&tx).await.map_err(classify)
    }

    /// Remembers which article is open, for the next visit.
    /// The article open when the app was last used, as `set_last_open` stored it.
    pub async fn last_open(&self) -> Result<Option<DocumentId>, StorageError> {
        let tx = self.transaction(&[META], false)?;
        let value = request(
            &Self::store(&tx, META)?
                .get(&JsValue::from_str("last_open"))
                .map_err(classify)?,
        )
        .await
        .map_err(classify)?;
        Ok(value
            .as_string()
            .and_then(|s| uuid::Uuid::parse_str(&s).ok())
            .map(DocumentId))
    }

    pub async fn set_last_open(&self, id: DocumentId) -> Result<(), StorageError> {
        let tx = self.transaction(&[META], true)?;
        Self::store(&tx, META)?
            .put_with_key(
                &JsValue::from_str(&id.to_string()),
                &JsValue::from_str("last_open"),
            )
            .map_err(classify)?;
        completion(&tx).await.map_err(classify)
    }

    /// What is stored of the last sync: the head (`sync`) and every article's part
    /// (`sync:<id>`), all in the `meta` store.
    pub async fn load_sync(&self) -> Result<Option<(String, Vec<(String, String)>)>, StorageError> {
        let tx = self.transaction(&[META], false)?;
        let meta = Self::store(&tx, META)?;
        let keys = request(&meta.get_all_keys().map_err(classify)?)
            .await
            .map_err(classify)?;
        let values = request(&meta.get_all().map_err(classify)?)
            .await
            .map_err(classify)?;
        let (keys, values) = (Array::from(&keys), Array::from(&values));
        let mut head = None;
        let mut parts = Vec::new();
        for i in 0..keys.length() {
            let (Some(key), Some(value)) = (keys.get(i).as_string(), values.get(i).as_string())
            else {
                continue;
            };
            if key == gloss_core::sync::replica::HEAD_KEY {
                head = Some(value);
            } else if let Some(id) = key.strip_prefix("sync:") {
                parts.push((id.to_owned(), value));
            }
        }
        Ok(head.map(|h| (h, parts)))
    }

    /// Writes the sync head and the given parts (`(key, record)`; `None` removes the key) in
    /// one transaction.
    pub async fn save_sync(
        &self,
        entries: &[(String, Option<String>)],
    ) -> Result<(), StorageError> {
        let tx = self.transaction(&[META], true)?;
        let meta = Self::store(&tx, META)?;
        for (key, value) in entries {
            let key = JsValue::from_str(key);
            match value {
                Some(value) => meta
                    .put_with_key(&JsValue::from_str(value), &key)
                    .map_err(classify)?,
                None => meta.delete(&key).map_err(classify)?,
            };
        }
        completion(&tx).await.map_err(classify)
    }
}
