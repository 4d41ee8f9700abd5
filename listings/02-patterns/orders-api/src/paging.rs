//! Offset against cursor pagination, on a table that changes between
//! page requests.

// ANCHOR: table
/// Orders, newest first, as `GET /orders` lists them. Ids only grow.
#[derive(Debug, Default)]
pub struct Table {
    /// Sorted by id, descending.
    ids: Vec<u64>,
    next_id: u64,
}

impl Table {
    pub fn with_orders(n: u64) -> Table {
        let mut table = Table::default();
        for _ in 0..n {
            table.insert();
        }
        table
    }

    /// A new order arrives: it is the newest, so it goes to the top.
    pub fn insert(&mut self) -> u64 {
        self.next_id += 1;
        self.ids.insert(0, self.next_id);
        self.next_id
    }

    /// An order is deleted (cancelled and purged).
    pub fn remove(&mut self, id: u64) {
        self.ids.retain(|&other| other != id);
    }

    /// `LIMIT limit OFFSET offset`.
    pub fn page_by_offset(&self, offset: usize, limit: usize) -> Vec<u64> {
        self.ids.iter().skip(offset).take(limit).copied().collect()
    }

    /// `WHERE id < after ORDER BY id DESC LIMIT limit`: the cursor is the
    /// last id the client saw.
    pub fn page_after(&self, after: Option<u64>, limit: usize) -> Vec<u64> {
        self.ids
            .iter()
            .filter(|&&id| after.is_none_or(|after| id < after))
            .take(limit)
            .copied()
            .collect()
    }
}
// ANCHOR_END: table

#[derive(Debug, PartialEq, Eq)]
pub struct Walk {
    pub pages: usize,
    pub shown: usize,
    pub duplicates: usize,
    /// Orders that existed when the walk began and were never shown.
    pub missed: usize,
}

// ANCHOR: walk
/// Pages through `orders` orders, `limit` at a time. Between every two
/// page requests, `arrivals` new orders are inserted and the first
/// `removals` orders of the page just shown are deleted.
pub fn walk(cursor: bool, orders: u64, limit: usize, arrivals: usize, removals: usize) -> Walk {
    let mut table = Table::with_orders(orders);
    let mut seen = std::collections::BTreeSet::new();
    let (mut pages, mut shown, mut duplicates) = (0, 0, 0);
    let (mut offset, mut after) = (0, None);
    loop {
        let page = if cursor {
            table.page_after(after, limit)
        } else {
            table.page_by_offset(offset, limit)
        };
        if page.is_empty() {
            break;
        }
        pages += 1;
        for &id in &page {
            shown += 1;
            if !seen.insert(id) {
                duplicates += 1;
            }
        }
        // A short page is the last one, as a client would read it.
        if page.len() < limit {
            break;
        }
        offset += page.len();
        after = page.last().copied();
        for _ in 0..arrivals {
            table.insert();
        }
        for &id in page.iter().take(removals) {
            table.remove(id);
        }
    }
    let missed = (1..=orders).filter(|id| !seen.contains(id)).count();
    Walk {
        pages,
        shown,
        duplicates,
        missed,
    }
}
// ANCHOR_END: walk
