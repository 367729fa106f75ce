//! The mapping between data coordinates and pixels of the plotting area.

/// The data range shown (defined in core, where the analysis also uses it).
pub use crate::core::analysis::grid::Domain;

/// A rectangle in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub left: f64,
    /// Top edge.
    pub top: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

/// Data ↔ pixel mapping for one plotting area.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// The plotting area in pixels.
    pub area: Rect,
    /// The data shown in it.
    pub domain: Domain,
}

impl View {
    /// Pixel position of data point `(x, y)`.
    pub fn to_px(&self, x: f64, y: f64) -> (f64, f64) {
        let d = &self.domain;
        (
            self.area.left + (x - d.x_min) / (d.x_max - d.x_min) * self.area.width,
            self.area.top + (d.y_max - y) / (d.y_max - d.y_min) * self.area.height,
        )
    }

    /// Data point at pixel `(px, py)`.
    pub fn to_data(&self, px: f64, py: f64) -> (f64, f64) {
        let d = &self.domain;
        (
            d.x_min + (px - self.area.left) / self.area.width * (d.x_max - d.x_min),
            d.y_max - (py - self.area.top) / self.area.height * (d.y_max - d.y_min),
        )
    }

    /// True when pixel `(px, py)` lies in the plotting area.
    pub fn contains(&self, px: f64, py: f64) -> bool {
        let a = &self.area;
        px >= a.left && px <= a.left + a.width && py >= a.top && py <= a.top + a.height
    }

    /// Data units per pixel along x.
    pub fn data_per_px(&self) -> f64 {
        (self.domain.x_max - self.domain.x_min) / self.area.width
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let v = View {
            area: Rect {
                left: 40.0,
                top: 10.0,
                width: 400.0,
                height: 300.0,
            },
            domain: Domain::default(),
        };
        assert_eq!(v.to_px(-6.0, 6.0), (40.0, 10.0));
        assert_eq!(v.to_px(6.0, -6.0), (440.0, 310.0));
        let (x, y) = v.to_data(v.to_px(1.25, -3.5).0, v.to_px(1.25, -3.5).1);
        assert!((x - 1.25).abs() < 1e-12 && (y + 3.5).abs() < 1e-12);
        assert!(v.contains(240.0, 160.0) && !v.contains(10.0, 160.0));
    }
}

/// Clips segment `(x0, y0)–(x1, y1)` to `domain` (Liang–Barsky); `None` when
/// it lies wholly outside.
pub fn clip(seg: [f64; 4], domain: &Domain) -> Option<[f64; 4]> {
    let [x0, y0, x1, y1] = seg;
    let (dx, dy) = (x1 - x0, y1 - y0);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, x0 - domain.x_min),
        (dx, domain.x_max - x0),
        (-dy, y0 - domain.y_min),
        (dy, domain.y_max - y0),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 <= t1).then_some([x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy])
}

/// The part of the line `w1·x + w2·y + b = 0` inside `domain`, if any.
pub fn line_in_domain(w1: f64, w2: f64, b: f64, domain: &Domain) -> Option<[f64; 4]> {
    let big = 4.0
        * (domain.x_max - domain.x_min)
            .abs()
            .max((domain.y_max - domain.y_min).abs());
    let seg = if w2.abs() >= w1.abs() {
        if w2 == 0.0 {
            return None;
        }
        let y = |x: f64| -(w1 * x + b) / w2;
        [-big, y(-big), big, y(big)]
    } else {
        let x = |y: f64| -(w2 * y + b) / w1;
        [x(-big), -big, x(big), big]
    };
    if seg.iter().any(|v| !v.is_finite()) {
        return None;
    }
    clip(seg, domain)
}

#[cfg(test)]
mod clip_tests {
    use super::*;

    #[test]
    fn clips_to_the_box() {
        let d = Domain::default();
        assert_eq!(
            clip([-10.0, 0.0, 10.0, 0.0], &d),
            Some([-6.0, 0.0, 6.0, 0.0])
        );
        assert_eq!(clip([7.0, 7.0, 9.0, 9.0], &d), None);
        let l = line_in_domain(1.0, -1.0, 0.0, &d).unwrap();
        assert!((l[0] - l[1]).abs() < 1e-9 && (l[2] - l[3]).abs() < 1e-9);
        assert!(line_in_domain(0.0, 0.0, 1.0, &d).is_none());
        assert!(line_in_domain(1.0, 0.0, -100.0, &d).is_none());
    }
}
