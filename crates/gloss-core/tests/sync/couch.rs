//! A model of CouchDB's revision tree, written from CouchDB's documentation and not from
//! Gloss's code, answering the three requests Gloss makes the way the server does:
//!
//! - `POST <db>/_bulk_docs` with `new_edits: false`: each document's `_rev` goes into its tree
//!   under the parents its `_revisions` names (missing ancestors become stubs); a revision
//!   already in the tree is ignored; the answer lists only refused documents;
//! - `GET <db>/_changes?style=all_docs&include_docs=true&conflicts=true&limit=&since=`: one
//!   row per changed document, in the order of its last change, with the winner's body, every
//!   leaf in `changes`, and the other live leaves in the body's `_conflicts`;
//! - `GET <db>/<id>?open_revs=[…]`: the bodies of the given revisions, `missing` for others.
//!
//! The winner is CouchDB's: live leaves before deleted ones, then the highest generation, then
//! the highest revision id compared as a string. Sequences are opaque strings (`"7-g1AA"`), as
//! CouchDB 2 and later writes them.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

/// One revision of a document; a stub (ancestor named only by `_revisions`) has no body.
#[derive(Clone, Debug)]
struct Node {
    parent: Option<String>,
    body: Option<Map<String, Value>>,
    deleted: bool,
}

/// A revision's (generation, id) for comparisons, from `"<gen>-<id>"`.
fn key(rev: &str) -> (u64, String) {
    let (generation, id) = rev.split_once('-').unwrap_or(("0", rev));
    (generation.parse().unwrap_or(0), id.to_owned())
}

#[derive(Clone, Debug, Default)]
struct Tree {
    nodes: BTreeMap<String, Node>,
}

impl Tree {
    fn leaves(&self) -> Vec<&str> {
        let parents: BTreeSet<&str> = self
            .nodes
            .values()
            .filter_map(|n| n.parent.as_deref())
            .collect();
        self.nodes
            .keys()
            .map(String::as_str)
            .filter(|r| !parents.contains(r))
            .collect()
    }

    /// CouchDB's winner: a live leaf before a deleted one, then (generation, id) highest.
    fn winner(&self) -> Option<&str> {
        self.leaves()
            .into_iter()
            .max_by_key(|r| (!self.nodes[*r].deleted, key(r)))
    }

    fn live_leaves(&self) -> Vec<&str> {
        self.leaves()
            .into_iter()
            .filter(|r| !self.nodes[*r].deleted)
            .collect()
    }

    /// The document as CouchDB returns it at `rev`.
    fn doc(&self, id: &str, rev: &str) -> Option<Value> {
        let node = self.nodes.get(rev)?;
        let mut map = Map::new();
        map.insert("_id".into(), json!(id));
        map.insert("_rev".into(), json!(rev));
        if node.deleted {
            map.insert("_deleted".into(), json!(true));
        } else if let Some(body) = &node.body {
            map.extend(body.clone());
        }
        Some(Value::Object(map))
    }
}

/// The fake server holding one database.
#[derive(Debug, Default)]
pub struct Couch {
    docs: BTreeMap<String, Tree>,
    /// The sequence of each document's last change.
    changed: BTreeMap<String, u64>,
    seq: u64,
    /// Ids the database refuses to write (as a `validate_doc_update` function would).
    pub forbidden: BTreeSet<String>,
    /// How many `_bulk_docs` documents were received, stored anew or not.
    pub received: usize,
}

pub const DB: &str = "/db/team";

fn seq_text(seq: u64) -> String {
    format!("{seq}-g1AAAAfake")
}

fn seq_of(text: &str) -> u64 {
    text.split_once('-')
        .and_then(|(n, _)| n.parse().ok())
        .unwrap_or(0)
}

/// Percent-decoding of a query value.
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).expect("the query decodes to UTF-8")
}

fn query(url: &str) -> (String, BTreeMap<String, String>) {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let params = query
        .split('&')
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_owned(), decode(v)))
        .collect();
    (path.to_owned(), params)
}

impl Couch {
    /// `POST`: only `<db>/_bulk_docs` is known.
    pub fn post(&mut self, url: &str, body: &str) -> String {
        assert_eq!(url, format!("{DB}/_bulk_docs"), "only _bulk_docs is posted");
        let body: Value = serde_json::from_str(body).expect("the batch is JSON");
        assert_eq!(
            body["new_edits"],
            json!(false),
            "Gloss writes as a replicator"
        );
        let docs = body["docs"].as_array().expect("docs").clone();
        let answer: Vec<Value> = docs.into_iter().filter_map(|d| self.put(d)).collect();
        Value::Array(answer).to_string()
    }

