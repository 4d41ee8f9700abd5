//! The shop's data, a cost model, and `GET /orders/{user}` in three plans.
//!
//! The data lives in memory; each "statement" charges what it would cost
//! against a database one round trip away, so the profile and the counts
//! are the same on every machine. `pg` runs the same plans on PostgreSQL.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use seeded::SplitMix64;

use crate::profile::Profile;

// ANCHOR: costs
/// One statement's round trip to a database in the same datacenter, in µs.
pub const ROUND_TRIP_US: u64 = 500;
/// Sending and decoding one row, in µs.
pub const ROW_US: u64 = 2;
/// One comparison of two product ids in a scan, in ns.
pub const COMPARE_NS: u64 = 10;
/// One hash-map insert or lookup, in ns.
pub const HASH_NS: u64 = 50;
/// Rendering one line of the answer, in µs.
pub const RENDER_US: u64 = 1;
// ANCHOR_END: costs

/// Products in the catalogue.
pub const CATALOGUE: u64 = 5_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Order {
    pub id: u64,
    pub product: u64,
    pub quantity: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Product {
    pub id: u64,
    pub price_cents: u64,
}

/// One line of the answer: an order with its product's price.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub order: u64,
    pub product: u64,
    pub total_cents: u64,
}

pub struct Shop {
    pub orders: BTreeMap<u64, Vec<Order>>,
    pub products: BTreeMap<u64, Product>,
}

impl Shop {
    /// A catalogue of [`CATALOGUE`] products, and users `1..` with the
    /// given numbers of orders, each on a product drawn at random.
    pub fn new(orders_per_user: &[u64]) -> Shop {
        let mut rng = SplitMix64(7);
        let products = (0..CATALOGUE)
            .map(|id| {
                let price_cents = 100 + rng.below(10_000) as u64;
                (id, Product { id, price_cents })
            })
            .collect();
        let mut orders = BTreeMap::new();
        let mut next_id = 1;
        for (i, &n) in orders_per_user.iter().enumerate() {
            let list = (0..n)
                .map(|_| {
                    next_id += 1;
                    Order {
                        id: next_id,
                        product: rng.below(CATALOGUE as usize) as u64,
                        quantity: 1 + rng.below(3) as u64,
                    }
                })
                .collect();
            orders.insert(i as u64 + 1, list);
        }
        Shop { orders, products }
    }
}

/// How the endpoint loads and joins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plan {
    /// One statement per order's product, then a scan per order.
    NPlusOne,
    /// One `id = ANY($1)` statement, then the same scan per order.
    Any,
    /// One `id = ANY($1)` statement, then a hash map.
    AnyHash,
}

impl Plan {
    pub const ALL: [Plan; 3] = [Plan::NPlusOne, Plan::Any, Plan::AnyHash];

    /// A name for ids and file names.
    pub fn tag(self) -> &'static str {
        match self {
            Plan::NPlusOne => "n-plus-one",
            Plan::Any => "any",
            Plan::AnyHash => "any-hash",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Plan::NPlusOne => "N+1 + scan",
            Plan::Any => "ANY + scan",
            Plan::AnyHash => "ANY + hash",
        }
    }
}

/// The answer and what it took.
pub struct Answer {
    pub lines: Vec<Line>,
    pub statements: u64,
    pub comparisons: u64,
}

/// The database, one round trip away; it counts statements.
struct Db<'a> {
    shop: &'a Shop,
    statements: u64,
}

impl Db<'_> {
    fn charge(&mut self, p: &mut Profile, rows: usize) {
        self.statements += 1;
        p.span("query", |p| p.charge(ROUND_TRIP_US + ROW_US * rows as u64));
    }

    fn orders_of(&mut self, p: &mut Profile, user: u64) -> Vec<Order> {
        let orders = self.shop.orders.get(&user).cloned().unwrap_or_default();
        self.charge(p, orders.len());
        orders
    }

    fn product(&mut self, p: &mut Profile, id: u64) -> Option<Product> {
        let product = self.shop.products.get(&id).cloned();
        self.charge(p, usize::from(product.is_some()));
        product
    }

    fn products(&mut self, p: &mut Profile, ids: &[u64]) -> Vec<Product> {
        let found: Vec<Product> = ids
            .iter()
            .filter_map(|id| self.shop.products.get(id).cloned())
            .collect();
        self.charge(p, found.len());
        found
    }
}

