//! Seeded randomness whose output stays the same across releases: `ChaCha8`
//! streams, with the shuffling and sampling written here rather than borrowed
//! from `rand`'s helpers, whose algorithms may change between versions.

use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A generator for one purpose (one card's question, one exam paper), derived
/// from a seed and a name, so that each card's question does not depend on
/// which other cards were generated first.
#[must_use]
pub fn rng_for(seed: u64, name: &str) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed ^ fnv1a(name.as_bytes()))
}

/// FNV-1a, 64 bits: a fixed, documented hash (std's hasher may change).
#[must_use]
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// A number in `0..bound` (bound > 0), by multiply-shift: bias below 2^-32 for
/// any bound this program uses.
pub fn below(rng: &mut impl RngCore, bound: usize) -> usize {
    let product = u128::from(rng.next_u64()) * bound as u128;
    usize::try_from(product >> 64).unwrap_or(0)
}

/// Fisher–Yates shuffle.
pub fn shuffle<T>(rng: &mut impl RngCore, items: &mut [T]) {
    for last in (1..items.len()).rev() {
        let other = below(rng, last + 1);
        items.swap(last, other);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_and_name_same_stream() {
        let mut a = rng_for(7, "deck/item/kind");
        let mut b = rng_for(7, "deck/item/kind");
        assert_eq!(a.next_u64(), b.next_u64());
        let mut c = rng_for(8, "deck/item/kind");
        assert_ne!(rng_for(7, "deck/item/kind").next_u64(), c.next_u64());
    }

    #[test]
    fn stream_is_stable_across_releases() {
        // Pinned output: if a dependency upgrade changes it, seeds stop giving
        // the same questions, and this test says so.
        let mut items: Vec<u32> = (0..8).collect();
        shuffle(&mut rng_for(0, "pinned"), &mut items);
        assert_eq!(items, PINNED_SHUFFLE);
    }

    const PINNED_SHUFFLE: [u32; 8] = [0, 4, 1, 3, 5, 6, 7, 2];

    #[test]
    fn below_stays_in_range() {
        let mut rng = rng_for(1, "x");
        for bound in 1..50 {
            assert!(below(&mut rng, bound) < bound);
        }
    }

    #[test]
    fn shuffle_is_a_permutation() {
        let mut items: Vec<u32> = (0..100).collect();
        shuffle(&mut rng_for(3, "p"), &mut items);
        let mut sorted = items.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..100).collect::<Vec<_>>());
        assert_ne!(items, sorted);
    }
}
