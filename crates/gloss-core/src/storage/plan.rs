//! Which writes to start, and on which base revision. Pure, so the rules are tested natively;
//! the app's persistence effect keeps one [`WritePlan`] and carries out what it returns.
//!
//! A write of revision `r` says "storage holds `base`; put `r` there". Storage refuses it when
//! it holds something else (another tab wrote meanwhile), so the base must be exactly what
//! storage will hold when this write runs: what it confirmed, or, while an earlier write of
//! this tab is still under way (read-write transactions run in order), that write's revision.

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
    /// The newest revision of each document this tab has started writing.
    started: BTreeMap<DocumentId, u64>,
    /// Deletions sent and not yet confirmed (each is sent once).
    deleting: BTreeSet<DocumentId>,
}

impl WritePlan {
    /// The writes to start for `pending` (documents and the revision to store), given what
    /// storage has confirmed (`saved`). A revision already started is not started again.
    pub fn writes(
        &mut self,
        pending: &[(DocumentId, u64)],
        saved: &BTreeMap<DocumentId, u64>,
    ) -> Vec<PlannedWrite> {
        let mut out = Vec::new();
        for &(id, revision) in pending {
            let started = self.started.get(&id).copied();
            if started == Some(revision) {
                continue;
            }
            // A "started" revision above this one belongs to a document deleted and brought
            // back: only storage's answer counts then.
            let confirmed = saved.get(&id).copied();
            let base = match started {
                Some(r) if r < revision => confirmed.max(Some(r)),
                _ => confirmed,
            };
            self.started.insert(id, revision);
            out.push(PlannedWrite { id, revision, base });
        }
        out
    }

    /// A write failed: forget it, so the retry bases itself on what storage confirmed.
    pub fn write_failed(&mut self, id: DocumentId) {
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
                "a write while an earlier one is under way is based on that one",
                vec![(vec![(1, 4)], vec![(1, 3)]), (vec![(1, 5)], vec![(1, 3)])],
                vec![write(1, 5, Some(4))],
            ),
            (
                "storage confirmed past the started revision: its answer is the base",
                vec![(vec![(1, 4)], vec![(1, 3)]), (vec![(1, 6)], vec![(1, 5)])],
                vec![write(1, 6, Some(5))],
            ),
            (
                "a document brought back at a lower revision starts from storage's answer",
                vec![(vec![(1, 9)], vec![]), (vec![(1, 2)], vec![])],
                vec![write(1, 2, None)],
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
        assert_eq!(
            plan.writes(&pending, &saved(&[(1, 3)])),
            vec![],
            "under way"
        );
        plan.write_failed(id(1));
        assert_eq!(
            plan.writes(&pending, &saved(&[(1, 3)])),
            vec![write(1, 4, Some(3))]
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
