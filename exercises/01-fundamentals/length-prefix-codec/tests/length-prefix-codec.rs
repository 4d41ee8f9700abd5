//! Tests for the length-prefix-codec exercise: `decode` fed byte slices
//! directly, and the codec driven by tokio_util's `FramedRead` and
//! `FramedWrite` over an in-memory pipe.

use futures::{SinkExt, StreamExt};
use length_prefix_codec::{FrameError, LengthPrefixCodec};
use tokio_util::bytes::{Bytes, BytesMut};
use tokio_util::codec::{Decoder, Encoder, FramedRead, FramedWrite};

fn frame(body: &[u8]) -> Vec<u8> {
    let mut bytes = (body.len() as u32).to_be_bytes().to_vec();
    bytes.extend_from_slice(body);
    bytes
}

// Pins the basic case: one whole frame decodes and leaves nothing behind.
#[test]
fn decodes_one_whole_frame() {
    let mut codec = LengthPrefixCodec::new(1024);
    let mut src = BytesMut::from(&frame(b"hello")[..]);
    assert_eq!(codec.decode(&mut src).unwrap(), Some(Bytes::from("hello")));
    assert!(src.is_empty());
}

// Pins waiting: a header cut short is not a frame, and is not consumed.
#[test]
fn waits_for_the_whole_header() {
    let mut codec = LengthPrefixCodec::new(1024);
    let mut src = BytesMut::from(&[0u8, 0, 0][..]);
    assert_eq!(codec.decode(&mut src).unwrap(), None);
    assert_eq!(&src[..], &[0, 0, 0]);
}

// Pins waiting: a body cut short is not a frame; the rest completes it.
#[test]
fn waits_for_the_whole_body() {
    let mut codec = LengthPrefixCodec::new(1024);
    let whole = frame(b"hello");
    let mut src = BytesMut::from(&whole[..6]);
    assert_eq!(codec.decode(&mut src).unwrap(), None);
    src.extend_from_slice(&whole[6..]);
    assert_eq!(codec.decode(&mut src).unwrap(), Some(Bytes::from("hello")));
}

// Pins splitting: two frames in one buffer come out one call at a time,
// and bytes of a third frame stay for later.
#[test]
fn takes_one_frame_at_a_time() {
    let mut codec = LengthPrefixCodec::new(1024);
    let mut bytes = frame(b"one");
    bytes.extend(frame(b"two"));
    bytes.extend(&frame(b"three")[..5]);
    let mut src = BytesMut::from(&bytes[..]);
    assert_eq!(codec.decode(&mut src).unwrap(), Some(Bytes::from("one")));
    assert_eq!(codec.decode(&mut src).unwrap(), Some(Bytes::from("two")));
    assert_eq!(codec.decode(&mut src).unwrap(), None);
    assert_eq!(src.len(), 5);
}

// Pins the edge: a zero-length frame is a frame, with an empty body.
#[test]
fn an_empty_frame_is_a_frame() {
    let mut codec = LengthPrefixCodec::new(1024);
    let mut src = BytesMut::from(&frame(b"")[..]);
    assert_eq!(codec.decode(&mut src).unwrap(), Some(Bytes::new()));
}

// Pins the limit: exactly the limit is fine, one more is refused, and the
// refusal comes from the header alone, before any body byte arrives.
#[test]
fn refuses_a_frame_over_the_limit_from_its_header() {
    let mut codec = LengthPrefixCodec::new(8);
    let mut src = BytesMut::from(&frame(b"12345678")[..]);
    assert_eq!(
        codec.decode(&mut src).unwrap(),
        Some(Bytes::from("12345678"))
    );
    let mut src = BytesMut::from(&9u32.to_be_bytes()[..]);
    match codec.decode(&mut src) {
        Err(FrameError::TooLong { length: 9, max: 8 }) => {}
        other => panic!("expected TooLong {{ length: 9, max: 8 }}, got {other:?}"),
    }
}

// Pins hostile input: a header announcing u32::MAX bytes is refused.
#[test]
fn refuses_a_four_gigabyte_header() {
    let mut codec = LengthPrefixCodec::new(1024);
    let mut src = BytesMut::from(&u32::MAX.to_be_bytes()[..]);
    assert!(matches!(
        codec.decode(&mut src),
        Err(FrameError::TooLong { .. })
    ));
}

// Pins encoding: a big-endian length, then the body.
#[test]
fn encodes_header_then_body() {
    let mut codec = LengthPrefixCodec::new(1024);
    let mut dst = BytesMut::new();
    codec.encode(Bytes::from("hi"), &mut dst).unwrap();
    assert_eq!(&dst[..], &[0, 0, 0, 2, b'h', b'i']);
}

// Pins the encoder's limit: an over-long body is refused and nothing written.
#[test]
fn refuses_to_encode_a_body_over_the_limit() {
    let mut codec = LengthPrefixCodec::new(1);
    let mut dst = BytesMut::new();
    assert!(matches!(
        codec.encode(Bytes::from("hi"), &mut dst),
        Err(FrameError::TooLong { length: 2, max: 1 })
    ));
    assert!(dst.is_empty());
}

// Pins the codec in use: frames sent through FramedWrite over a pipe that
// holds only 3 bytes at a time (so every frame is split) come out whole.
#[tokio::test]
async fn frames_survive_a_pipe_that_splits_them() {
    let (writer, reader) = tokio::io::duplex(3);
    let bodies = ["first", "", "a longer third frame"];
    let send = async move {
        let mut sink = FramedWrite::new(writer, LengthPrefixCodec::new(1024));
        for body in bodies {
            sink.send(Bytes::from(body)).await.unwrap();
        }
    };
    let receive = async {
        let frames: Vec<_> = FramedRead::new(reader, LengthPrefixCodec::new(1024))
            .map(|frame| frame.unwrap())
            .collect()
            .await;
        frames
    };
    let ((), frames) = tokio::join!(send, receive);
    assert_eq!(frames, bodies.map(Bytes::from));
}

// Pins a stream that ends mid-frame: an error, not a silent short frame.
#[tokio::test]
async fn a_stream_that_ends_mid_frame_is_an_error() {
    let mut bytes = frame(b"complete");
    bytes.extend(&frame(b"cut short")[..6]);
    let mut frames = FramedRead::new(&bytes[..], LengthPrefixCodec::new(1024));
    assert_eq!(
        frames.next().await.unwrap().unwrap(),
        Bytes::from("complete")
    );
    assert!(matches!(frames.next().await, Some(Err(FrameError::Io(_)))));
}
