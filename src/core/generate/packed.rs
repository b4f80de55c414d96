//! Lists of numbers kept end to end in one vector, with where each ends: a
//! deck of 100,000 entries would otherwise pay a vector's header and
//! allocation for each of its lists, most of them short or empty.

#[derive(Debug, Default)]
pub(super) struct Packed {
    items: Vec<u32>,
    /// `ends[n]` is where list `n` ends and list `n + 1` starts.
    ends: Vec<usize>,
}

impl Packed {
    /// List `list`, if there is one.
    pub(super) fn get(&self, list: usize) -> Option<&[u32]> {
        self.items.get(span(&self.ends, list)?)
    }

    /// Adds a list after the others.
    pub(super) fn push(&mut self, list: &[u32]) {
        self.items.extend_from_slice(list);
        self.ends.push(self.items.len());
    }

    /// Adds `other`'s lists after these, in their order.
    pub(super) fn append(&mut self, other: &Packed) {
        let offset = self.items.len();
        self.items.extend_from_slice(&other.items);
        self.ends.extend(other.ends.iter().map(|end| end + offset));
    }

    /// `lists` lists holding the items of `placed` (list, item): each list
    /// its items in the order met.
    pub(super) fn grouped(lists: usize, placed: &[(usize, u32)]) -> Packed {
        Packed::grouped_from(lists, || placed.iter().copied())
    }

    /// [`Packed::grouped`] of the items `placed` gives, each time alike: read
    /// twice (counted, then placed) rather than kept in a list of their own.
    pub(super) fn grouped_from<I: Iterator<Item = (usize, u32)>>(lists: usize, placed: impl Fn() -> I) -> Packed {
        let mut ends = vec![0usize; lists];
        for (list, _) in placed() {
            ends[list] += 1;
        }
        let mut total = 0;
        for end in &mut ends {
            total += *end;
            *end = total;
        }
        // Each list filled from its start.
        let mut next: Vec<usize> = std::iter::once(0).chain(ends.iter().copied()).take(lists).collect();
        let mut items = vec![0; total];
        for (list, item) in placed() {
            items[next[list]] = item;
            next[list] += 1;
        }
        Packed { items, ends }
    }

    /// Sorts each list.
    pub(super) fn sort_each(&mut self) {
        for list in 0..self.ends.len() {
            if let Some(span) = span(&self.ends, list) {
                self.items[span].sort_unstable();
            }
        }
    }
}

/// Where item `at` of things laid end to end lies, `ends[n]` being where
/// item `n` ends and item `n + 1` starts.
pub(super) fn span(ends: &[usize], at: usize) -> Option<std::ops::Range<usize>> {
    let end = *ends.get(at)?;
    Some(at.checked_sub(1).map_or(0, |previous| ends[previous])..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_keep_their_items_in_order() {
        let mut packed = Packed::grouped(4, &[(2, 7), (0, 3), (2, 1), (0, 9)]);
        assert_eq!(packed.get(0), Some(&[3, 9][..]));
        assert_eq!(packed.get(1), Some(&[][..]));
        assert_eq!(packed.get(2), Some(&[7, 1][..]));
        assert_eq!(packed.get(3), Some(&[][..]));
        assert_eq!(packed.get(4), None);
        packed.sort_each();
        assert_eq!(packed.get(2), Some(&[1, 7][..]));
        packed.push(&[5]);
        assert_eq!(packed.get(4), Some(&[5][..]));
        let mut joined = Packed::grouped(2, &[(1, 4)]);
        joined.append(&packed);
        let lists: Vec<&[u32]> = (0..joined.ends.len()).filter_map(|list| joined.get(list)).collect();
        assert_eq!(lists, [&[][..], &[4], &[3, 9], &[], &[1, 7], &[], &[5]]);
    }
}
