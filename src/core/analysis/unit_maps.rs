//! Every unit's output over the plane, for the network diagram: each input
//! feature, each hidden unit `a = f(z)`, `z = w·a′ + b` of the layer below,
//! and each output, on a small `n × n` grid in one batched pass; and one
//! unit's weighted sum written out at a point, for hovering.

use super::grid::node;
use crate::core::data::{Task, DOMAIN};
use crate::core::model::{grid, Model};

/// Nodes each way of the app's thumbnails.
pub const THUMB: usize = 24;

/// Every unit's values over the grid, layer by layer.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitMaps {
    /// Units per layer, inputs first, outputs last.
    pub sizes: Vec<usize>,
    /// Nodes across (`x1` from −6 to 6).
    pub cols: usize,
    /// Nodes up (`x2` from −6 to 6; 1 in regression, where the input is `x`).
    pub rows: usize,
    /// Unit `u` (inputs first) at node `(i, j)` (`i` across, `j` up):
    /// `values[u·rows·cols + j·cols + i]`.
    pub values: Vec<f32>,
}

impl UnitMaps {
    /// Every unit of `model` on an `n × n` grid over `[−6, 6]²` (`n × 1` along
    /// `x` in regression), from the drawing pass (`f32`).
    pub fn compute(model: &dyn Model, n: usize) -> UnitMaps {
        let n = n.max(2);
        let xs: Vec<f64> = (0..n).map(|k| node(-DOMAIN, DOMAIN, k, n)).collect();
        let ys = if model.task() == Task::Regression {
            vec![0.0]
        } else {
            xs.clone()
        };
        let net = model.net();
        let mut values = vec![0f32; net.shape().units() * n * ys.len()];
        grid::units_on_grid(net, model.encoder(), &xs, &ys, &mut values);
        UnitMaps {
            sizes: net.sizes().to_vec(),
            cols: n,
            rows: ys.len(),
            values,
        }
    }

    /// The values of unit `unit` of layer `layer` (0 = the inputs).
    pub fn unit(&self, layer: usize, unit: usize) -> &[f32] {
        let cells = self.rows * self.cols;
        let u = self.sizes[..layer].iter().sum::<usize>() + unit;
        &self.values[u * cells..(u + 1) * cells]
    }
}

/// One unit's weighted sum at a point: `z = w·a + b` and what it outputs.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitAt {
    /// `a`: the layer below's values (the features for the first layer).
    pub inputs: Vec<f64>,
    /// `w`: the unit's weights, one per input.
    pub weights: Vec<f64>,
    /// `b`: the unit's bias.
    pub bias: f64,
    /// `z = w·a + b`.
    pub z: f64,
    /// The unit's output: `f(z)`, or the model's output for an output unit.
    pub output: f64,
}

/// Unit `unit` of weight layer `layer` (0 = the first layer of weights, the
/// last is the output) at the point `(x1, x2)`, in `f64`; `None` when there
/// is no such unit.
pub fn unit_at(model: &dyn Model, x1: f64, x2: f64, layer: usize, unit: usize) -> Option<UnitAt> {
    let net = model.net();
    let shape = net.layers().get(layer)?;
    if unit >= shape.outputs {
        return None;
    }
    let mut inputs = vec![0.0; shape.inputs];
    if layer == 0 {
        model.encoder().encode(x1, x2, &mut inputs);
    } else {
        model.hidden_activations(x1, x2, layer - 1, &mut inputs);
    }
    let p = net.params();
    let weights = p[shape.w_offset + unit * shape.inputs..][..shape.inputs].to_vec();
    let bias = p[shape.b_offset + unit];
    let z = bias + weights.iter().zip(&inputs).map(|(w, a)| w * a).sum::<f64>();
    let output = if layer + 1 < net.layers().len() {
        net.activation().apply(z)
    } else {
        let mut out = vec![0.0; net.outputs()];
        model.predict(x1, x2, &mut out);
        out[unit]
    };
    Some(UnitAt {
        inputs,
        weights,
        bias,
        z,
        output,
    })
}
