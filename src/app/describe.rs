//! The current model in words, for the `Describe` button: a line's
//! crossings with the axes, its slope and which side is class 2; a
//! network's classes by region of the plane; the accuracy and the points
//! on the wrong side; for regression the fitted equation and the loss.

use crate::core::data::{Task, DOMAIN};
use crate::core::model::ModelKind;
use crate::core::session::Session;

use super::format::{fixed3, loss, percent, vector};
use super::lang::Lang;
use super::messages::Msg;
use super::wording::model_name;
use super::workspace::{Mode, Workspace};

/// Points on the wrong side named one by one; the rest are counted.
pub const WRONG_NAMED: usize = 3;
/// A weight this small counts as 0 (the line is parallel to that axis).
const TINY: f64 = 1e-12;

/// The line `w1·x1 + w2·x2 + b = 0`, by how it meets the axes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Line {
    /// `w = 0`: no line; `z = b` everywhere.
    None,
    /// `w2 = 0`: the line `x1 = a`.
    Vertical {
        /// Where it crosses the x1 axis, `a = −b/w1`.
        a: f64,
    },
    /// `w1 = 0`: the line `x2 = c`.
    Horizontal {
        /// Where it crosses the x2 axis, `c = −b/w2`.
        c: f64,
    },
    /// Both axes crossed: `x1 = a` at `x2 = 0`, `x2 = c` at `x1 = 0`.
    Sloped {
        /// `a = −b/w1`.
        a: f64,
        /// `c = −b/w2`.
        c: f64,
        /// `−w1/w2`.
        slope: f64,
    },
}

/// How the line `w1·x1 + w2·x2 + b = 0` meets the axes.
pub fn line(w1: f64, w2: f64, b: f64) -> Line {
    match (w1.abs() < TINY, w2.abs() < TINY) {
        (true, true) => Line::None,
        (false, true) => Line::Vertical { a: -b / w1 },
        (true, false) => Line::Horizontal { c: -b / w2 },
        (false, false) => Line::Sloped {
            a: -b / w1,
            c: -b / w2,
            slope: -w1 / w2,
        },
    }
}

/// `terms` (coefficient, symbol) as `0.500·x1 − 0.300·x2 + 0.100`.
pub fn equation(terms: &[(f64, &str)]) -> String {
    let mut out = String::new();
    for (i, &(v, sym)) in terms.iter().enumerate() {
        let mag = fixed3(v.abs());
        let neg = v < 0.0 && mag != fixed3(0.0);
        match (i, neg) {
            (0, true) => out.push('−'),
            (0, false) => {}
            (_, true) => out.push_str(" − "),
            (_, false) => out.push_str(" + "),
        }
        out.push_str(&mag);
        if !sym.is_empty() {
            out.push('·');
            out.push_str(sym);
        }
    }
    out
}

/// `items` as one list, each added by `next` (`{list}, {item}`).
pub fn join<S: AsRef<str>>(lang: Lang, next: Msg, items: &[S]) -> String {
    let mut it = items.iter();
    let first = it.next().map_or(String::new(), |s| s.as_ref().to_string());
    it.fold(first, |list, item| {
        next.fill(lang, &[("list", &list), ("item", item.as_ref())])
    })
}

/// The description of the model shown, one sentence per entry (empty in
/// the language lab).
pub fn describe(ws: &Workspace) -> Vec<String> {
    if ws.mode() == Mode::Language {
        return Vec::new();
    }
    let (s, lang) = (ws.session(), ws.lang());
    let model = model_name(s.model().kind()).text(lang);
    let mut out = vec![Msg::DHead.fill(
        lang,
        &[("model", model), ("step", &s.step_count().to_string())],
    )];
    match s.settings().task {
        Task::Classification => {
            match s.model().linear_boundary() {
                Some((w1, w2, b)) => out.extend(boundary(lang, w1, w2, b)),
                None => out.extend(regions(s, lang)),
            }
            out.extend(accuracy(s, lang));
        }
        Task::Regression => {
            out.push(fit(s, lang));
            let l = loss(s.metrics().loss);
            out.push(Msg::DFitError.fill(lang, &[("loss", &l)]));
        }
    }
    out
}

/// The line, where it crosses the axes, and the side class 2 is on.
pub fn boundary(lang: Lang, w1: f64, w2: f64, b: f64) -> Vec<String> {
    let f = |v: f64| fixed3(v);
    let (text, side) = match line(w1, w2, b) {
        Line::None => {
            let k = if b > 0.0 { "2" } else { "1" };
            return vec![Msg::DNoLine.fill(lang, &[("k", k)])];
        }
        Line::Vertical { a } => (
            Msg::DVertical.fill(lang, &[("a", &f(a))]),
            if w1 > 0.0 {
                Msg::DRightOf
            } else {
                Msg::DLeftOf
            },
        ),
        Line::Horizontal { c } => (
            Msg::DHorizontal.fill(lang, &[("c", &f(c))]),
            if w2 > 0.0 { Msg::DAbove } else { Msg::DBelow },
        ),
        Line::Sloped { a, c, slope } => {
            let eq = equation(&[(w1, "x1"), (w2, "x2"), (b, "")]);
            let args = [
                ("eq", &eq),
                ("a", &f(a)),
                ("c", &f(c)),
                ("slope", &f(slope)),
            ];
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let side = if w2 > 0.0 { Msg::DAbove } else { Msg::DBelow };
            (Msg::DLine.fill(lang, &args), side)
        }
    };
    vec![text, Msg::DSide.fill(lang, &[("side", side.text(lang))])]
}

