// --- solution ---
//! Reference solution of the length-prefix-codec exercise.
// --- stub ---
// //! Your turn: write the codec that `LengthDelimitedCodec` is, for frames
// //! made of a 4-byte big-endian length and then that many bytes, with a
// //! limit on the length.
// //!
// //! Layout: [`LengthPrefixCodec`] implements tokio_util's [`Decoder`] (bytes
// //! in, frames out) and [`Encoder`] (frames in, bytes out). `FramedRead`
// //! calls `decode` each time more bytes arrive in `src`, with everything
// //! received and not yet taken; `decode` either takes one whole frame off
// //! the front or returns `Ok(None)` to ask for more bytes.
// //!
// //! Run `cargo test -p length-prefix-codec` until every test passes.
// --- end ---

use std::io;

// --- solution ---
use tokio_util::bytes::{Buf, BufMut, Bytes, BytesMut};
// --- stub ---
// // `Buf` (for `advance`) and `BufMut` (for `put_u32`) are in the same module:
// // add them to this `use` when you need them.
// use tokio_util::bytes::{Bytes, BytesMut};
// --- end ---
use tokio_util::codec::{Decoder, Encoder};

/// Bytes in the length header: a big-endian `u32`.
pub const HEADER_BYTES: usize = 4;

/// Why a frame could not be decoded or encoded.
#[derive(Debug)]
pub enum FrameError {
    /// The frame is longer than the codec accepts. Decoding reports this as
    /// soon as the header is read, without waiting for the body.
    TooLong { length: usize, max: usize },
    /// The stream failed, or ended in the middle of a frame.
    Io(io::Error),
}

impl From<io::Error> for FrameError {
    fn from(e: io::Error) -> Self {
        FrameError::Io(e)
    }
}

/// Frames are a 4-byte big-endian length followed by that many bytes.
#[derive(Debug, Clone, Copy)]
pub struct LengthPrefixCodec {
    max_frame_bytes: usize,
}

impl LengthPrefixCodec {
    /// A codec that refuses frames longer than `max_frame_bytes`.
    pub fn new(max_frame_bytes: usize) -> Self {
        LengthPrefixCodec { max_frame_bytes }
    }
}

impl Decoder for LengthPrefixCodec {
    type Item = Bytes;
    type Error = FrameError;

    /// Returns the next frame's body and removes header and body from
    /// `src`; `Ok(None)` if `src` does not hold a whole frame yet (leave
    /// `src` as it is then); `Err(TooLong)` as soon as a header announces
    /// more than the limit.
    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<Bytes>, FrameError> {
        // --- solution ---
        let Some(header) = src.get(..HEADER_BYTES) else {
            return Ok(None);
        };
        let length = u32::from_be_bytes(header.try_into().expect("4 bytes")) as usize;
        // Check before waiting: otherwise a client announcing 4 GiB makes
        // us buffer until it has sent them.
        if length > self.max_frame_bytes {
            return Err(FrameError::TooLong {
                length,
                max: self.max_frame_bytes,
            });
        }
        if src.len() < HEADER_BYTES + length {
            // Room for the rest, so the next reads need not reallocate.
            src.reserve(HEADER_BYTES + length - src.len());
            return Ok(None);
        }
        src.advance(HEADER_BYTES);
        Ok(Some(src.split_to(length).freeze()))
        // --- stub ---
        // let _ = (src, self.max_frame_bytes);
        // todo!("decode one frame")
        // --- end ---
    }
}

impl Encoder<Bytes> for LengthPrefixCodec {
    type Error = FrameError;

    /// Appends the header and the body to `dst`; `Err(TooLong)` (and
    /// nothing appended) if the body is over the limit.
    fn encode(&mut self, body: Bytes, dst: &mut BytesMut) -> Result<(), FrameError> {
        // --- solution ---
        if body.len() > self.max_frame_bytes {
            return Err(FrameError::TooLong {
                length: body.len(),
                max: self.max_frame_bytes,
            });
        }
        dst.reserve(HEADER_BYTES + body.len());
        dst.put_u32(body.len() as u32);
        dst.extend_from_slice(&body);
        Ok(())
        // --- stub ---
        // let _ = (body, dst);
        // todo!("encode one frame")
        // --- end ---
    }
}