    /// One document with `new_edits: false`; the refusal, if any.
    fn put(&mut self, doc: Value) -> Option<Value> {
        self.received += 1;
        let Value::Object(mut map) = doc else {
            return Some(
                json!({"error": "bad_request", "reason": "Document must be a JSON object"}),
            );
        };
        let id = map
            .get("_id")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        let rev = map
            .get("_rev")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        let (generation, hash) = key(&rev);
        if id.is_empty() || generation == 0 || hash.is_empty() {
            return Some(json!({"id": id, "error": "bad_request", "reason": "Invalid rev format"}));
        }
        if self.forbidden.contains(&id) {
            return Some(json!({"id": id, "error": "forbidden", "reason": "not yours"}));
        }
        // The history, newest first: this revision, then its ancestors.
        let mut history = vec![rev.clone()];
        if let Some(revisions) = map.get("_revisions") {
            let start = revisions["start"].as_u64().unwrap_or(generation);
            let ids: Vec<&str> = revisions["ids"]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            assert_eq!(start, generation, "{id}: _revisions starts at _rev");
            assert_eq!(
                ids.first(),
                Some(&hash.as_str()),
                "{id}: _revisions names _rev"
            );
            history = ids
                .iter()
                .enumerate()
                .map(|(i, h)| format!("{}-{h}", start - i as u64))
                .collect();
        }
        let deleted = map.get("_deleted") == Some(&Value::Bool(true));
        map.retain(|k, _| !k.starts_with('_'));
        let tree = self.docs.entry(id.clone()).or_default();
        if tree.nodes.contains_key(&rev) {
            return None;
        }
        // Ancestors not yet known become stubs, oldest first.
        for (i, ancestor) in history.iter().enumerate().skip(1).rev() {
            let parent = history.get(i + 1).cloned();
            tree.nodes.entry(ancestor.clone()).or_insert(Node {
                parent,
                body: None,
                deleted: false,
            });
        }
        tree.nodes.insert(
            rev,
            Node {
                parent: history.get(1).cloned(),
                body: Some(map),
                deleted,
            },
        );
        self.seq += 1;
        self.changed.insert(id, self.seq);
        None
    }

    /// `GET`: the changes feed, or one document's `open_revs`.
    pub fn get(&self, url: &str) -> String {
        let (path, params) = query(url);
        if path == format!("{DB}/_changes") {
            for (k, v) in [
                ("style", "all_docs"),
                ("include_docs", "true"),
                ("conflicts", "true"),
            ] {
                assert_eq!(params.get(k).map(String::as_str), Some(v), "{url}");
            }
            let limit = params["limit"].parse().expect("a limit");
            let since = params.get("since").map_or(0, |s| seq_of(s));
            return self.changes(since, limit).to_string();
        }
        let id = decode(path.strip_prefix(&format!("{DB}/")).expect("a document"));
        let revs: Vec<String> =
            serde_json::from_str(&params["open_revs"]).expect("open_revs is a JSON list");
        let tree = self.docs.get(&id).cloned().unwrap_or_default();
        let answer: Vec<Value> = revs
            .iter()
            .map(|r| match tree.doc(&id, r) {
                Some(doc) if tree.nodes[r].body.is_some() || tree.nodes[r].deleted => {
                    json!({ "ok": doc })
                }
                _ => json!({ "missing": r }),
            })
            .collect();
        Value::Array(answer).to_string()
    }

    fn changes(&self, since: u64, limit: usize) -> Value {
        let mut rows: Vec<(u64, &String)> = self
            .changed
            .iter()
            .filter(|(_, seq)| **seq > since)
            .map(|(id, seq)| (*seq, id))
            .collect();
        rows.sort();
        let pending = rows.len().saturating_sub(limit);
        let page: Vec<Value> = rows
            .iter()
            .take(limit)
            .map(|(seq, id)| self.row(*seq, id))
            .collect();
        let last = rows[..rows.len().min(limit)]
            .last()
            .map_or(since, |(s, _)| *s);
        json!({ "results": page, "last_seq": seq_text(last), "pending": pending })
    }

    fn row(&self, seq: u64, id: &str) -> Value {
        let tree = &self.docs[id];
        let winner = tree.winner().expect("a stored document has a leaf");
        let mut doc = tree.doc(id, winner).expect("the winner is stored");
        let conflicts: Vec<&str> = tree
            .live_leaves()
            .into_iter()
            .filter(|r| *r != winner)
            .collect();
        let deleted = tree.nodes[winner].deleted;
        if !conflicts.is_empty() && !deleted {
            doc["_conflicts"] = json!(conflicts);
        }
        let mut changes = vec![json!({ "rev": winner })];
        changes.extend(
            tree.leaves()
                .into_iter()
                .filter(|r| *r != winner)
                .map(|r| json!({ "rev": r })),
        );
        let mut row = json!({ "seq": seq_text(seq), "id": id, "changes": changes, "doc": doc });
        if deleted {
            row["deleted"] = json!(true);
        }
        row
    }

    /// Database ids of live documents (their winner not deleted), with the winner's body.
    pub fn live(&self) -> BTreeMap<String, Value> {
        self.docs
            .iter()
            .filter_map(|(id, tree)| {
                let winner = tree.winner()?;
                if tree.nodes[winner].deleted {
                    return None;
                }
                Some((id.clone(), tree.doc(id, winner)?))
            })
            .collect()
    }

    /// How many live leaves a document has (more than one: a conflict).
    pub fn live_leaves(&self, id: &str) -> usize {
        self.docs.get(id).map_or(0, |t| t.live_leaves().len())
    }

    /// Every revision stored of a document (leaves and ancestors).
    pub fn revisions(&self, id: &str) -> usize {
        self.docs.get(id).map_or(0, |t| t.nodes.len())
    }

    /// Writes a document as another program would (a plain write on top of the winner).
    pub fn put_foreign(&mut self, id: &str, body: Value) {
        let parent = self.docs.get(id).and_then(|t| t.winner()).map(key);
        let generation = parent.as_ref().map_or(0, |p| p.0) + 1;
        let hash = format!("f{:031x}", self.seq + 1);
        let mut ids = vec![hash.clone()];
        ids.extend(parent.map(|p| p.1));
        let mut doc = body;
        doc["_id"] = json!(id);
        doc["_rev"] = json!(format!("{generation}-{hash}"));
        doc["_revisions"] = json!({ "start": generation, "ids": ids });
        assert!(self.put(doc).is_none(), "a foreign write is stored");
    }
}
