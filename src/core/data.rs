//! Samples, the dataset the user edits, and seeded generators of ready-made data.
//!
//! A sample is a point in the plane. In classification `(x, y)` is the input
//! `(x1, x2)` and `class` the label; in regression `x` is the input and `y` the
//! target (the class is unused).

use super::rng::SeededRng;

/// Most classes a dataset may hold.
pub const MAX_CLASSES: usize = 5;
/// Most points a dataset may hold, however they come in.
pub const MAX_POINTS: usize = 10_000;
/// Largest coordinate magnitude a point may have, however it comes in.
pub const MAX_COORD: f64 = 1e6;
/// Half-width of the data domain: both axes run over `[-DOMAIN, DOMAIN]`.
pub const DOMAIN: f64 = 6.0;

/// What the samples are for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// 2-D points with a class label.
    Classification,
    /// 1-D input `x`, target `y`.
    Regression,
}

/// One sample: a point in the plane and its class.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// `x1` (classification) or `x` (regression).
    pub x: f64,
    /// `x2` (classification) or the target `y` (regression).
    pub y: f64,
    /// Class index `0..K` (classification only; 0 in regression).
    pub class: usize,
}

impl Point {
    /// A point of class `class`.
    pub fn new(x: f64, y: f64, class: usize) -> Self {
        Point { x, y, class }
    }
}

/// Why a dataset edit was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum DataError {
    /// A coordinate was NaN or infinite.
    NotFinite,
    /// A coordinate beyond ±[`MAX_COORD`].
    TooFar,
    /// A class index at or above the number of classes (0-based).
    BadClass(usize),
    /// An index past the end.
    NoSuchPoint(usize),
    /// More than [`MAX_POINTS`] points.
    TooMany,
    /// A data set made for the other mode.
    OtherMode,
}

/// The samples of a session, in the order they were added.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dataset {
    /// The samples.
    pub points: Vec<Point>,
}

impl Dataset {
    /// A dataset holding `points` (validated).
    pub fn from_points(points: Vec<Point>) -> Result<Self, DataError> {
        if points.len() > MAX_POINTS {
            return Err(DataError::TooMany);
        }
        points.iter().try_for_each(check)?;
        Ok(Dataset { points })
    }

    /// Number of samples.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// True when there are no samples.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// Appends a sample; returns its index.
    pub fn add(&mut self, p: Point) -> Result<usize, DataError> {
        if self.points.len() >= MAX_POINTS {
            return Err(DataError::TooMany);
        }
        check(&p)?;
        self.points.push(p);
        Ok(self.points.len() - 1)
    }

    /// Removes sample `i`, keeping the order of the others.
    pub fn remove(&mut self, i: usize) -> Result<Point, DataError> {
        if i >= self.points.len() {
            return Err(DataError::NoSuchPoint(i));
        }
        Ok(self.points.remove(i))
    }

    /// Moves sample `i` to `(x, y)`, keeping its class.
    pub fn move_to(&mut self, i: usize, x: f64, y: f64) -> Result<(), DataError> {
        let p = self.points.get_mut(i).ok_or(DataError::NoSuchPoint(i))?;
        let moved = Point { x, y, ..*p };
        check(&moved)?;
        *p = moved;
        Ok(())
    }

    /// Index of the sample nearest to `(x, y)` within `radius`, if any.
    pub fn nearest(&self, x: f64, y: f64, radius: f64) -> Option<usize> {
        self.points
            .iter()
            .enumerate()
            .map(|(i, p)| (i, (p.x - x).powi(2) + (p.y - y).powi(2)))
            .filter(|&(_, d2)| d2 <= radius * radius)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    }

    /// Removes every sample.
    pub fn clear(&mut self) {
        self.points.clear();
    }

    /// One more than the largest class present (0 when empty).
    pub fn class_count(&self) -> usize {
        self.points.iter().map(|p| p.class + 1).max().unwrap_or(0)
    }

    /// How many distinct classes are present.
    pub fn distinct_classes(&self) -> usize {
        let mut seen = [false; MAX_CLASSES];
        self.points.iter().for_each(|p| seen[p.class] = true);
        seen.iter().filter(|&&s| s).count()
    }
}

/// Checks one point: finite, within ±[`MAX_COORD`], a class below [`MAX_CLASSES`].
pub fn check(p: &Point) -> Result<(), DataError> {
    if !p.x.is_finite() || !p.y.is_finite() {
        return Err(DataError::NotFinite);
    }
    if p.x.abs() > MAX_COORD || p.y.abs() > MAX_COORD {
        return Err(DataError::TooFar);
    }
    if p.class >= MAX_CLASSES {
        return Err(DataError::BadClass(p.class));
    }
    Ok(())
}

/// The ready-made data sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// Two well separated blobs.
    Separable,
    /// Two overlapping blobs ("teacup dog vs cat").
    Overlapping,
    /// Four quadrants, opposite corners share a class.
    Xor,
    /// A disc inside a ring.
    Circles,
    /// Two interleaved half-moons.
    Moons,
    /// Two interleaved spiral arms.
    Spiral,
    /// Three blobs.
    ThreeBlobs,
    /// Regression: a noisy straight line.
    Line,
    /// Regression: a noisy sine wave.
    Sine,
    /// Regression: a noisy cubic.
    Cubic,
}

impl Preset {
    /// All presets, classification first.
    pub const ALL: [Preset; 10] = [
        Preset::Separable,
        Preset::Overlapping,
        Preset::Xor,
        Preset::Circles,
        Preset::Moons,
        Preset::Spiral,
        Preset::ThreeBlobs,
        Preset::Line,
        Preset::Sine,
        Preset::Cubic,
    ];

