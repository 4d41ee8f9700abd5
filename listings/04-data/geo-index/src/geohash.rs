//! Geohash: interleaved bits of longitude and latitude, written 5 bits a
//! character in base 32. Every extra bit halves the cell, alternating
//! longitude and latitude, so a geohash's prefix is the cell that contains
//! it, and points that share a long prefix are close. The converse fails at
//! cell edges, which is why a search also looks at the neighbouring cells.

use crate::{Found, Point, cap_half_extent_deg, haversine_m};

/// The geohash alphabet: digits and lower-case letters without a, i, l, o.
const BASE32: &[u8; 32] = b"0123456789bcdefghjkmnpqrstuvwxyz";
/// Characters of a full-length score: 12 characters, 60 bits, 30 for each
/// coordinate (cells of about 3.7 cm by 1.9 cm at the equator).
pub const MAX_CHARS: u32 = 12;
const HALF_BITS: u32 = 30;

// ANCHOR: score
/// The 60-bit geohash of `p`: bit 59 halves longitude, bit 58 latitude, bit
/// 57 longitude again, and so on. The first `5n` bits are the cell of `n`
/// characters.
pub fn score(p: Point) -> u64 {
    let steps = (1u64 << HALF_BITS) as f64;
    let lon = (((p.lon + 180.0) / 360.0 * steps) as u64).min((1 << HALF_BITS) - 1);
    let lat = (((p.lat + 90.0) / 180.0 * steps) as u64).min((1 << HALF_BITS) - 1);
    interleave(lon, lat, HALF_BITS)
}

/// Longitude bits go to the odd positions from the top, latitude to the even.
fn interleave(lon: u64, lat: u64, lat_bits: u32) -> u64 {
    let mut out = 0;
    for i in (0..lat_bits).rev() {
        out = (out << 2) | ((lon >> i) & 1) << 1 | ((lat >> i) & 1);
    }
    out
}
// ANCHOR_END: score

/// A geohash cell: the first `chars` characters of a geohash.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cell {
    pub bits: u64,
    pub chars: u32,
}

/// The cell of `chars` characters (1 to 12) that contains `p`.
pub fn cell(p: Point, chars: u32) -> Cell {
    assert!((1..=MAX_CHARS).contains(&chars), "1 to 12 characters");
    Cell {
        bits: score(p) >> (5 * (MAX_CHARS - chars)),
        chars,
    }
}

/// The geohash text of `p`, `chars` characters long.
pub fn encode(p: Point, chars: u32) -> String {
    cell(p, chars).to_string()
}

impl std::fmt::Display for Cell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for i in (0..self.chars).rev() {
            let digit = (self.bits >> (5 * i)) & 31;
            write!(f, "{}", BASE32[digit as usize] as char)?;
        }
        Ok(())
    }
}

impl Cell {
    /// Bits of longitude and of latitude in the cell: longitude gets the
    /// odd one out, so a 1-character cell is 8 columns by 4 rows.
    fn split(self) -> (u32, u32) {
        let bits = 5 * self.chars;
        (bits.div_ceil(2), bits / 2)
    }

    /// The cell's column and row: its longitude and latitude bits.
    fn column_row(self) -> (u64, u64) {
        let (lon_bits, lat_bits) = self.split();
        let (mut lon, mut lat) = (0, 0);
        for i in (0..5 * self.chars).rev() {
            let bit = (self.bits >> i) & 1;
            // From the top, positions alternate: longitude, latitude, ...
            if (5 * self.chars - 1 - i).is_multiple_of(2) {
                lon = (lon << 1) | bit;
            } else {
                lat = (lat << 1) | bit;
            }
        }
        debug_assert!(lon < 1 << lon_bits && lat < 1 << lat_bits);
        (lon, lat)
    }

    fn from_column_row(lon: u64, lat: u64, chars: u32) -> Cell {
        let bits = 5 * chars;
        let mut out = 0;
        for i in 0..bits {
            // Position i from the top: even positions are longitude.
            let bit = if i % 2 == 0 {
                (lon >> ((bits.div_ceil(2)) - 1 - i / 2)) & 1
            } else {
                (lat >> ((bits / 2) - 1 - i / 2)) & 1
            };
            out = (out << 1) | bit;
        }
        Cell { bits: out, chars }
    }

    /// Height and width of the cell, in degrees.
    pub fn size_deg(self) -> (f64, f64) {
        let (lon_bits, lat_bits) = self.split();
        (
            180.0 / (1u64 << lat_bits) as f64,
            360.0 / (1u64 << lon_bits) as f64,
        )
    }

    /// South-west corner of the cell, in degrees.
    pub fn south_west(self) -> Point {
        let (lon, lat) = self.column_row();
        let (height, width) = self.size_deg();
        Point {
            lat: -90.0 + lat as f64 * height,
            lon: -180.0 + lon as f64 * width,
        }
    }

