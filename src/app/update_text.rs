//! The Last update panel's words: what one update did, with the numbers
//! put into the rule the notes write (`Δw = η(Y − y)·x`, `Δb = η(Y − y)`
//! for the perceptron; `Δw = −η(ŷ − Y)·x` for the others), in the page's
//! language. The page only places the lines.

use crate::app::format::{delta, delta_vector, fixed3, loss, vector};
use crate::app::{Lang, Msg};
use crate::core::data::Task;
use crate::core::model::Head;
use crate::core::session::{NoUpdate, Session};

/// What the last update did, as the Last update panel shows it, a line
/// per `(class, text)`: the sample or batch, the prediction against the
/// target, the rule with the numbers put in (`Δw = η(Y − y)·x = …` for one
/// sample of a one-output model without momentum or L2; the changes
/// otherwise), and the batch's mean loss; or one line (`u-none`) saying
/// why there is none.
pub fn update_lines(s: &Session, lang: Lang) -> Vec<(&'static str, String)> {
    let mut lines: Vec<(&'static str, String)> = Vec::new();
    let Some(u) = s.last_update() else {
        let step = s.step_count().to_string();
        let text = match s.no_update() {
            NoUpdate::Start => Msg::UpdateNone.text(lang).into(),
            NoUpdate::Back => Msg::UpdateBack.fill(lang, &[("step", &step)]),
            NoUpdate::Data => Msg::UpdateData.text(lang).into(),
            NoUpdate::Hand => Msg::UpdateHand.text(lang).into(),
            NoUpdate::Loaded => Msg::UpdateLoaded.fill(lang, &[("step", &step)]),
        };
        return vec![("u-none", text)];
    };
    let model = s.model();
    let net = model.net();
    let task = s.settings().task;
    let first = u.samples[0];
    let p = s.data().points[first];
    let x_text = match task {
        Task::Classification => vector(&[p.x, p.y]),
        Task::Regression => fixed3(p.x),
    };
    let line = if u.samples.len() == 1 {
        Msg::UpdateSample.fill(lang, &[("i", &(first + 1).to_string()), ("x", &x_text)])
    } else {
        Msg::UpdateBatch.fill(
            lang,
            &[
                ("n", &u.samples.len().to_string()),
                ("i", &(first + 1).to_string()),
                ("x", &x_text),
            ],
        )
    };
    lines.push(("u-sample", line));

    // Prediction and target.
    let pred = match net.head() {
        Head::Step => format!("y = {}, Y = {}", u.output[0], target_class(lang, u.target)),
        Head::Sigmoid => format!(
            "ŷ = σ(z) = {}, Y = {}",
            fixed3(u.output[0]),
            target_class(lang, u.target)
        ),
        Head::Softmax => format!(
            "p = softmax(z) = {}, Y = {} {}",
            vector(&u.output),
            Msg::TableClass.text(lang),
            u.target as usize + 1
        ),
        Head::Linear => format!("ŷ = {}, Y = {}", fixed3(u.output[0]), fixed3(u.target)),
    };
    lines.push(("u-pred", pred));

    let st = s.settings();
    let plain = st.momentum == 0.0 && st.l2 == 0.0;
    let eta = fixed3(st.learning_rate);
    let single = u.samples.len() == 1;
    let layers = net.layers();
    if layers.len() == 1 && net.outputs() == 1 {
        let layer = &layers[0];
        let dw = &u.delta[layer.w_offset..layer.b_offset];
        let db = u.delta[layer.b_offset];
        let x = vector(&u.input);
        let (dw_text, db_text) = match (net.head(), plain && single) {
            (Head::Step, true) => {
                let (yy, y) = (u.target, u.output[0]);
                (
                    format!(
                        "Δw = η(Y − y)·x = {eta} × ({yy} − {y}) × {x} = {}",
                        delta_vector(dw)
                    ),
                    format!("Δb = η(Y − y) = {eta} × ({yy} − {y}) = {}", delta(db)),
                )
            }
            (_, true) => {
                let (yh, yy) = (fixed3(u.output[0]), fixed3(u.target));
                (
                    format!(
                        "Δw = −η(ŷ − Y)·x = −{eta} × ({yh} − {yy}) × {x} = {}",
                        delta_vector(dw)
                    ),
                    format!("Δb = −η(ŷ − Y) = −{eta} × ({yh} − {yy}) = {}", delta(db)),
                )
            }
            (_, false) => (
                format!("Δw = {}", delta_vector(dw)),
                format!("Δb = {}", delta(db)),
            ),
        };
        lines.push(("u-dw", dw_text));
        lines.push(("u-db", db_text));
        if net.head() == Head::Step && dw.iter().all(|&d| d == 0.0) && db == 0.0 {
            lines.push(("u-note", Msg::UpdateNoChange.text(lang).into()));
        }
    } else if layers.len() == 1 {
        let layer = &layers[0];
        for k in 0..layer.outputs {
            let row = layer.w_offset + k * layer.inputs;
            let text = format!(
                "{}: Δw = {}, Δb = {}",
                Msg::ParamClass.fill(lang, &[("n", &(k + 1).to_string())]),
                delta_vector(&u.delta[row..row + layer.inputs]),
                delta(u.delta[layer.b_offset + k])
            );
            lines.push(("u-dw", text));
        }
    } else {
        for (l, layer) in layers.iter().enumerate() {
            let end = layer.b_offset + layer.outputs;
            let largest = u.delta[layer.w_offset..end]
                .iter()
                .fold(0.0f64, |m, d| m.max(d.abs()));
            let text = Msg::UpdateLayerChange.fill(
                lang,
                &[("layer", &(l + 1).to_string()), ("delta", &delta(largest))],
            );
            lines.push(("u-dw", text));
        }
    }
    let mean = Msg::UpdateMeanLoss.fill(lang, &[("loss", &loss(u.batch_loss))]);
    lines.push(("u-loss", mean));
    lines
}

/// The target `Y` of a one-output model with the class it stands for:
/// `0 (Class 1)`.
fn target_class(lang: Lang, y: f64) -> String {
    let class = crate::app::wording::class_name(lang, y as usize, false);
    format!("{y} ({class})")
}