/// The nine parts of the plane, row by row from the top left.
const PLACES: [Msg; 9] = [
    Msg::DTopLeft,
    Msg::DTop,
    Msg::DTopRight,
    Msg::DLeft,
    Msg::DCentre,
    Msg::DRight,
    Msg::DBottomLeft,
    Msg::DBottom,
    Msg::DBottomRight,
];

/// The class that holds most of each ninth of the area shown (a 3 × 3
/// grid, each part sampled 4 × 4), in the order of [`PLACES`].
pub fn region_classes(s: &Session) -> [usize; 9] {
    let (model, k) = (s.model(), s.settings().classes.max(2));
    let third = 2.0 * DOMAIN / 3.0;
    std::array::from_fn(|cell| {
        let (row, col) = (cell / 3, cell % 3);
        let mut votes = [0usize; 16];
        for i in 0..16 {
            let x1 = -DOMAIN + third * (col as f64 + ((i % 4) as f64 + 0.5) / 4.0);
            let x2 = DOMAIN - third * (row as f64 + ((i / 4) as f64 + 0.5) / 4.0);
            votes[model.predict_class(x1, x2).min(15)] += 1;
        }
        (0..k).fold(0, |b, c| if votes[c] > votes[b] { c } else { b })
    })
}

/// Which class holds which parts of the plane.
fn regions(s: &Session, lang: Lang) -> Vec<String> {
    let held = region_classes(s);
    let mut out = Vec::new();
    for k in 0..s.settings().classes.max(2) {
        let places: Vec<&str> = (0..9)
            .filter(|&c| held[c] == k)
            .map(|c| PLACES[c].text(lang))
            .collect();
        let n = (k + 1).to_string();
        match places.len() {
            0 => {}
            9 => out.push(Msg::DWhole.fill(lang, &[("k", &n)])),
            _ => {
                let places = join(lang, Msg::PlaceNext, &places);
                out.push(Msg::DRegion.fill(lang, &[("k", &n), ("places", &places)]));
            }
        }
    }
    out
}

/// The accuracy, and the training points on the wrong side.
fn accuracy(s: &Session, lang: Lang) -> Vec<String> {
    let (model, pts) = (s.model(), &s.data().points);
    let train = s.train_indices();
    let wrong: Vec<usize> = train
        .iter()
        .copied()
        .filter(|&i| model.predict_class(pts[i].x, pts[i].y) != pts[i].class)
        .collect();
    let n = train.len();
    if n == 0 {
        return Vec::new();
    }
    let right = n - wrong.len();
    let acc = percent(right as f64 / n as f64);
    let mut out = vec![Msg::DAccuracy.fill(
        lang,
        &[
            ("acc", &acc),
            ("right", &right.to_string()),
            ("n", &n.to_string()),
        ],
    )];
    if wrong.is_empty() {
        out.push(Msg::DAllRight.text(lang).into());
        return out;
    }
    let mut items: Vec<String> = wrong
        .iter()
        .take(WRONG_NAMED)
        .map(|&i| {
            let p = pts[i];
            let x = vector(&[p.x, p.y]);
            Msg::DWrongPoint.fill(lang, &[("x", &x), ("k", &(p.class + 1).to_string())])
        })
        .collect();
    if wrong.len() > WRONG_NAMED {
        let more = (wrong.len() - WRONG_NAMED).to_string();
        items.push(Msg::DMore.fill(lang, &[("n", &more)]));
    }
    let list = join(lang, Msg::ListNext, &items);
    out.push(Msg::DWrong.fill(lang, &[("list", &list)]));
    out
}

/// The fitted equation of a line; a curve by its values at five x.
fn fit(s: &Session, lang: Lang) -> String {
    let model = s.model();
    if model.kind() == ModelKind::Linear {
        let (w, b) = (model.params()[0], model.params()[1]);
        let eq = equation(&[(w, "x"), (b, "")]);
        return Msg::DFitLine.fill(lang, &[("eq", &eq), ("w", &fixed3(w)), ("b", &fixed3(b))]);
    }
    let xs = [-DOMAIN, -DOMAIN / 2.0, 0.0, DOMAIN / 2.0, DOMAIN];
    let ys: Vec<String> = xs
        .iter()
        .map(|&x| {
            let mut y = [0.0];
            model.predict(x, 0.0, &mut y);
            fixed3(y[0])
        })
        .collect();
    let xs: Vec<String> = xs.iter().map(|&x| fixed3(x)).collect();
    let (xs, ys) = (
        join(lang, Msg::PlaceNext, &xs),
        join(lang, Msg::PlaceNext, &ys),
    );
    Msg::DFitCurve.fill(lang, &[("xs", &xs), ("ys", &ys)])
}
