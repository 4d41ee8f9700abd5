//! CRC-32 (the IEEE 802.3 polynomial, as in zlib, PNG and Ethernet), table
//! driven: one table lookup per byte instead of eight shifts.

// ANCHOR: crc32
/// The 256 remainders of one byte, computed at compile time. `0xEDB8_8320`
/// is the polynomial 0x04C1_1DB7 with its bits reversed, because this CRC
/// feeds each byte in starting from its lowest bit.
const TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut byte = 0;
    while byte < 256 {
        let mut crc = byte as u32;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
            bit += 1;
        }
        table[byte] = crc;
        byte += 1;
    }
    table
};

/// Continues a CRC over more bytes: `update(crc32(a), b) == crc32(a ++ b)`.
pub fn update(crc: u32, bytes: &[u8]) -> u32 {
    let mut crc = !crc;
    for &byte in bytes {
        crc = TABLE[((crc ^ u32::from(byte)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

pub fn crc32(bytes: &[u8]) -> u32 {
    update(0, bytes)
}
// ANCHOR_END: crc32

#[cfg(test)]
mod tests {
    use super::*;

    // The standard check value of CRC-32/ISO-HDLC, the one zlib computes.
    #[test]
    fn check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    // Feeding the bytes in two pieces gives the same CRC as in one.
    #[test]
    fn update_continues() {
        assert_eq!(update(crc32(b"1234"), b"56789"), crc32(b"123456789"));
    }

    // Any single flipped bit changes the CRC.
    #[test]
    fn one_bit_flip_is_seen() {
        let data = b"put k1=hello".to_vec();
        let good = crc32(&data);
        for i in 0..data.len() * 8 {
            let mut bad = data.clone();
            bad[i / 8] ^= 1 << (i % 8);
            assert_ne!(crc32(&bad), good, "bit {i}");
        }
    }
}
