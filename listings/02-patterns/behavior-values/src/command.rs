//! Command: cart edits as values, which can be logged, replayed and undone.

use std::collections::BTreeMap;

// ANCHOR: command
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CartCommand {
    Add { sku: &'static str, qty: u32 },
    Remove { sku: &'static str, qty: u32 },
}

/// Quantities by SKU, sorted so the cart prints the same on every run.
pub type Cart = BTreeMap<&'static str, u32>;

impl CartCommand {
    /// Applies the command and returns the command that undoes what it
    /// actually did (removing 5 of an item the cart holds 2 of removes 2,
    /// so its undo adds back 2).
    pub fn apply(&self, cart: &mut Cart) -> CartCommand {
        match *self {
            CartCommand::Add { sku, qty } => {
                // Adding nothing must not leave a line of 0 in the cart.
                if qty > 0 {
                    *cart.entry(sku).or_default() += qty;
                }
                CartCommand::Remove { sku, qty }
            }
            CartCommand::Remove { sku, qty } => {
                let held = cart.get(sku).copied().unwrap_or(0);
                let removed = qty.min(held);
                if held - removed == 0 {
                    cart.remove(sku);
                } else {
                    cart.insert(sku, held - removed);
                }
                CartCommand::Add { sku, qty: removed }
            }
        }
    }
}
// ANCHOR_END: command

// ANCHOR: editor
/// Applies commands, keeps the log of what was done, and can undo.
#[derive(Default)]
pub struct CartEditor {
    pub cart: Cart,
    pub log: Vec<CartCommand>,
    undo: Vec<CartCommand>,
}

impl CartEditor {
    pub fn run(&mut self, command: CartCommand) {
        let inverse = command.apply(&mut self.cart);
        self.log.push(command);
        self.undo.push(inverse);
    }

    /// Undoes the most recent command still done; false when there is none.
    pub fn undo(&mut self) -> bool {
        match self.undo.pop() {
            Some(inverse) => {
                inverse.apply(&mut self.cart);
                self.log.pop();
                true
            }
            None => false,
        }
    }
}
// ANCHOR_END: editor
