//! Under the loss curve: the confusion matrix of the training points
//! (classification) and, for polynomial regression, the training and
//! held-out loss of every degree's best fit.

use web_sys::{Element, HtmlElement};

use super::dom::{append, by_id, clear, make, show};
use crate::app::lessons::FIT_STEPS;
use crate::app::metrics::{best_degree, degree_fits, Confusion, DegreeFit};
use crate::app::{Lang, Msg};
use crate::core::model::ModelKind;
use crate::core::session::Session;
use crate::core::settings::Knob;
use crate::render::format::{loss, percent};

/// A row of cells (`th` for the first when `head`).
fn row(cells: &[String], head: bool) -> Element {
    let tr = make("tr", "", "");
    for (k, c) in cells.iter().enumerate() {
        let tag = if head || k == 0 { "th" } else { "td" };
        append(&tr, &make(tag, "", c));
    }
    tr
}

/// The confusion matrix of `s`'s training points, or hides it in regression.
pub fn confusion(s: &Session, lang: Lang, shown: bool) {
    let region: HtmlElement = by_id("confusion");
    let m = Confusion::of(s).filter(|_| shown);
    show(&region, m.is_some());
    let Some(m) = m else {
        return;
    };
    let table: Element = by_id("confusion-table");
    // Rebuilt only when a count changed (while playing they settle soon).
    let counts: Vec<String> = m.counts.iter().map(|c| c.to_string()).collect();
    let key = format!("{} {}", lang.code(), counts.join(","));
    if table.get_attribute("data-key").as_deref() == Some(key.as_str()) {
        return;
    }
    let _ = table.set_attribute("data-key", &key);
    clear(&table);
    let class = |k: usize| Msg::ClassN.fill(lang, &[("n", &(k + 1).to_string())]);
    let mut head = vec![Msg::ConfusionCorner.text(lang).to_string()];
    head.extend((0..m.classes).map(class));
    append(&table, &row(&head, true));
    for t in 0..m.classes {
        let tr = make("tr", "", "");
        append(&tr, &make("th", "", &class(t)));
        for p in 0..m.classes {
            let td = make(
                "td",
                if p == t { "diag" } else { "" },
                &m.count(t, p).to_string(),
            );
            append(&tr, &td);
        }
        append(&table, &tr);
    }
    let total = m.total();
    let share = if total > 0 {
        percent(m.right() as f64 / total as f64)
    } else {
        "–".into()
    };
    let note = Msg::ConfusionRight.fill(
        lang,
        &[
            ("right", &m.right().to_string()),
            ("total", &total.to_string()),
            ("share", &share),
        ],
    );
    let caption = make("caption", "", &note);
    let _ = table.insert_before(&caption, table.first_child().as_ref());
}

/// The per-degree losses of polynomial regression (in a lesson, the
/// degrees the learner trained: `trials`), or hides them.
pub fn degrees(s: &Session, lang: Lang, shown: bool, trials: Option<Vec<DegreeFit>>) {
    let region: HtmlElement = by_id("degrees");
    let on = shown && s.model().kind() == ModelKind::Polynomial;
    show(&region, on);
    if !on {
        return;
    }
    let table: Element = by_id("degrees-table");
    clear(&table);
    let own = trials.is_some();
    let fits = trials.unwrap_or_else(|| degree_fits(s, Knob::Degree.range().max as usize));
    let best = best_degree(&fits);
    let head = [
        Msg::Degree.text(lang).to_string(),
        Msg::TrainSeries.text(lang).to_string(),
        Msg::HeldoutSeries.text(lang).to_string(),
    ];
    append(&table, &row(&head, true));
    let current = s.settings().model.degree;
    for f in &fits {
        let mut held = f.heldout.map_or("–".into(), loss);
        if best == Some(f.degree) {
            held = format!("{held} ◀ {}", Msg::DegreeBest.text(lang));
        }
        let tr = row(&[f.degree.to_string(), loss(f.train), held], false);
        let mut class = String::new();
        if best == Some(f.degree) {
            class.push_str("best ");
        }
        if current == f.degree {
            class.push_str("current");
        }
        let _ = tr.set_attribute("class", class.trim());
        append(&table, &tr);
    }
    let note = if own {
        Msg::DegreesYours.fill(lang, &[("n", &FIT_STEPS.to_string())])
    } else if best.is_some() {
        Msg::DegreesNote.text(lang).to_string()
    } else {
        Msg::DegreesHoldOut.text(lang).to_string()
    };
    let caption = make("caption", "", &note);
    let _ = table.insert_before(&caption, table.first_child().as_ref());
}
