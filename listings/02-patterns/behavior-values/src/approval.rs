//! Chain of responsibility: who approves an expense.

#[derive(Debug, Clone)]
pub struct Expense {
    pub cents: u64,
    pub merchant: &'static str,
    pub category: &'static str,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Approved,
    Rejected(&'static str),
}

/// One link of the chain: it decides (`Some`) or passes the expense on
/// (`None`).
pub type Step = Box<dyn Fn(&Expense) -> Option<Verdict>>;

// ANCHOR: chain
/// The steps, in order. The first that decides wins.
pub fn approval_chain() -> Vec<(&'static str, Step)> {
    vec![
        (
            "fraud check",
            Box::new(|e: &Expense| {
                (e.merchant == "casino-royale").then_some(Verdict::Rejected("blocked merchant"))
            }),
        ),
        (
            "auto-approve",
            Box::new(|e: &Expense| {
                (e.category == "meals" && e.cents <= 50_00).then_some(Verdict::Approved)
            }),
        ),
        (
            "manager",
            Box::new(|e: &Expense| (e.cents <= 500_00).then_some(Verdict::Approved)),
        ),
        (
            "director",
            Box::new(|e: &Expense| (e.cents <= 5_000_00).then_some(Verdict::Approved)),
        ),
    ]
}

/// Runs the chain: the name of the step that decided and its verdict, or
/// `None` when every step passed the expense on.
pub fn decide<'a>(
    chain: &'a [(&'static str, Step)],
    expense: &Expense,
) -> Option<(&'a str, Verdict)> {
    chain
        .iter()
        .find_map(|(name, step)| step(expense).map(|verdict| (*name, verdict)))
}
// ANCHOR_END: chain
