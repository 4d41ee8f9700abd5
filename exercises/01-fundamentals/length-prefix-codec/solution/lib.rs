//! Reference solution of the length-prefix-codec exercise.

use std::io;

use tokio_util::bytes::{Buf, BufMut, Bytes, BytesMut};
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

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<Bytes>, FrameError> {
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
    }
}

impl Encoder<Bytes> for LengthPrefixCodec {
    type Error = FrameError;

    fn encode(&mut self, body: Bytes, dst: &mut BytesMut) -> Result<(), FrameError> {
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
    }
}
