//! A worker's report of a run as a plain JavaScript object (numbers in
//! typed arrays, which cross to the page without a copy), and back.
//!
//! `{ run, from, step, epoch, cursor, params: Float64Array,
//! velocity: Float64Array, curve: Float64Array (5 numbers a point: step,
//! loss, held-out loss, accuracy, held-out accuracy; NaN for none),
//! last: { step, samples, context, target, loss } | null, diverged }`.

use js_sys::{Array, Float64Array, Object, Reflect, Uint32Array};
use wasm_bindgen::{JsCast, JsValue};

use crate::app::lab::Progress;
use crate::core::history::{CurvePoint, Snapshot};
use crate::core::lm::output::LmUpdate;

fn set(o: &Object, key: &str, v: &JsValue) {
    let _ = Reflect::set(o, &key.into(), v);
}

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn num(o: &JsValue, key: &str) -> Option<f64> {
    get(o, key).as_f64()
}

fn opt(v: Option<f64>) -> f64 {
    v.unwrap_or(f64::NAN)
}

fn back(v: f64) -> Option<f64> {
    (!v.is_nan()).then_some(v)
}

/// The report as an object; its typed arrays' buffers are the ones to transfer.
pub fn encode(p: &Progress) -> (JsValue, Array) {
    let o = Object::new();
    let s = &p.snapshot;
    for (key, v) in [
        ("run", p.run as f64),
        ("from", p.from as f64),
        ("step", s.step as f64),
        ("epoch", s.epoch as f64),
        ("cursor", s.cursor as f64),
    ] {
        set(&o, key, &v.into());
    }
    let params = Float64Array::from(&s.params[..]);
    let velocity = Float64Array::from(&s.velocity[..]);
    let curve: Vec<f64> = p
        .curve
        .iter()
        .flat_map(|c| {
            [
                c.step as f64,
                c.train,
                opt(c.heldout),
                opt(c.accuracy),
                opt(c.heldout_accuracy),
            ]
        })
        .collect();
    let curve = Float64Array::from(&curve[..]);
    set(&o, "params", &params);
    set(&o, "velocity", &velocity);
    set(&o, "curve", &curve);
    let last = match &p.last {
        Some(u) => {
            let l = Object::new();
            set(&l, "step", &(u.step as f64).into());
            let samples: Vec<u32> = u.samples.iter().map(|&i| i as u32).collect();
            set(&l, "samples", &Uint32Array::from(&samples[..]));
            set(&l, "context", &Uint32Array::from(&u.context[..]));
            set(&l, "target", &u.target.into());
            set(&l, "loss", &u.batch_loss.into());
            l.into()
        }
        None => JsValue::NULL,
    };
    set(&o, "last", &last);
    set(&o, "diverged", &p.diverged.into());
    let transfer = Array::of3(&params.buffer(), &velocity.buffer(), &curve.buffer());
    (o.into(), transfer)
}

/// The report `o` holds, or `None` when it is not one.
pub fn decode(o: &JsValue) -> Option<Progress> {
    let floats = |key| {
        get(o, key)
            .dyn_into::<Float64Array>()
            .ok()
            .map(|a| a.to_vec())
    };
    let snapshot = Snapshot {
        step: num(o, "step")? as u64,
        epoch: num(o, "epoch")? as u64,
        cursor: num(o, "cursor")? as usize,
        params: floats("params")?,
        velocity: floats("velocity")?,
        data_version: 0,
    };
    let curve = floats("curve")?
        .chunks_exact(5)
        .map(|c| CurvePoint {
            step: c[0] as u64,
            train: c[1],
            heldout: back(c[2]),
            accuracy: back(c[3]),
            heldout_accuracy: back(c[4]),
        })
        .collect();
    let l = get(o, "last");
    let last = if l.is_null() || l.is_undefined() {
        None
    } else {
        let ids = |key| {
            get(&l, key)
                .dyn_into::<Uint32Array>()
                .ok()
                .map(|a| a.to_vec())
        };
        Some(LmUpdate {
            step: num(&l, "step")? as u64,
            samples: ids("samples")?.into_iter().map(|i| i as usize).collect(),
            context: ids("context")?,
            target: num(&l, "target")? as u32,
            batch_loss: num(&l, "loss")?,
        })
    };
    Some(Progress {
        run: num(o, "run")? as u64,
        from: num(o, "from")? as u64,
        snapshot,
        curve,
        last,
        diverged: get(o, "diverged").as_bool().unwrap_or(false),
    })
}
