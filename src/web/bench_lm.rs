//! The language model's benchmark harness for `bench.html` (cargo feature
//! `bench`; see `cargo xtask bench`).
//!
//! [`LmBench`] holds the lab's model as the issue times it — a context of
//! 3 characters, embeddings of 16, 64 tanh units, batches of 16, η = 0.3 —
//! trained on a 2,000-character Chinese text (the built-in Chinese texts,
//! over and over). It exposes an epoch through [`LmSession::step`] (what
//! Play does), an epoch of the bare model (`LmModel::loss_grad` + SGD), one
//! generated character, and everything the JavaScript reference in
//! `www/bench/lm_reference.js` needs to replay the same updates: the
//! initial parameters, the examples, the order of the first epoch and the
//! loss of every step.

use std::hint::black_box;

use wasm_bindgen::prelude::*;

use crate::core::lm::model::LmModel;
use crate::core::lm::session::{LmSession, LmSettings};
use crate::core::rng::SeededRng;

/// Characters of the benchmark text.
pub const TEXT_CHARS: usize = 2000;
/// [`LmBench::epoch`] starts a fresh session after this many epochs.
pub const RESTART_EPOCHS: u64 = 50;

fn js_err(e: impl std::fmt::Debug) -> JsValue {
    JsValue::from_str(&format!("{e:?}"))
}

/// The benchmark language model, its session and a bare copy of its model.
#[wasm_bindgen]
pub struct LmBench {
    /// The app's path: trained through `LmSession::step`.
    session: LmSession,
    /// The bare model (same initial parameters), trained by `loss_grad` + SGD.
    engine: LmModel,
    /// The first epoch's order of examples (the engine's every epoch).
    order: Vec<usize>,
    grad: Vec<f64>,
    /// The context generation continues from.
    context: Vec<u32>,
    rng: SeededRng,
}

#[wasm_bindgen]
impl LmBench {
    /// A fresh benchmark model.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<LmBench, JsValue> {
        let session = LmSession::new(LmSettings::benchmark(TEXT_CHARS)).map_err(js_err)?;
        let engine = session.window_model().expect("the window model").clone();
        // The first epoch's order, read from a throw-away session's updates.
        let mut probe = session.clone();
        let mut order = Vec::with_capacity(session.windows().expect("the window model").len());
        while probe.epoch() == 0 {
            order.extend_from_slice(&probe.step().map_err(js_err)?.samples);
        }
        let grad = vec![0.0; engine.param_count()];
        let context = session
            .windows()
            .expect("the window model")
            .row(100)
            .to_vec();
        Ok(LmBench {
            session,
            engine,
            order,
            grad,
            context,
            rng: SeededRng::new(1, 7),
        })
    }

    /// One epoch the way Play trains (`ceil(2000 / 16)` = 125 calls of
    /// `LmSession::step`: forward, backward, SGD, divergence check, history,
    /// loss curve). A fresh session every [`RESTART_EPOCHS`] epochs, so each
    /// call is timed early in training. Returns the steps made.
    pub fn epoch(&mut self) -> Result<u32, JsValue> {
        if self.session.epoch() >= RESTART_EPOCHS {
            self.session.reset();
        }
        let steps = self.steps_per_epoch();
        self.session.run(steps).map_err(|(_, e)| js_err(e))?;
        Ok(steps as u32)
    }

    /// The same 125 updates by the bare model alone (`loss_grad` + SGD, in
    /// the first epoch's order): the work of the JavaScript epoch.
    #[wasm_bindgen(js_name = engineEpoch)]
    pub fn engine_epoch(&mut self) -> f64 {
        let lr = self.learning_rate();
        let mut last = 0.0;
        for batch in self.order.chunks(self.batch_size()) {
            last = self.engine.loss_grad(
                self.session.windows().expect("the window model"),
                batch,
                &mut self.grad,
            );
            self.engine.sgd(lr, &self.grad, f64::INFINITY);
        }
        black_box(last)
    }

    /// Generates `n` characters from the trained-so-far session (softmax,
    /// temperature 1, top-k 10, one draw each), continuing one context.
    /// Returns the last token.
    pub fn generate(&mut self, n: usize) -> u32 {
        let mut token = 0;
        for _ in 0..n {
            token = self
                .session
                .next(&self.context, 1.0, 10, &mut self.rng)
                .token;
            self.context.rotate_left(1);
            if let Some(last) = self.context.last_mut() {
                *last = token;
            }
        }
        token
    }

    // ----- what the JavaScript reference needs -----

    /// `[V, context ids per example, d, hidden units]`.
    pub fn shape(&self) -> Vec<u32> {
        let m = self.session.window_model().expect("the window model");
        let hidden = m.dense().sizes().len().saturating_sub(2);
        let h = if hidden > 0 { m.dense().sizes()[1] } else { 0 };
        [m.vocab(), m.width(), m.embed(), h]
            .map(|x| x as u32)
            .to_vec()
    }

    /// The session's parameters: `E` ((V + 1) rows of d, the pad last), then
    /// per layer `W` row-major (a row per output unit) followed by `b`.
    pub fn params(&self) -> Vec<f64> {
        self.session.params()
    }

    /// The bare model's parameters, laid out as [`LmBench::params`].
    #[wasm_bindgen(js_name = engineParams)]
    pub fn engine_params(&self) -> Vec<f64> {
        self.engine.params_vec()
    }

    /// Every example's context ids, flat (`width` per example; V is the pad).
    pub fn contexts(&self) -> Vec<u32> {
        let w = self.session.windows().expect("the window model");
        (0..w.len()).flat_map(|i| w.row(i).to_vec()).collect()
    }

    /// Every example's target id.
    pub fn targets(&self) -> Vec<u32> {
        let w = self.session.windows().expect("the window model");
        (0..w.len()).map(|i| w.target(i)).collect()
    }

    /// The first epoch's order of examples (batches are runs of `batchSize`).
    pub fn order(&self) -> Vec<u32> {
        self.order.iter().map(|&i| i as u32).collect()
    }

    /// Learning rate `η`.
    #[wasm_bindgen(js_name = learningRate)]
    pub fn learning_rate(&self) -> f64 {
        self.session.settings().learning_rate
    }

    /// Examples per update.
    #[wasm_bindgen(js_name = batchSize)]
    pub fn batch_size(&self) -> usize {
        self.session.settings().batch_size
    }

    /// Updates per epoch, `ceil(examples / batch)`.
    #[wasm_bindgen(js_name = stepsPerEpoch)]
    pub fn steps_per_epoch(&self) -> usize {
        self.session
            .windows()
            .expect("the window model")
            .len()
            .div_ceil(self.batch_size())
    }

    /// Makes `steps` session steps and returns, per step, the batch's loss
    /// (before the update), the batch size and the batch's example indices,
    /// flat: `[loss, len, i1 … i_len, loss, len, …]`.
    pub fn trace(&mut self, steps: usize) -> Result<Vec<f64>, JsValue> {
        let mut out = Vec::new();
        for _ in 0..steps {
            let u = self.session.step().map_err(js_err)?;
            out.push(u.batch_loss);
            out.push(u.samples.len() as f64);
            out.extend(u.samples.iter().map(|&i| i as f64));
        }
        Ok(out)
    }

    /// Mean loss of the session's model over every example.
    pub fn loss(&self) -> f64 {
        self.session.loss()
    }
}
