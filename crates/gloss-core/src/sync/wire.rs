//! The server's answers, read into types, and the addresses asked: the app's HTTP layer calls
//! these and nothing else interprets CouchDB's JSON.

use serde::Deserialize;
use serde_json::Value;

use super::rev::Rev;
use super::{Change, SyncError};

/// Where a database is: the server root (for `_session`) and the database's own address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    /// Ends with `/`: `<root>_session`.
    pub root: String,
    /// No trailing `/`: `<database>/_changes`.
    pub database: String,
}

impl Address {
    /// Reads a "Database URL": a path on this site (`/db/team`) or an absolute `http(s)` URL;
    /// its last segment is the database's name (lower case letter first, then lower case
    /// letters, digits and `_$()+-`, as CouchDB requires).
    pub fn parse(url: &str) -> Result<Address, SyncError> {
        let url = url.trim().trim_end_matches('/');
        let absolute = url.starts_with("http://") || url.starts_with("https://");
        if !(absolute || url.starts_with('/')) || url.contains(['?', '#', ' ']) {
            return Err(SyncError::BadUrl);
        }
        let Some((root, name)) = url.rsplit_once('/') else {
            return Err(SyncError::BadUrl);
        };
        let mut chars = name.chars();
        let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase());
        let rest_ok =
            chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+-".contains(c));
        // `https://host` alone names no database.
        let root_ok = !absolute
            || root
                .split_once("://")
                .is_some_and(|(_, host)| !host.is_empty());
        if !(first_ok && rest_ok && root_ok) {
            return Err(SyncError::BadUrl);
        }
        Ok(Address {
            root: format!("{root}/"),
            database: url.to_owned(),
        })
    }

    pub fn session(&self) -> String {
        format!("{}_session", self.root)
    }

    /// One page of the changes feed after `since`; `wait` asks the server to hold the request
    /// until a change comes (longpoll), at most that many milliseconds.
    pub fn changes(&self, since: Option<&Value>, limit: usize, wait: Option<u32>) -> String {
        let mut url = format!(
            "{}/_changes?style=all_docs&include_docs=true&conflicts=true&limit={limit}",
            self.database
        );
        if let Some(since) = since {
            let since = match since {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            url.push_str("&since=");
            url.push_str(&encode_component(&since));
        }
        if let Some(ms) = wait {
            url.push_str(&format!("&feed=longpoll&timeout={ms}"));
        }
        url
    }

    pub fn bulk_docs(&self) -> String {
        format!("{}/_bulk_docs", self.database)
    }

    /// The given leaf revisions of one document, as JSON.
    pub fn open_revs(&self, id: &str, revs: &[Rev]) -> String {
        let list: Vec<String> = revs.iter().map(Rev::to_string).collect();
        let list = serde_json::to_string(&list).unwrap_or_default();
        format!(
            "{}/{}?open_revs={}",
            self.database,
            encode_component(id),
            encode_component(&list)
        )
    }
}

/// Percent-encodes everything but unreserved characters.
pub fn encode_component(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A page of the changes feed.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub changes: Vec<Change>,
    /// Documents with conflicts, and their other leaf revisions: the app fetches their bodies
    /// ([`Address::open_revs`]) into each [`Change::conflicts`] before handing the page on.
    pub conflicted: Vec<(String, Vec<Rev>)>,
    pub last_seq: Value,
    /// How many changes the server still has after this page.
    pub pending: u64,
}

#[derive(Deserialize)]
struct RawPage {
    results: Vec<RawResult>,
    last_seq: Value,
    #[serde(default)]
    pending: u64,
}

#[derive(Deserialize)]
struct RawResult {
    id: String,
    changes: Vec<RawRev>,
    #[serde(default)]
    deleted: bool,
    #[serde(default)]
    doc: Option<Value>,
}

#[derive(Deserialize)]
struct RawRev {
    rev: String,
}

/// Reads a `_changes` answer.
pub fn changes(text: &str) -> Result<Page, SyncError> {
    let raw: RawPage =
        serde_json::from_str(text).map_err(|e| SyncError::Unreadable(e.to_string()))?;
    let mut page = Page {
        changes: Vec::new(),
        conflicted: Vec::new(),
        last_seq: raw.last_seq,
        pending: raw.pending,
    };
    for r in raw.results {
        // The winning revision: the document's own, else the first listed.
        let rev = r
            .doc
            .as_ref()
            .and_then(|d| d.get("_rev"))
            .and_then(Value::as_str)
            .and_then(Rev::parse)
            .or_else(|| r.changes.first().and_then(|c| Rev::parse(&c.rev)));
        let Some(rev) = rev else {
            continue;
        };
        let others: Vec<Rev> = r
            .doc
            .as_ref()
            .and_then(|d| d.get("_conflicts"))
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(Value::as_str)
                    .filter_map(Rev::parse)
                    .collect()
            })
            .unwrap_or_default();
        if !others.is_empty() {
            page.conflicted.push((r.id.clone(), others));
        }
        page.changes.push(Change {
            id: r.id,
            rev,
            deleted: r.deleted,
            doc: r.doc,
            conflicts: Vec::new(),
        });
    }
    Ok(page)
}

