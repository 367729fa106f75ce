//! Class colours and shapes. The colours are Okabe and Ito's, chosen to stay
//! apart under the common colour-vision deficiencies; each class also has its
//! own shape, so no class is told by colour alone.

/// RGB colour of each class: orange, blue, bluish green, reddish purple,
/// vermillion.
pub const CLASS_RGB: [[u8; 3]; 5] = [
    [230, 159, 0],
    [0, 114, 178],
    [0, 158, 115],
    [204, 121, 167],
    [213, 94, 0],
];

/// The shape a class is drawn with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Class 1.
    Circle,
    /// Class 2.
    Square,
    /// Class 3.
    Triangle,
    /// Class 4.
    Diamond,
    /// Class 5.
    Cross,
}

/// The shape of each class, in class order.
pub const CLASS_SHAPES: [Shape; 5] = [
    Shape::Circle,
    Shape::Square,
    Shape::Triangle,
    Shape::Diamond,
    Shape::Cross,
];

/// Corners of a 16-sided circle of radius 1.
const CIRCLE: [(f64, f64); 16] = {
    // cos and sin of k·22.5°, k = 0..4.
    const C: [f64; 5] = [
        1.0,
        0.923_879_5,
        std::f64::consts::FRAC_1_SQRT_2,
        0.382_683_4,
        0.0,
    ];
    let mut out = [(0.0, 0.0); 16];
    let mut k = 0;
    while k < 16 {
        let q = k % 4;
        let (c, s) = (C[q], C[4 - q]);
        out[k] = match k / 4 {
            0 => (c, s),
            1 => (-s, c),
            2 => (-c, -s),
            _ => (s, -c),
        };
        k += 1;
    }
    out
};

impl Shape {
    /// The shape's corners around its centre, in units of the mark's radius
    /// (y down, as on screen); each shape covers about the area of the
    /// circle.
    pub fn outline(self) -> &'static [(f64, f64)] {
        match self {
            Shape::Circle => &CIRCLE,
            Shape::Square => &[(-0.9, -0.9), (0.9, -0.9), (0.9, 0.9), (-0.9, 0.9)],
            Shape::Triangle => &[(0.0, -1.3), (1.15, 0.7), (-1.15, 0.7)],
            Shape::Diamond => &[(0.0, -1.3), (1.3, 0.0), (0.0, 1.3), (-1.3, 0.0)],
            // An × of two bars 0.8 wide, 1.35 from the centre to each tip.
            Shape::Cross => &[
                (-0.67, -1.24),
                (0.0, -0.57),
                (0.67, -1.24),
                (1.24, -0.67),
                (0.57, 0.0),
                (1.24, 0.67),
                (0.67, 1.24),
                (0.0, 0.57),
                (-0.67, 1.24),
                (-1.24, 0.67),
                (-0.57, 0.0),
                (-1.24, -0.67),
            ],
        }
    }
}

/// RGB of class `k` (wraps past the last colour).
pub fn class_rgb(k: usize) -> [u8; 3] {
    CLASS_RGB[k % CLASS_RGB.len()]
}

/// The shape of class `k` (wraps past the last shape).
pub fn class_shape(k: usize) -> Shape {
    CLASS_SHAPES[k % CLASS_SHAPES.len()]
}

/// `#rrggbb` of class `k`, for CSS.
pub fn class_hex(k: usize) -> String {
    let [r, g, b] = class_rgb(k);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// RGB of the ink of text, axes and lines on every chart.
pub const INK_RGB: [u8; 3] = [40, 44, 52];
/// The ink as `#rrggbb`.
pub const INK_HEX: &str = "#282c34";

/// How a sample's mark is painted: its class's shape and colour with a
/// white edge, a held-out sample white with a coloured edge (`held`), and
/// in regression an ink circle.
pub fn mark_paint(class: usize, held: bool, regression: bool) -> (Shape, String, String) {
    let (shape, colour) = if regression {
        (Shape::Circle, INK_HEX.to_string())
    } else {
        (class_shape(class), class_hex(class))
    };
    let white = "#ffffff".to_string();
    if held {
        (shape, white, colour)
    } else {
        (shape, colour, white)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ink_hex_is_the_ink() {
        let [r, g, b] = INK_RGB;
        assert_eq!(INK_HEX, format!("#{r:02x}{g:02x}{b:02x}"));
    }

    #[test]
    fn marks_are_painted_by_class_and_split() {
        let (shape, fill, edge) = mark_paint(1, false, false);
        assert_eq!(
            (shape, fill.as_str(), edge.as_str()),
            (Shape::Square, "#0072b2", "#ffffff")
        );
        let (shape, fill, edge) = mark_paint(2, true, false);
        assert_eq!(
            (shape, fill.as_str(), edge.as_str()),
            (Shape::Triangle, "#ffffff", "#009e73")
        );
        let (shape, fill, _) = mark_paint(3, false, true);
        assert_eq!((shape, fill.as_str()), (Shape::Circle, INK_HEX));
    }
}
