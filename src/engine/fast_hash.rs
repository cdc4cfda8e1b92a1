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
}

/// A 128-bit digest of a sequence of strings (two FxHash passes, mixed differently), for maps
/// that look keys up by digest instead of storing the strings. Callers that must not confuse
/// two keys check the stored object against the key.
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