impl Page {
    /// Puts the fetched bodies of a document's other leaves in its change.
    pub fn with_conflicts(&mut self, id: &str, bodies: Vec<(Rev, Value)>) {
        if let Some(change) = self.changes.iter_mut().find(|c| c.id == id) {
            change.conflicts = bodies;
        }
    }
}

/// Reads an `open_revs` answer (`[{"ok": doc}, {"missing": rev}]`): the bodies found.
pub fn open_revs(text: &str) -> Result<Vec<(Rev, Value)>, SyncError> {
    let list: Vec<Value> =
        serde_json::from_str(text).map_err(|e| SyncError::Unreadable(e.to_string()))?;
    Ok(list
        .into_iter()
        .filter_map(|entry| entry.get("ok").cloned())
        .filter(|doc| doc.get("_deleted") != Some(&Value::Bool(true)))
        .filter_map(|doc| {
            let rev = doc
                .get("_rev")
                .and_then(Value::as_str)
                .and_then(Rev::parse)?;
            Some((rev, doc))
        })
        .collect())
}

/// A document the server refused in a `_bulk_docs` answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub id: String,
    pub error: String,
    pub reason: String,
}

/// Reads a `_bulk_docs` answer: the documents refused (with `new_edits: false` the server
/// lists only those).
pub fn bulk_docs(text: &str) -> Result<Vec<Refused>, SyncError> {
    let list: Vec<Value> =
        serde_json::from_str(text).map_err(|e| SyncError::Unreadable(e.to_string()))?;
    let field = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    Ok(list
        .iter()
        .filter_map(|v| {
            Some(Refused {
                id: field(v, "id").unwrap_or_default(),
                error: field(v, "error")?,
                reason: field(v, "reason").unwrap_or_default(),
            })
        })
        .collect())
}

/// What an answer that is not a success means. `signing_in`: a 401 at sign-in is a wrong
/// password; later it means the session ended.
pub fn failure(status: u16, body: &str, signing_in: bool) -> SyncError {
    let reason = serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|v| {
            v.get("reason")
                .and_then(Value::as_str)
                .or_else(|| v.get("error").and_then(Value::as_str))
                .map(str::to_owned)
        })
        .unwrap_or_else(|| body.chars().take(200).collect());
    // Set in a sentence of Gloss's own: its full stop is Gloss's.
    let reason = reason.trim().trim_end_matches('.').to_owned();
    match status {
        401 if signing_in => SyncError::WrongPassword,
        401 => SyncError::SignedOut,
        403 => SyncError::Forbidden(reason),
        404 => SyncError::NoDatabase,
        _ => SyncError::Server { status, reason },
    }
}

/// Whether an answer means the database cannot be reached rather than that it refused: a
/// gateway's 502–504, or any server error that is not CouchDB's JSON (a proxy's error page).
/// Sync waits and tries again, as when offline.
pub fn unreachable(status: u16, body: &str) -> bool {
    let couch_json = serde_json::from_str::<Value>(body).is_ok_and(|v| v.is_object());
    (502..=504).contains(&status) || ((500..=599).contains(&status) && !couch_json)
}

/// Who `GET _session` says is signed in (`None`: nobody, or an answer that is not CouchDB's).
pub fn signed_in_as(text: &str) -> Option<String> {
    let value: Value = serde_json::from_str(text).ok()?;
    value
        .get("userCtx")?
        .get("name")?
        .as_str()
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
}

/// What a 401 from the database means once `GET _session` has answered `session`: signed in,
/// but not a member (CouchDB says 403 for that; some servers 401); or signed out.
pub fn unauthorized(session: Option<&str>) -> SyncError {
    match session.and_then(signed_in_as) {
        Some(name) => SyncError::NotMember(name),
        None => SyncError::SignedOut,
    }
}

/// The refusal a `_bulk_docs` answer holds, as an error for the person.
pub fn refusal(refused: &[Refused]) -> Option<SyncError> {
    let first = refused.first()?;
    let reason = first.reason.trim().trim_end_matches('.').to_owned();
    Some(match first.error.as_str() {
        "forbidden" | "unauthorized" => SyncError::Forbidden(reason),
        _ => SyncError::Server {
            status: 200,
            reason: format!("{}: {reason}", first.error),
        },
    })
}

/// The body of `POST _session`.
pub fn session_form(name: &str, password: &str) -> String {
    format!(
        "name={}&password={}",
        encode_component(name),
        encode_component(password)
    )
}
