//! SIZE STUDY EXPERIMENT (not for merging as is): one non-generic stable merge sort over
//! indices, shared by every call site, instead of one std driftsort instantiation per site.
use std::cmp::Ordering;

#[inline(never)]
pub fn sorted_indices(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut a: Vec<usize> = (0..n).collect();
    let mut b = a.clone();
    let mut width = 1;
    while width < n {
        let mut i = 0;
        while i < n {
            let mid = (i + width).min(n);
            let end = (i + 2 * width).min(n);
            let (mut l, mut r) = (i, mid);
            for slot in b.iter_mut().take(end).skip(i) {
                if l < mid && (r >= end || cmp(a[l], a[r]) != Ordering::Greater) {
                    *slot = a[l];
                    l += 1;
                } else {
                    *slot = a[r];
                    r += 1;
                }
            }
            i = end;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

fn apply<T>(v: &mut [T], mut perm: Vec<usize>) {
    for start in 0..v.len() {
        if perm[start] == usize::MAX {
            continue;
        }
        let mut cur = start;
        loop {
            let next = perm[cur];
            perm[cur] = usize::MAX;
            if next == start {
                break;
            }
            v.swap(cur, next);
            cur = next;
        }
    }
}

pub trait SmallSort<T> {
    fn small_sort_by<F: FnMut(&T, &T) -> Ordering>(&mut self, f: F);
    fn small_sort_by_key<K: Ord, F: FnMut(&T) -> K>(&mut self, f: F);
    fn small_sort_by_cached_key<K: Ord, F: FnMut(&T) -> K>(&mut self, f: F);
    fn small_sort(&mut self)
    where
        T: Ord;
}

impl<T> SmallSort<T> for [T] {
    fn small_sort_by<F: FnMut(&T, &T) -> Ordering>(&mut self, mut f: F) {
        let perm = sorted_indices(self.len(), &mut |i, j| f(&self[i], &self[j]));
        apply(self, perm);
    }
    fn small_sort_by_key<K: Ord, F: FnMut(&T) -> K>(&mut self, mut f: F) {
        self.small_sort_by(|a, b| f(a).cmp(&f(b)));
    }
    fn small_sort_by_cached_key<K: Ord, F: FnMut(&T) -> K>(&mut self, f: F) {
        let keys: Vec<K> = self.iter().map(f).collect();
        let perm = sorted_indices(keys.len(), &mut |i, j| keys[i].cmp(&keys[j]));
        apply(self, perm);
    }
    fn small_sort(&mut self)
    where
        T: Ord,
    {
        self.small_sort_by(|a, b| a.cmp(b));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn sorts_stably() {
        let mut v: Vec<(u8, usize)> = (0..200).map(|i| (((i * 7919) % 13) as u8, i)).collect();
        let mut w = v.clone();
        v.small_sort_by_key(|p| p.0);
        w.sort_by_key(|p| p.0);
        assert_eq!(v, w);
    }
}
