use undo_redo::{Cart, CartCommand, Editor};

fn add(sku: &'static str, qty: u32) -> CartCommand {
    CartCommand::Add { sku, qty }
}

fn remove(sku: &'static str, qty: u32) -> CartCommand {
    CartCommand::Remove { sku, qty }
}

fn cart(items: &[(&'static str, u32)]) -> Cart {
    items.iter().copied().collect()
}

/// Undo walks back one command at a time, and says when there is nothing
/// left.
#[test]
fn undo_walks_back_one_command_at_a_time() {
    let mut editor = Editor::default();
    editor.run(add("mug", 2));
    editor.run(add("tea", 1));
    assert!(editor.undo());
    assert_eq!(editor.cart, cart(&[("mug", 2)]));
    assert!(editor.undo());
    assert_eq!(editor.cart, cart(&[]));
    assert!(!editor.undo());
}

/// Redo puts back what undo took away, in reverse order of undoing.
#[test]
fn redo_puts_back_what_undo_took() {
    let mut editor = Editor::default();
    editor.run(add("mug", 2));
    editor.run(remove("mug", 1));
    editor.undo();
    editor.undo();
    assert!(editor.redo());
    assert_eq!(editor.cart, cart(&[("mug", 2)]));
    assert!(editor.redo());
    assert_eq!(editor.cart, cart(&[("mug", 1)]));
    assert!(!editor.redo());
}

/// A command undone and redone can be undone again.
#[test]
fn a_redone_command_can_be_undone_again() {
    let mut editor = Editor::default();
    editor.run(add("mug", 3));
    editor.undo();
    editor.redo();
    assert!(editor.undo());
    assert_eq!(editor.cart, cart(&[]));
    assert!(editor.redo());
    assert_eq!(editor.cart, cart(&[("mug", 3)]));
}

/// Running a new command after an undo forgets what could be redone.
#[test]
fn a_new_command_clears_redo() {
    let mut editor = Editor::default();
    editor.run(add("mug", 1));
    editor.undo();
    editor.run(add("tea", 1));
    assert!(
        !editor.redo(),
        "the mug was undone before the tea was added"
    );
    assert_eq!(editor.cart, cart(&[("tea", 1)]));
}

/// Removing more than the cart holds is undone by adding back what was
/// really removed, and redone by removing it again.
#[test]
fn an_oversized_removal_undoes_and_redoes_exactly() {
    let mut editor = Editor::default();
    editor.run(add("mug", 2));
    editor.run(remove("mug", 5));
    assert_eq!(editor.cart, cart(&[]));
    editor.undo();
    assert_eq!(editor.cart, cart(&[("mug", 2)]));
    editor.redo();
    assert_eq!(editor.cart, cart(&[]));
    editor.undo();
    editor.undo();
    assert_eq!(editor.cart, cart(&[]));
}
