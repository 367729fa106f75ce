//! The transformer's benchmark harness for `bench.html` (cargo feature
//! `bench`; see `cargo xtask bench`).
//!
//! [`TransformerBench`] holds the lab's default transformer (2 blocks, 2
//! heads, width 32, context 32, batch 16, Adam 3e-3) on the benchmark's
//! 2,000 Chinese characters. It gives one training step as Play makes it
//! (`LmSession::step`), what TensorFlow.js needs to make the same step from
//! the same weights (`www/bench/transformer_tf.js`), the floating-point
//! work of a step, and a plain matrix multiply on the same dense kernel as
//! the roof that work is measured against.

use wasm_bindgen::prelude::*;

use crate::core::lm::session::{LmKind, LmSession, LmSettings};
use crate::core::nn::linear;
use crate::core::nn::{Tile, TILE};

fn js_err(e: impl std::fmt::Debug) -> JsValue {
    JsValue::from_str(&format!("{e:?}"))
}

/// Tokens of the roof's matrix multiply.
const ROOF_TOKENS: usize = 1024;
/// Its width in and out.
const ROOF_WIDTH: usize = 128;

/// The benchmark transformer and the roof's buffers.
#[wasm_bindgen]
pub struct TransformerBench {
    session: LmSession,
    w: Vec<f32>,
    b: Vec<f32>,
    x: Vec<Tile<f32>>,
    y: Vec<Tile<f32>>,
}

#[wasm_bindgen]
impl TransformerBench {
    /// The default transformer on the benchmark text, fresh.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<TransformerBench, JsValue> {
        let text = LmSettings::benchmark(super::bench_lm::TEXT_CHARS).text;
        let settings = LmSettings::for_text(&text).with_model(LmKind::Transformer);
        let session = LmSession::new(settings).map_err(js_err)?;
        let tiles = ROOF_TOKENS / TILE;
        Ok(TransformerBench {
            session,
            w: (0..ROOF_WIDTH * ROOF_WIDTH)
                .map(|i| ((i % 17) as f32 - 8.0) / 64.0)
                .collect(),
            b: vec![0.01; ROOF_WIDTH],
            x: (0..tiles * ROOF_WIDTH)
                .map(|i| [((i % 13) as f32 - 6.0) / 8.0; TILE])
                .collect(),
            y: vec![[0.0; TILE]; tiles * ROOF_WIDTH],
        })
    }

    /// `[V, blocks, heads, width, context, batch]`.
    pub fn shape(&self) -> Vec<u32> {
        let s = self.session.settings();
        [
            self.session.vocab().len(),
            s.blocks,
            s.heads,
            s.width,
            s.context,
            s.batch_size,
        ]
        .map(|v| v as u32)
        .to_vec()
    }

    /// Adam's learning rate.
    #[wasm_bindgen(js_name = learningRate)]
    pub fn learning_rate(&self) -> f64 {
        self.session.settings().learning_rate
    }

    /// The parameters now, in the transformer's layout.
    pub fn params(&self) -> Vec<f64> {
        self.session.params()
    }

    /// The next step's batch: its ids, then its targets (`B·T` each).
    #[wasm_bindgen(js_name = nextBatch)]
    pub fn next_batch(&mut self) -> Vec<u32> {
        let b = self
            .session
            .next_transformer_batch()
            .expect("the benchmark model is a transformer");
        [b.ids, b.targets].concat()
    }

    /// One training step as Play makes it; returns its batch's loss.
    pub fn step(&mut self) -> Result<f64, JsValue> {
        Ok(self.session.step().map_err(js_err)?.batch_loss)
    }

    /// Floating-point operations of one step's matrix work: forward and
    /// backward of every dense layer and of the attention products (the
    /// causal half): `6·tokens·(L·12·C² + V·C + L·T·C)`.
    #[wasm_bindgen(js_name = stepFlops)]
    pub fn step_flops(&self) -> f64 {
        let s = self.session.settings();
        let (l, c, t) = (s.blocks as f64, s.width as f64, s.context as f64);
        let v = self.session.vocab().len() as f64;
        let tokens = (s.batch_size * s.context) as f64;
        let dense = l * 12.0 * c * c + v * c;
        let attention = l * t * c;
        6.0 * tokens * (dense + attention)
    }

    /// The roof: one `1024 × 128 → 128` dense layer forward on the same
    /// kernel (`2·1024·128·128` operations). Returns a value of the output.
    pub fn roof(&mut self) -> f32 {
        linear::forward_tiles(&self.w, &self.b, &self.x, &mut self.y);
        self.y[7][3]
    }

    /// Floating-point operations of [`TransformerBench::roof`].
    #[wasm_bindgen(js_name = roofFlops)]
    pub fn roof_flops(&self) -> f64 {
        2.0 * (ROOF_TOKENS * ROOF_WIDTH * ROOF_WIDTH) as f64
    }
}
