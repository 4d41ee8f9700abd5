//! The hash must never change: every client and every recorded output
//! depends on the exact values.

use consistent_hashing::hash::{fmix64, fnv1a64, stable_hash};

// Pins FNV-1a 64 to the published test vectors of the FNV reference.
#[test]
fn fnv1a64_matches_the_published_vectors() {
    assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
}

// Pins fmix64 to values that other MurmurHash3 ports agree on.
#[test]
fn fmix64_matches_murmur3() {
    assert_eq!(fmix64(0), 0);
    assert_eq!(fmix64(1), 0xb456_bcfc_34c2_cb2c);
    assert_eq!(fmix64(u64::MAX), 0x64b5_720b_4b82_5f21);
}

// Pins stable_hash itself, so any change to it (and to every placement) fails here.
#[test]
fn stable_hash_is_pinned() {
    assert_eq!(stable_hash(b""), 0xefd0_1f60_ba99_2926);
    assert_eq!(stable_hash(b"user:0"), 0x6eaf_3283_2a9c_1c70);
    assert_eq!(stable_hash(b"user:1"), 0x4ce5_3ee4_648c_ef41);
    assert_eq!(stable_hash(b"node-0#0"), 0xf489_257a_27d6_2d0a);
}

// Pins why the finalizer exists: raw FNV-1a puts keys that differ in their
// last byte within 2^48 of each other, 1/65536 of the ring apart.
#[test]
fn fnv1a64_alone_clusters_similar_keys_and_fmix64_spreads_them() {
    // Distance around the circle: the shorter of the two ways.
    let gap = |a: u64, b: u64| {
        let d = a.abs_diff(b);
        d.min(d.wrapping_neg())
    };
    let raw = gap(fnv1a64(b"user:1"), fnv1a64(b"user:2"));
    let mixed = gap(stable_hash(b"user:1"), stable_hash(b"user:2"));
    assert!(raw < 1 << 48, "raw gap {raw:#x}");
    assert!(mixed > 1 << 56, "mixed gap {mixed:#x}");
}
