//! The Points table's value cells: which one was typed into, and why its
//! text was refused.

use crate::core::data::DataError;

/// A cell of a point's row in the Points table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointField {
    /// `x1` (or `x`).
    X,
    /// `x2` (or `y`).
    Y,
    /// The class.
    Class,
}

/// Why a Points-table cell's text was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum CellError {
    /// A coordinate's text is not a number.
    NotANumber,
    /// A class's text is not a whole number from 1 to this many classes.
    NotAClass(usize),
    /// The number is not a place a point may have.
    Data(DataError),
}
