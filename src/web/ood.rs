//! Out of distribution on the page: the `Shifted accuracy` readout and the
//! line under the Shift control that sets it beside the accuracy on the
//! test points as they are; and what the Loss readout means.

use super::dom::{by_id, set_text};
use crate::app::{Lang, Mode, Msg, Workspace};
use crate::core::analysis::ood::{ood, Ood};
use crate::core::data::Task;
use crate::core::model::ModelKind;
use crate::render::format::percent;

/// The model on the shifted test points, when classification shows some.
pub fn shown(ws: &Workspace) -> Option<Ood> {
    let shift = ws.shift();
    (ws.mode() == Mode::Classification && shift.amount > 0.0)
        .then(|| ood(ws.session(), shift))
        .flatten()
}

/// Writes the `Shifted accuracy` readout and the Shift control's line.
pub fn readout(ws: &Workspace) {
    let lang = ws.lang();
    let o = shown(ws);
    let value = o.as_ref().map_or("–".into(), |o| percent(o.shifted));
    set_text(&by_id("shifted"), &value);
    let line = match &o {
        Some(o) => {
            let test = if o.heldout {
                Msg::OodHeldout
            } else {
                Msg::OodTraining
            };
            let summary = Msg::OodSummary.fill(
                lang,
                &[
                    ("test", test.text(lang)),
                    ("base", &percent(o.base)),
                    ("shifted", &percent(o.shifted)),
                    ("wrong", &o.confident_wrong().to_string()),
                ],
            );
            let gap = if lang == Lang::Zh { "" } else { " " };
            format!("{summary}{gap}{}", Msg::OodNote.text(lang))
        }
        None => Msg::OodNoShift.text(lang).to_string(),
    };
    set_text(&by_id("ood-note"), &line);
}

/// Writes what the Loss readout means for the model shown.
pub fn loss_note(ws: &Workspace) {
    let lang = ws.lang();
    let text = if ws.mode() == Mode::Language {
        let v = ws.lab().session.vocab().len().to_string();
        Msg::LossLab.fill(lang, &[("v", &v)])
    } else {
        let s = ws.session();
        let msg = match (s.settings().task, s.model().kind()) {
            (Task::Regression, _) => Msg::LossSquared,
            (_, ModelKind::Perceptron) => Msg::LossPerceptron,
            _ => Msg::LossCross,
        };
        let mut text = msg.text(lang).to_string();
        if !s.heldout_indices().is_empty() {
            text.push_str(if lang == Lang::Zh { "" } else { " " });
            text.push_str(Msg::LossHeldout.text(lang));
        }
        text
    };
    set_text(&by_id("loss-note"), &text);
}
