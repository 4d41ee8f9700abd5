use write_behind::{Batch, Full, WriteBuffer};

fn batch(entries: &[(&str, &str)]) -> Batch {
    Batch {
        entries: entries
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    }
}

/// Many writes to a few keys leave one pending value per key, the newest,
/// and a batch takes them in key order, not in the order they came.
#[test]
fn writes_coalesce_to_the_newest_value() {
    let mut buffer = WriteBuffer::new(10);
    for i in 0..1000 {
        buffer
            .write(&format!("k{}", 2 - i % 3), &i.to_string())
            .unwrap();
    }
    assert_eq!(buffer.pending(), 3);
    let taken = buffer.take_batch().unwrap();
    assert_eq!(taken, batch(&[("k0", "998"), ("k1", "997"), ("k2", "999")]));
    assert_eq!(buffer.pending(), 0);
}

/// A new key beyond the capacity is refused; a key already pending is not.
#[test]
fn a_full_buffer_refuses_new_keys_only() {
    let mut buffer = WriteBuffer::new(2);
    buffer.write("a", "1").unwrap();
    buffer.write("b", "1").unwrap();
    assert_eq!(buffer.write("c", "1"), Err(Full));
    assert_eq!(buffer.write("a", "2"), Ok(()));
    assert_eq!(buffer.pending(), 2);
    assert_eq!(buffer.capacity(), 2);
}

/// Taking a batch frees room for new writes while the flush runs.
#[test]
fn a_batch_out_frees_room() {
    let mut buffer = WriteBuffer::new(1);
    buffer.write("a", "1").unwrap();
    let _out = buffer.take_batch().unwrap();
    assert_eq!(buffer.write("b", "1"), Ok(()));
}

/// One flush at a time, and no empty batches.
#[test]
fn one_batch_at_a_time() {
    let mut buffer = WriteBuffer::new(10);
    assert_eq!(buffer.take_batch(), None, "nothing pending");
    buffer.write("a", "1").unwrap();
    let first = buffer.take_batch().unwrap();
    buffer.write("b", "1").unwrap();
    assert_eq!(buffer.take_batch(), None, "a batch is out");
    buffer.ack(first);
    assert_eq!(buffer.take_batch(), Some(batch(&[("b", "1")])));
}

/// An acknowledged batch leaves the writes made during its flush pending.
#[test]
fn ack_keeps_writes_made_during_the_flush() {
    let mut buffer = WriteBuffer::new(10);
    buffer.write("a", "1").unwrap();
    let out = buffer.take_batch().unwrap();
    buffer.write("a", "2").unwrap();
    buffer.ack(out);
    assert_eq!(buffer.take_batch(), Some(batch(&[("a", "2")])));
}

/// A failed flush puts its writes back, so the next batch retries them.
#[test]
fn a_failed_flush_loses_nothing() {
    let mut buffer = WriteBuffer::new(10);
    buffer.write("a", "1").unwrap();
    buffer.write("b", "1").unwrap();
    let out = buffer.take_batch().unwrap();
    buffer.fail(out);
    assert_eq!(buffer.pending(), 2);
    assert_eq!(buffer.take_batch(), Some(batch(&[("a", "1"), ("b", "1")])));
}

/// A failed flush never overwrites a newer write to the same key.
#[test]
fn a_failed_flush_does_not_undo_newer_writes() {
    let mut buffer = WriteBuffer::new(10);
    buffer.write("a", "old").unwrap();
    buffer.write("b", "old").unwrap();
    let out = buffer.take_batch().unwrap();
    buffer.write("a", "new").unwrap();
    buffer.fail(out);
    assert_eq!(
        buffer.take_batch(),
        Some(batch(&[("a", "new"), ("b", "old")]))
    );
}

/// Writes that were accepted come back after a failed flush even when new
/// keys have filled the buffer meanwhile: they were acknowledged.
#[test]
fn a_failed_flush_comes_back_past_the_capacity() {
    let mut buffer = WriteBuffer::new(2);
    buffer.write("a", "1").unwrap();
    buffer.write("b", "1").unwrap();
    let out = buffer.take_batch().unwrap();
    buffer.write("c", "1").unwrap();
    buffer.write("d", "1").unwrap();
    buffer.fail(out);
    assert_eq!(buffer.pending(), 4);
    assert_eq!(buffer.write("e", "1"), Err(Full), "still full");
}
