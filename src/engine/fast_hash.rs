//! A fast, seedless hasher (rustc's FxHash) for in-memory indexes that are only looked up, never iterated.

use std::hash::{BuildHasherDefault, Hasher};

/// `HashMap<K, V, FastHash>`: SipHash's collision resistance is not needed for keys the engine
/// makes itself, and the same inputs hash alike on every run (iteration order must still never
/// be relied on).
pub type FastHash = BuildHasherDefault<FxHasher>;

/// Mirrors rustc-hash's FxHasher: rotate, xor, multiply per 8-byte word.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // hashbrown takes the top bits for its control bytes and the low bits for the bucket.
        self.hash.rotate_left(26)
    }
}

/// A 128-bit digest of a sequence of strings for maps that look keys up by digest instead of
/// storing the strings (the store's tables, the event correlator's caches): two lanes of the
/// folded multiply (foldhash's and wyhash's mixing step, a 64x64->128-bit product with its
/// halves xored), so every input bit reaches every output bit. Each part ends with a word that
/// holds its length, so ("ab", "c") and ("a", "bc") differ. Callers that must not confuse two
/// keys still check the stored object against the key.
pub fn lookup_digest<'a>(parts: impl IntoIterator<Item = &'a str>) -> (u64, u64) {
    const K1: u64 = 0x243f_6a88_85a3_08d3;
    const K2: u64 = 0x9e37_79b9_7f4a_7c15;
    fn folded_multiply(a: u64, b: u64) -> u64 {
        let product = u128::from(a) * u128::from(b);
        (product as u64) ^ ((product >> 64) as u64)
    }
    let (mut a, mut b) = (0x4528_21e6_38d0_1377u64, 0xbe54_66cf_34e9_0c6cu64);
    let mut add = |word: u64| {
        a = folded_multiply(a ^ word, K1);
        b = folded_multiply(b ^ word, K2);
    };
    for part in parts {
        let bytes = part.as_bytes();
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            add(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        }
        let mut last = [0u8; 8];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        add(u64::from_le_bytes(last) ^ ((bytes.len() as u64) << 56));
    }
    (a, b)
}

/// A 128-bit value derived from a sequence of strings (two FxHash passes, mixed differently),
/// for what must come out the same on every run: generated UIDs, tokens, seeds of simulated
/// output. Not for lookups: FxHash's per-word step keeps differences in a word's high bits out
/// of the low ones, so near-identical names collide (264 pairs among 298,402 generated
/// pod names did); maps keyed by a digest use `lookup_digest`.
pub fn digest<'a>(parts: impl IntoIterator<Item = &'a str>) -> (u64, u64) {
    let (mut a, mut b) = (FxHasher::default(), FxHasher::default());
    b.write_u64(0x9e37_79b9_7f4a_7c15);
    for part in parts {
        a.write(part.as_bytes());
        a.write_u8(1);
        b.write_u8(1);
        b.write(part.as_bytes());
    }
    (a.finish(), b.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    fn hash<T: Hash>(value: T) -> u64 {
        FastHash::default().hash_one(value)
    }

    #[test]
    fn same_input_same_hash_and_lengths_differ() {
        assert_eq!(hash(("default", "web-1")), hash(("default", "web-1")));
        assert_ne!(hash(("default", "web-1")), hash(("default", "web-2")));
        assert_ne!(hash("a\0"), hash("a"));
    }

    /// Two ReplicaSets' worth of generated pod names (`web-<hash>-<5 characters>`, as the
    /// ReplicaSet controller makes them): no two share a lookup digest. FxHash's `digest`
    /// gives 264 pairs for these names, and one pair sent every missed lookup of the store to its B-tree.
    #[test]
    fn generated_pod_names_do_not_collide() {
        let mut rng = crate::engine::rng::Rng::new(1);
        let mut names = std::collections::HashSet::new();
        for prefix in ["web-7d9f8c6b5-", "web-5c7b9d8f4-"] {
            for _ in 0..150_000 {
                names.insert(format!("{prefix}{}", rng.name_suffix(5)));
            }
        }
        let digests: std::collections::HashSet<(u64, u64)> = names.iter().map(|name| lookup_digest(["default", name.as_str()])).collect();
        assert_eq!(digests.len(), names.len());
        let low: std::collections::HashSet<u64> = names.iter().map(|name| lookup_digest(["default", name.as_str()]).0).collect();
        assert_eq!(low.len(), names.len(), "each lane alone is collision-free here too");
    }

    #[test]
    fn lookup_digest_separates_parts_and_lengths() {
        assert_ne!(lookup_digest(["ab", "c"]), lookup_digest(["a", "bc"]));
        assert_ne!(lookup_digest(["a"]), lookup_digest(["a\0"]));
        assert_ne!(lookup_digest(["", "a"]), lookup_digest(["a", ""]));
        assert_ne!(lookup_digest(["12345678"]), lookup_digest(["12345678", ""]));
        assert_eq!(lookup_digest(["default", "web"]), lookup_digest(["default", "web"]));
    }
}
