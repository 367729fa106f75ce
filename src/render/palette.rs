//! Class colours, chosen to stay distinct for common colour-vision deficiencies.

/// RGB colour of each class (orange, blue, green, purple, red).
pub const CLASS_RGB: [[u8; 3]; 5] = [
    [230, 126, 34],
    [41, 114, 196],
    [39, 158, 96],
    [142, 68, 173],
    [200, 45, 60],
];

/// RGB of class `k` (wraps past the last colour).
pub fn class_rgb(k: usize) -> [u8; 3] {
    CLASS_RGB[k % CLASS_RGB.len()]
}

/// `#rrggbb` of class `k`, for CSS.
pub fn class_hex(k: usize) -> String {
    let [r, g, b] = class_rgb(k);
    format!("#{r:02x}{g:02x}{b:02x}")
}
