//! Points from CSV text, with typed reasons when a row is refused.

use super::data::{check, DataError, Dataset, Point, Task, MAX_CLASSES, MAX_POINTS};
use super::error::excerpt;

/// Why a CSV import was refused; `line` counts from 1.
#[derive(Clone, Debug, PartialEq)]
pub enum CsvError {
    /// A cell that is not a number.
    NotNumber {
        /// The line.
        line: usize,
        /// The cell, shortened by [`excerpt`].
        cell: String,
    },
    /// A row with the wrong number of values.
    Count {
        /// The line.
        line: usize,
        /// Values a row needs.
        want: usize,
        /// Values found.
        found: usize,
    },
    /// A class that is not a whole number from 1 to 5.
    Class {
        /// The line.
        line: usize,
    },
    /// A point the data set refuses.
    Point {
        /// The line.
        line: usize,
        /// Why.
        error: DataError,
    },
    /// No rows at all.
    Empty,
}

/// Reads points from CSV text: `x1,x2,class` rows (class 1 to 5, as the
/// Points table shows it) in classification, `x,y` rows in regression.
/// A header line, blank lines and `#` comments are skipped; commas,
/// semicolons, tabs or spaces separate the values. Any bad row makes the
/// whole import fail with its line number, so nothing half-read is used.
pub fn parse_csv(text: &str, task: Task) -> Result<Dataset, CsvError> {
    let want = match task {
        Task::Classification => 3,
        Task::Regression => 2,
    };
    let mut points = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line
            .split([',', ';', '\t', ' '])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let mut v = Vec::with_capacity(cells.len());
        for cell in &cells {
            match crate::core::decimal::parse_f64(cell) {
                Some(x) => v.push(x),
                None if points.is_empty() && n == 0 => break, // a header
                None => {
                    return Err(CsvError::NotNumber {
                        line: line_no,
                        cell: excerpt(cell),
                    })
                }
            }
        }
        if v.len() != cells.len() {
            continue; // the header line
        }
        if v.len() != want {
            return Err(CsvError::Count {
                line: line_no,
                want,
                found: v.len(),
            });
        }
        let class = if task == Task::Classification {
            let c = v[2];
            if c.fract() != 0.0 || !(1.0..=MAX_CLASSES as f64).contains(&c) {
                return Err(CsvError::Class { line: line_no });
            }
            c as usize - 1
        } else {
            0
        };
        let p = Point::new(v[0], v[1], class);
        let too_many = (points.len() >= MAX_POINTS).then_some(DataError::TooMany);
        if let Some(error) = too_many.or_else(|| check(&p).err()) {
            return Err(CsvError::Point {
                line: line_no,
                error,
            });
        }
        points.push(p);
    }
    if points.is_empty() {
        return Err(CsvError::Empty);
    }
    Dataset::from_points(points).map_err(|error| CsvError::Point { line: 0, error })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_classification_rows_with_a_header() {
        let d = parse_csv(
            "x1,x2,class\n1.5, -2, 1\n\n# note\n0;3;2\n",
            Task::Classification,
        )
        .unwrap();
        assert_eq!(
            d.points,
            vec![Point::new(1.5, -2.0, 0), Point::new(0.0, 3.0, 1)]
        );
    }

    #[test]
    fn reads_regression_rows() {
        let d = parse_csv("0 1\n1\t3\n", Task::Regression).unwrap();
        assert_eq!(
            d.points,
            vec![Point::new(0.0, 1.0, 0), Point::new(1.0, 3.0, 0)]
        );
    }

    #[test]
    fn refuses_bad_rows_with_the_line_number() {
        use CsvError as E;
        let x = |s: &str| s.to_string();
        let cases = [
            (
                "1,2,1\n1,x,2\n",
                E::NotNumber {
                    line: 2,
                    cell: x("x"),
                },
            ),
            (
                "1,2\n",
                E::Count {
                    line: 1,
                    want: 3,
                    found: 2,
                },
            ),
            ("1,2,9\n", E::Class { line: 1 }),
            ("1,2,1.5\n", E::Class { line: 1 }),
            ("", E::Empty),
            (
                "1,nan,1\n",
                E::Point {
                    line: 1,
                    error: DataError::NotFinite,
                },
            ),
            (
                "1,1e300,1\n",
                E::Point {
                    line: 1,
                    error: DataError::TooFar,
                },
            ),
        ];
        for (text, want) in cases {
            assert_eq!(
                parse_csv(text, Task::Classification).unwrap_err(),
                want,
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_long_bad_cell_is_quoted_short() {
        let text = format!("1,2,1\n{},2,1\n", "y".repeat(200_000));
        let CsvError::NotNumber { cell, .. } = parse_csv(&text, Task::Classification).unwrap_err()
        else {
            panic!("a NotNumber error");
        };
        assert!(cell.chars().count() <= crate::core::error::EXCERPT_CHARS + 1);
    }
}
