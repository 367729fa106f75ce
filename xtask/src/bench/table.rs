//! The results tables as text: the browser figures (aligned plain text for
//! the console, Markdown for `BENCHMARKS.md`) and the criterion figures next
//! to the browser's median of the same work.

use super::native::NativeFigure;
use super::numbers::ms;

/// One line of the results table, already formatted.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// What was measured.
    pub figure: String,
    /// The fastest sample.
    pub min: String,
    /// The median sample.
    pub median: String,
    /// The JavaScript reference's median.
    pub js: String,
    /// JS median / wasm median.
    pub ratio: String,
    /// The target it is held against.
    pub target: String,
    /// Whether the target is met (`None`: no target).
    pub met: Option<bool>,
    /// What the figure includes.
    pub detail: String,
}

fn met_text(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "yes",
        Some(false) => "NO",
        None => "–",
    }
}

const HEADER: [&str; 7] = [
    "figure (browser)",
    "min",
    "median",
    "JS reference",
    "ratio",
    "target",
    "met?",
];

fn cells(r: &Row) -> [String; 7] {
    [
        r.figure.clone(),
        r.min.clone(),
        r.median.clone(),
        r.js.clone(),
        r.ratio.clone(),
        r.target.clone(),
        met_text(r.met).to_string(),
    ]
}

/// The table as aligned plain text.
pub fn render_text(rows: &[Row]) -> String {
    let all: Vec<[String; 7]> = std::iter::once(HEADER.map(String::from))
        .chain(rows.iter().map(cells))
        .collect();
    let widths: Vec<usize> = (0..7)
        .map(|c| all.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for (i, r) in all.iter().enumerate() {
        let line: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(c, v)| {
                let pad = widths[c] - v.chars().count();
                if c == 0 || c == 5 {
                    format!("{v}{}", " ".repeat(pad))
                } else {
                    format!("{}{v}", " ".repeat(pad))
                }
            })
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
        if i == 0 {
            let total = widths.iter().sum::<usize>() + 2 * (widths.len() - 1);
            out.push_str(&"-".repeat(total));
            out.push('\n');
        }
    }
    out
}

/// The table in Markdown.
pub fn render_markdown(rows: &[Row]) -> String {
    markdown(
        HEADER,
        "|:--|--:|--:|--:|--:|:--|:-:|",
        rows.iter().map(cells),
    )
}

/// A Markdown table: `header`, the `align` line, then `rows`.
fn markdown<const N: usize>(
    header: [&str; N],
    align: &str,
    rows: impl IntoIterator<Item = [String; N]>,
) -> String {
    let mut out = format!("| {} |\n{align}\n", header.join(" | "));
    for r in rows {
        out.push_str(&format!("| {} |\n", r.join(" | ")));
    }
    out
}

/// The browser figure a criterion benchmark measures too, by title.
fn browser_twin(title: &str) -> Option<&'static str> {
    // The epoch too: both start a fresh session every 100 epochs. The
    // engine epoch: the same 50 updates (its sample order differs).
    if title.starts_with("epoch") {
        Some("epoch")
    } else if title.starts_with("engine epoch") {
        Some("epoch_engine")
    } else if title.starts_with("grid 100x100") {
        Some("grid100")
    } else if title.starts_with("grid 200x200") {
        Some("grid200")
    } else {
        None
    }
}

/// The browser's wasm median of a figure by its id, when the browser stage ran.
pub type BrowserMedian<'a> = &'a dyn Fn(&str) -> Option<f64>;

/// Rows of the native table: title, mean, median, browser median, wasm/native.
fn native_rows(native: &[NativeFigure], browser: BrowserMedian) -> Vec<[String; 5]> {
    native
        .iter()
        .map(|f| {
            let median_ms = f.median_ns / 1e6;
            let twin = browser_twin(&f.title).and_then(browser);
            [
                format!("{}{}", f.title, if f.fresh { "" } else { " (earlier run)" }),
                ms(f.mean_ns / 1e6),
                ms(median_ms),
                twin.map_or("–".into(), ms),
                twin.map_or("–".into(), |w| format!("{:.1}×", w / median_ms)),
            ]
        })
        .collect()
}

/// The header of the native table.
const NATIVE_HEADER: [&str; 5] = [
    "native (criterion)",
    "mean",
    "median",
    "same in the browser",
    "browser / native",
];

/// The native table as plain text (or a note that there are no results).
pub fn render_native_text(native: &[NativeFigure], browser: BrowserMedian) -> String {
    if native.is_empty() {
        return "native: no criterion results (run `cargo xtask bench --native`)".into();
    }
    let rows = native_rows(native, browser);
    let mut out = format!("{}\n", NATIVE_HEADER.join("  |  "));
    for r in rows {
        out.push_str(&format!("{}\n", r.join("  |  ")));
    }
    out
}

/// The native table in Markdown, next to the browser's figures.
pub fn render_native_markdown(native: &[NativeFigure], browser: BrowserMedian) -> String {
    markdown(
        NATIVE_HEADER,
        "|:--|--:|--:|--:|--:|",
        native_rows(native, browser),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_line_up() {
        let row = Row {
            figure: "grid".into(),
            min: "1 ms".into(),
            median: "2 ms".into(),
            js: "–".into(),
            ratio: "–".into(),
            target: "< 2 ms".into(),
            met: Some(false),
            detail: String::new(),
        };
        let text = render_text(std::slice::from_ref(&row));
        assert!(text.lines().count() == 3 && text.contains("NO"));
        let md = render_markdown(&[row]);
        assert!(md.starts_with("| figure (browser) |") && md.contains("| NO |"));
    }

    #[test]
    fn criterion_titles_find_their_browser_twin() {
        assert_eq!(browser_twin("grid 200x200 2-8-8-1 tanh"), Some("grid200"));
    }
}
