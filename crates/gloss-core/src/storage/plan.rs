//! Which writes to start, and on which base revision. Pure, so the rules are tested natively;
//! the app's persistence effect keeps one [`WritePlan`] and carries out what it returns.
//!
//! A write of revision `r` says "storage holds `base`; put `r` there", and carries only the
//! changes from `base` (see [`super::changes`]). Storage refuses it when it holds something
//! newer (another tab wrote meanwhile). So that the changes always start from what storage
//! confirmed, a document has at most one write under way: the next starts once the one before
//! is answered (a burst of changes meanwhile becomes that one next write).

use std::collections::{BTreeMap, BTreeSet};

use crate::model::DocumentId;

/// One write to start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlannedWrite {
    pub id: DocumentId,
    pub revision: u64,
    /// The revision storage is expected to hold; `None` for a document it has never had.
    pub base: Option<u64>,
}

/// What this tab has started and not yet heard back about.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WritePlan {
    /// The revision of each document whose write is under way (one a document).
    started: BTreeMap<DocumentId, u64>,
    /// Deletions sent and not yet confirmed (each is sent once).
    deleting: BTreeSet<DocumentId>,
}

impl WritePlan {
    /// The writes to start for `pending` (documents and the revision to store), given what
    /// storage has confirmed (`saved`): one for each document with no write under way, based
    /// on what storage confirmed. A document with a write under way waits for its answer.
    pub fn writes(
        &mut self,
        pending: &[(DocumentId, u64)],
        saved: &BTreeMap<DocumentId, u64>,
    ) -> Vec<PlannedWrite> {
        let mut out = Vec::new();
        for &(id, revision) in pending {
            if self.started.contains_key(&id) {
                continue;
            }
            let base = saved.get(&id).copied();
            self.started.insert(id, revision);
            out.push(PlannedWrite { id, revision, base });
        }
        out
    }

    /// Whether a write of this document is under way.
    pub fn writing(&self, id: DocumentId) -> bool {
        self.started.contains_key(&id)
    }

    /// A write was answered (stored, refused or failed): the document's next write may start,
    /// based on what storage then confirmed.
    pub fn write_answered(&mut self, id: DocumentId) {
        self.started.remove(&id);
    }

    /// The deletions to send for `removing`; each is sent once until it is answered.
    pub fn deletions(&mut self, removing: &BTreeSet<DocumentId>) -> Vec<DocumentId> {
        removing
            .iter()
            .copied()
            .filter(|id| self.deleting.insert(*id))
            .collect()
    }

    /// A deletion was answered (done or failed): a later one may be sent, and a document
    /// brought back starts from nothing.
    pub fn deletion_answered(&mut self, id: DocumentId) {
        self.deleting.remove(&id);
        self.started.remove(&id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn id(n: u128) -> DocumentId {
        DocumentId(Uuid::from_u128(n))
    }

    fn saved(pairs: &[(u128, u64)]) -> BTreeMap<DocumentId, u64> {
        pairs.iter().map(|&(n, r)| (id(n), r)).collect()
    }

    fn write(n: u128, revision: u64, base: Option<u64>) -> PlannedWrite {
        PlannedWrite {
            id: id(n),
            revision,
            base,
        }
    }

    #[test]
    fn write_table() {
        // (name, steps: (pending, saved) in order, the last step's expected writes)
        type Step = (Vec<(u128, u64)>, Vec<(u128, u64)>);
        let cases: Vec<(&str, Vec<Step>, Vec<PlannedWrite>)> = vec![
            (
                "a new document is created",
                vec![(vec![(1, 0)], vec![])],
                vec![write(1, 0, None)],
            ),
            (
                "a stored document is based on what storage confirmed",
                vec![(vec![(1, 4)], vec![(1, 3)])],
                vec![write(1, 4, Some(3))],
            ),
            (
                "the same revision is not started twice",
                vec![(vec![(1, 4)], vec![(1, 3)]), (vec![(1, 4)], vec![(1, 3)])],
                vec![],
            ),
            (
                "a newer revision waits while an earlier write is under way",
                vec![(vec![(1, 4)], vec![(1, 3)]), (vec![(1, 5)], vec![(1, 3)])],
                vec![],
            ),
            (
                "another document does not wait",
                vec![
                    (vec![(1, 4)], vec![(1, 3)]),
                    (vec![(1, 5), (2, 1)], vec![(1, 3)]),
                ],
                vec![write(2, 1, None)],
            ),
            (
                "two documents, each on its own base",
                vec![(vec![(1, 1), (2, 7)], vec![(2, 6)])],
                vec![write(1, 1, None), write(2, 7, Some(6))],
            ),
        ];
        for (name, steps, want) in cases {
            let mut plan = WritePlan::default();
            let mut got = Vec::new();
            for (pending, confirmed) in steps {
                let pending: Vec<_> = pending.iter().map(|&(n, r)| (id(n), r)).collect();
                got = plan.writes(&pending, &saved(&confirmed));
            }
            assert_eq!(got, want, "case {name}");
        }
    }

    #[test]
    fn a_failed_write_is_planned_again_on_the_confirmed_base() {
        let mut plan = WritePlan::default();
        let pending = [(id(1), 4)];
        assert_eq!(plan.writes(&pending, &saved(&[(1, 3)])).len(), 1);
        assert!(plan.writing(id(1)));
        assert_eq!(
            plan.writes(&pending, &saved(&[(1, 3)])),
            vec![],
            "under way"
        );
        plan.write_answered(id(1));
        assert_eq!(
            plan.writes(&pending, &saved(&[(1, 3)])),
            vec![write(1, 4, Some(3))]
        );
    }

    #[test]
    fn the_next_write_starts_once_the_one_before_is_stored_on_its_revision() {
        let mut plan = WritePlan::default();
        assert_eq!(
            plan.writes(&[(id(1), 4)], &saved(&[(1, 3)])),
            vec![write(1, 4, Some(3))]
        );
        assert_eq!(plan.writes(&[(id(1), 6)], &saved(&[(1, 3)])), vec![]);
        plan.write_answered(id(1));
        assert_eq!(
            plan.writes(&[(id(1), 6)], &saved(&[(1, 4)])),
            vec![write(1, 6, Some(4))]
        );
    }

    #[test]
    fn deletions_are_sent_once_until_answered() {
        let mut plan = WritePlan::default();
        let removing: BTreeSet<_> = [id(1), id(2)].into_iter().collect();
        assert_eq!(plan.deletions(&removing), vec![id(1), id(2)]);
        assert_eq!(plan.deletions(&removing), vec![]);
        plan.deletion_answered(id(1));
        assert_eq!(plan.deletions(&removing), vec![id(1)]);
    }
}