// ANCHOR: endpoint
/// `GET /orders/{user}`: the user's orders, each with its product's price.
pub fn get_orders(shop: &Shop, user: u64, plan: Plan, p: &mut Profile) -> Answer {
    let mut db = Db {
        shop,
        statements: 0,
    };
    p.span("get_orders", |p| {
        let orders = p.span("load_orders", |p| db.orders_of(p, user));
        let products = p.span("load_products", |p| match plan {
            // One statement per order, in a loop: N+1.
            Plan::NPlusOne => orders
                .iter()
                .filter_map(|o| db.product(p, o.product))
                .collect(),
            Plan::Any | Plan::AnyHash => {
                let ids: Vec<u64> = orders
                    .iter()
                    .map(|o| o.product)
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect();
                db.products(p, &ids)
            }
        });
        let (pairs, comparisons) = p.span("attach_products", |p| match plan {
            Plan::NPlusOne | Plan::Any => attach_scan(&orders, &products, p),
            Plan::AnyHash => attach_hash(&orders, &products, p),
        });
        let lines = p.span("render", |p| {
            p.charge(RENDER_US * pairs.len() as u64);
            pairs
                .iter()
                .map(|(o, price)| Line {
                    order: o.id,
                    product: o.product,
                    total_cents: o.quantity * price,
                })
                .collect()
        });
        Answer {
            lines,
            statements: db.statements,
            comparisons,
        }
    })
}
// ANCHOR_END: endpoint

// ANCHOR: attach
/// Each order with its product's price, found by scanning the list:
/// fine for 10 orders, quadratic for 1,000.
fn attach_scan<'o>(
    orders: &'o [Order],
    products: &[Product],
    p: &mut Profile,
) -> (Vec<(&'o Order, u64)>, u64) {
    let mut comparisons = 0;
    let mut pairs = Vec::new();
    for order in orders {
        for product in products {
            comparisons += 1;
            if product.id == order.product {
                pairs.push((order, product.price_cents));
                break;
            }
        }
    }
    p.charge(comparisons * COMPARE_NS / 1_000);
    (pairs, comparisons)
}

/// The same pairs through a hash map: one insert per product, one lookup
/// per order.
fn attach_hash<'o>(
    orders: &'o [Order],
    products: &[Product],
    p: &mut Profile,
) -> (Vec<(&'o Order, u64)>, u64) {
    let price: HashMap<u64, u64> = products.iter().map(|p| (p.id, p.price_cents)).collect();
    let pairs: Vec<_> = orders
        .iter()
        .filter_map(|o| price.get(&o.product).map(|&c| (o, c)))
        .collect();
    p.charge((products.len() + orders.len()) as u64 * HASH_NS / 1_000);
    (pairs, 0)
}
// ANCHOR_END: attach

/// The two joins on plain data, for benchmarks and the timing program:
/// the number of orders whose product was found, and the sum of totals.
#[inline]
pub fn join_scan(orders: &[Order], products: &[Product]) -> u64 {
    let mut sum = 0;
    for order in orders {
        if let Some(p) = products.iter().find(|p| p.id == order.product) {
            sum += order.quantity * p.price_cents;
        }
    }
    sum
}

/// [`join_scan`] through a hash map.
#[inline]
pub fn join_hash(orders: &[Order], products: &[Product]) -> u64 {
    let price: HashMap<u64, u64> = products.iter().map(|p| (p.id, p.price_cents)).collect();
    orders
        .iter()
        .filter_map(|o| price.get(&o.product).map(|c| o.quantity * c))
        .sum()
}

/// The distinct products of `orders`, sorted by id, as `= ANY` returns them.
pub fn distinct_products(shop: &Shop, orders: &[Order]) -> Vec<Product> {
    orders
        .iter()
        .map(|o| o.product)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter_map(|id| shop.products.get(&id).cloned())
        .collect()
}
