// --- solution ---
//! Reference solution: a cart editor with undo and redo, built on commands
//! that return their own inverse.
// --- stub ---
// //! Your turn: a cart editor with undo and redo, built on commands that
// //! return their own inverse.
// //!
// //! Run `cargo test -p undo-redo` until it passes.
// --- end ---

use std::collections::BTreeMap;

/// Quantities by SKU.
pub type Cart = BTreeMap<&'static str, u32>;

/// A cart edit. Given: `apply` makes the change and returns the command
/// that undoes what it actually did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CartCommand {
    Add { sku: &'static str, qty: u32 },
    Remove { sku: &'static str, qty: u32 },
}

impl CartCommand {
    pub fn apply(&self, cart: &mut Cart) -> CartCommand {
        match *self {
            CartCommand::Add { sku, qty } => {
                if qty > 0 {
                    *cart.entry(sku).or_default() += qty;
                }
                CartCommand::Remove { sku, qty }
            }
            CartCommand::Remove { sku, qty } => {
                let held = cart.get(sku).copied().unwrap_or(0);
                let removed = qty.min(held);
                if held == removed {
                    cart.remove(sku);
                } else {
                    cart.insert(sku, held - removed);
                }
                CartCommand::Add { sku, qty: removed }
            }
        }
    }
}

/// Runs commands on a cart and can undo and redo them, like an editor's
/// Ctrl-Z and Ctrl-Shift-Z.
#[derive(Debug, Default)]
pub struct Editor {
    pub cart: Cart,
    // --- solution ---
    /// What undo would apply, most recent last.
    undo: Vec<CartCommand>,
    /// What redo would apply, most recently undone last.
    redo: Vec<CartCommand>,
    // --- stub ---
    // // Add the state undo and redo need.
    // --- end ---
}

impl Editor {
    /// Runs a new command. A new command makes the undone ones impossible
    /// to redo: they were undone from a cart that no longer exists.
    pub fn run(&mut self, command: CartCommand) {
        // --- solution ---
        let inverse = command.apply(&mut self.cart);
        self.undo.push(inverse);
        self.redo.clear();
        // --- stub ---
        // let _ = command;
        // todo!("Editor::run")
        // --- end ---
    }

    /// Undoes the most recent command still in effect; false if none.
    pub fn undo(&mut self) -> bool {
        // --- solution ---
        let Some(inverse) = self.undo.pop() else {
            return false;
        };
        // Undoing the undo is redoing: keep the inverse of the inverse.
        let again = inverse.apply(&mut self.cart);
        self.redo.push(again);
        true
        // --- stub ---
        // todo!("Editor::undo")
        // --- end ---
    }

    /// Redoes the most recently undone command; false if none.
    pub fn redo(&mut self) -> bool {
        // --- solution ---
        let Some(command) = self.redo.pop() else {
            return false;
        };
        let inverse = command.apply(&mut self.cart);
        self.undo.push(inverse);
        true
        // --- stub ---
        // todo!("Editor::redo")
        // --- end ---
    }
}
