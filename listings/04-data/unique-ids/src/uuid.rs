//! UUIDs as RFC 9562 lays them out: 128 bits, of which 4 name the version
//! and 2 the variant. Version 4 fills the other 122 with random bits;
//! version 7 puts 48 bits of Unix milliseconds first and fills the other 74
//! with random bits.

// ANCHOR: layout
/// A version 4 UUID from 16 random bytes: 122 of their bits survive.
pub fn v4(random: [u8; 16]) -> [u8; 16] {
    let mut id = random;
    id[6] = 0x40 | (id[6] & 0x0F); // version 4 in the high nibble
    id[8] = 0x80 | (id[8] & 0x3F); // variant: binary 10
    id
}

/// A version 7 UUID: milliseconds since 1970 in the first 6 bytes, big
/// end first, so that byte order is time order; then 74 random bits.
pub fn v7(unix_millis: u64, random: [u8; 10]) -> [u8; 16] {
    let mut id = [0u8; 16];
    id[..6].copy_from_slice(&unix_millis.to_be_bytes()[2..]);
    id[6] = 0x70 | (random[0] & 0x0F); // version 7
    id[7] = random[1];
    id[8] = 0x80 | (random[2] & 0x3F); // variant
    id[9..].copy_from_slice(&random[3..]);
    id
}
// ANCHOR_END: layout

/// The usual text form: 32 hex digits in groups of 8-4-4-4-12.
pub fn text(id: &[u8; 16]) -> String {
    let hex: String = id.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// The version number, from the high nibble of byte 6.
pub fn version(id: &[u8; 16]) -> u8 {
    id[6] >> 4
}

/// The milliseconds of a version 7 UUID.
pub fn v7_millis(id: &[u8; 16]) -> u64 {
    let mut be = [0u8; 8];
    be[2..].copy_from_slice(&id[..6]);
    u64::from_be_bytes(be)
}