    /// The task the preset's data is for.
    pub fn task(self) -> Task {
        match self {
            Preset::Line | Preset::Sine | Preset::Cubic => Task::Regression,
            _ => Task::Classification,
        }
    }

    /// Stable identifier (used in the UI and in saved state).
    pub fn id(self) -> &'static str {
        match self {
            Preset::Separable => "separable",
            Preset::Overlapping => "overlapping",
            Preset::Xor => "xor",
            Preset::Circles => "circles",
            Preset::Moons => "moons",
            Preset::Spiral => "spiral",
            Preset::ThreeBlobs => "three-blobs",
            Preset::Line => "line",
            Preset::Sine => "sine",
            Preset::Cubic => "cubic",
        }
    }

    /// The preset with identifier `id`.
    pub fn from_id(id: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.id() == id)
    }

    /// `count` samples with noise level `noise` (0 = none, 1 = a lot), from `seed`.
    /// Same arguments ⇒ the same points, bit for bit.
    pub fn generate(self, count: usize, noise: f64, seed: u64) -> Dataset {
        let mut rng = SeededRng::new(seed, self as u64 + 1);
        let noise = if noise.is_finite() {
            noise.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let points = (0..count)
            .map(|i| self.sample(i, count, noise, &mut rng))
            .map(|p| Point {
                x: p.x.clamp(-DOMAIN, DOMAIN),
                y: p.y.clamp(-DOMAIN, DOMAIN),
                ..p
            })
            .collect();
        Dataset { points }
    }

    fn sample(self, i: usize, count: usize, noise: f64, rng: &mut SeededRng) -> Point {
        let half = i % 2;
        let jitter = |rng: &mut SeededRng, s: f64| rng.normal() * s;
        match self {
            Preset::Separable | Preset::Overlapping => {
                let (gap, spread) = if self == Preset::Separable {
                    (2.5, 0.4 + 0.8 * noise)
                } else {
                    (1.2, 1.0 + 1.0 * noise)
                };
                let c = if half == 0 { gap } else { -gap };
                Point::new(c + jitter(rng, spread), c + jitter(rng, spread), half)
            }
            Preset::ThreeBlobs => {
                let k = i % 3;
                let angle = std::f64::consts::TAU * k as f64 / 3.0 + 0.5;
                let spread = 0.5 + 0.9 * noise;
                Point::new(
                    3.0 * angle.cos() + jitter(rng, spread),
                    3.0 * angle.sin() + jitter(rng, spread),
                    k,
                )
            }
            Preset::Xor => {
                let margin = 0.3;
                let mut x = rng.uniform(-5.0, 5.0);
                let mut y = rng.uniform(-5.0, 5.0);
                x += if x > 0.0 { margin } else { -margin };
                y += if y > 0.0 { margin } else { -margin };
                let class = usize::from((x > 0.0) != (y > 0.0));
                Point::new(
                    x + jitter(rng, 1.2 * noise),
                    y + jitter(rng, 1.2 * noise),
                    class,
                )
            }
            Preset::Circles => {
                let r = if half == 0 {
                    rng.uniform(0.0, 2.0)
                } else {
                    rng.uniform(3.5, 5.0)
                };
                let a = rng.uniform(0.0, std::f64::consts::TAU);
                Point::new(
                    r * a.cos() + jitter(rng, 0.8 * noise),
                    r * a.sin() + jitter(rng, 0.8 * noise),
                    half,
                )
            }
            Preset::Moons => {
                let t = rng.uniform(0.0, std::f64::consts::PI);
                let (x, y) = if half == 0 {
                    (t.cos(), t.sin())
                } else {
                    (1.0 - t.cos(), 0.5 - t.sin())
                };
                Point::new(
                    2.5 * (x - 0.5) + jitter(rng, 0.6 * noise + 0.05),
                    2.5 * (y - 0.25) + jitter(rng, 0.6 * noise + 0.05),
                    half,
                )
            }
            Preset::Spiral => {
                let n = count.div_ceil(2).max(1);
                let t = (i / 2) as f64 / n as f64;
                let r = 5.0 * t;
                let a = 1.75 * t * std::f64::consts::TAU + std::f64::consts::PI * half as f64;
                Point::new(
                    r * a.sin() + jitter(rng, 0.5 * noise),
                    r * a.cos() + jitter(rng, 0.5 * noise),
                    half,
                )
            }
            Preset::Line => {
                let x = rng.uniform(-5.8, 5.8);
                Point::new(x, 0.6 * x - 0.5 + jitter(rng, 1.5 * noise), 0)
            }
            Preset::Sine => {
                let x = rng.uniform(-5.8, 5.8);
                Point::new(x, 3.0 * (0.8 * x).sin() + jitter(rng, 1.5 * noise), 0)
            }
            Preset::Cubic => {
                let x = rng.uniform(-5.8, 5.8);
                Point::new(x, 0.04 * x * x * x - 0.5 * x + jitter(rng, 1.5 * noise), 0)
            }
        }
    }
}

/// True when point `p` belongs to the held-out split for fraction `frac`.
/// Decided by a hash of the point itself and the seed, so adding or removing
/// other points never moves a point between the splits.
pub fn is_held_out(p: &Point, frac: f64, seed: u64) -> bool {
    if frac <= 0.0 {
        return false;
    }
    let mut h = seed ^ 0xA076_1D64_78BD_642F;
    for v in [p.x.to_bits(), p.y.to_bits(), p.class as u64] {
        h = (h ^ v).wrapping_mul(0xE703_7ED1_A0B4_28DB);
        h ^= h >> 29;
    }
    (h >> 11) as f64 / (1u64 << 53) as f64 <= frac
}

crate::json_names!(Task { Classification => "Classification", Regression => "Regression" });
crate::json_struct!(Point { x, y, class = 0 });