    // ANCHOR: neighbours
    /// The cell `north` rows up and `east` columns across (each -1, 0 or
    /// 1). Columns wrap at the antimeridian; there is no row beyond a pole.
    pub fn neighbour(self, north: i64, east: i64) -> Option<Cell> {
        let (lon_bits, lat_bits) = self.split();
        let (lon, lat) = self.column_row();
        let lat = lat as i64 + north;
        if lat < 0 || lat >= 1 << lat_bits {
            return None;
        }
        // rem_euclid: a remainder that is never negative, like Python's %.
        let lon = (lon as i64 + east).rem_euclid(1 << lon_bits);
        Some(Cell::from_column_row(lon as u64, lat as u64, self.chars))
    }

    /// The cell itself and its 8 neighbours (fewer by a pole), each once.
    pub fn with_neighbours(self) -> Vec<Cell> {
        let mut cells: Vec<Cell> = (-1..=1)
            .flat_map(|north| (-1..=1).map(move |east| (north, east)))
            .filter_map(|(north, east)| self.neighbour(north, east))
            .collect();
        // Every grid is at least 8 columns wide and 4 rows high, so the
        // nine never repeat a cell.
        cells.sort();
        cells
    }
    // ANCHOR_END: neighbours

    /// The range of 60-bit scores whose geohash starts with this cell.
    fn score_range(self) -> std::ops::Range<u64> {
        let shift = 5 * (MAX_CHARS - self.chars);
        (self.bits << shift)..((self.bits + 1) << shift)
    }
}

// ANCHOR: precision
/// The longest geohash (most characters) whose cells are at least as tall
/// and as wide as the circle's bounding box at `at`, so that the circle
/// stays inside the 3 x 3 block around `at`'s cell. `None` when even
/// 1-character cells are too small: radii of thousands of km, or a circle
/// that takes in a pole.
pub fn chars_for_radius(at: Point, radius_m: f64) -> Option<u32> {
    let (half_height, half_width) = cap_half_extent_deg(at, radius_m);
    (1..=MAX_CHARS).rev().find(|&chars| {
        let (height, width) = cell(at, chars).size_deg();
        height >= half_height && width >= half_width
    })
}
// ANCHOR_END: precision

/// Drivers sorted by their 60-bit geohash: a cell is a contiguous range.
/// Redis GEOADD keeps much the same: a 52-bit score in a sorted set, with
/// latitude spread over +-85.05 degrees instead of +-90.
pub struct GeohashIndex<'a> {
    drivers: &'a [Point],
    sorted: Vec<(u64, u32)>,
}

impl<'a> GeohashIndex<'a> {
    pub fn new(drivers: &'a [Point]) -> GeohashIndex<'a> {
        let mut sorted: Vec<(u64, u32)> = drivers
            .iter()
            .enumerate()
            .map(|(id, p)| (score(*p), id as u32))
            .collect();
        sorted.sort_unstable();
        GeohashIndex { drivers, sorted }
    }

    /// The entries whose geohash starts with `cell`: two binary searches.
    fn in_cell(&self, cell: Cell) -> &[(u64, u32)] {
        let range = cell.score_range();
        let start = self.sorted.partition_point(|&(s, _)| s < range.start);
        let end = self.sorted.partition_point(|&(s, _)| s < range.end);
        &self.sorted[start..end]
    }

    /// How many drivers are in `cell`.
    pub fn count(&self, cell: Cell) -> usize {
        self.in_cell(cell).len()
    }

    // ANCHOR: search
    /// Drivers within `radius_m` of `at`, looking only in `cells`.
    pub fn search_cells(&self, cells: &[Cell], at: Point, radius_m: f64) -> Found {
        let mut found = Found::default();
        for &cell in cells {
            found.cells += 1;
            for &(_, id) in self.in_cell(cell) {
                found.examined += 1;
                if haversine_m(at, self.drivers[id as usize]) <= radius_m {
                    found.ids.push(id);
                }
            }
        }
        found.ids.sort_unstable();
        found
    }

    /// The naive search: one prefix query, the rider's own cell, with
    /// cells at least twice the radius, so that the circle could fit.
    pub fn same_cell(&self, at: Point, radius_m: f64) -> Found {
        let chars = chars_for_radius(at, 2.0 * radius_m)
            .expect("a circle clear of the poles, at most 90 degrees across");
        self.search_cells(&[cell(at, chars)], at, radius_m)
    }

    /// The rider's cell and its 8 neighbours, sized from the radius.
    pub fn nine_cells(&self, at: Point, radius_m: f64) -> Found {
        let chars = chars_for_radius(at, radius_m)
            .expect("a circle clear of the poles, at most 90 degrees across");
        self.search_cells(&cell(at, chars).with_neighbours(), at, radius_m)
    }
    // ANCHOR_END: search
}
