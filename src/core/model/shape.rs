//! [`Shape`]: the widths of a dense stack `inputs → hidden… → outputs`, its
//! hidden activation and head, and where each layer's `W` and `b` sit in the
//! flat parameter buffer. The plain description the training pass takes.

use super::head::Head;
use crate::core::activation::Activation;

/// Widest layer (inputs, hidden units or outputs) the engine takes. (The
/// app's models of the plane are held far below this by `ModelSpec`.)
pub const MAX_LAYER_WIDTH: usize = 4096;

/// Shape of one dense layer `z = W·a + b`.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerShape {
    /// Units feeding the layer.
    pub inputs: usize,
    /// Units in the layer.
    pub outputs: usize,
    /// Offset of `W` (row-major, `outputs × inputs`) in the parameter buffer.
    pub w_offset: usize,
    /// Offset of `b` (`outputs`) in the parameter buffer.
    pub b_offset: usize,
}

/// The architecture of a dense stack (no parameters).
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    sizes: Vec<usize>,
    layers: Vec<LayerShape>,
    /// `starts[l]`: units of the layers before `l` (where `a_l` starts when
    /// every layer's values sit one after another); last: all units.
    starts: Vec<usize>,
    activation: Activation,
    head: Head,
    params: usize,
    widest: usize,
}

impl Shape {
    /// Units per layer `sizes = [inputs, hidden…, outputs]` (at least two,
    /// each 1 to [`MAX_LAYER_WIDTH`]), `activation` between layers and
    /// `head` after the last.
    pub fn new(sizes: &[usize], activation: Activation, head: Head) -> Self {
        assert!(
            sizes.len() >= 2 && sizes.iter().all(|&s| (1..=MAX_LAYER_WIDTH).contains(&s)),
            "layer widths {sizes:?}"
        );
        let mut layers = Vec::with_capacity(sizes.len() - 1);
        let mut off = 0;
        for w in sizes.windows(2) {
            let (inputs, outputs) = (w[0], w[1]);
            layers.push(LayerShape {
                inputs,
                outputs,
                w_offset: off,
                b_offset: off + inputs * outputs,
            });
            off += inputs * outputs + outputs;
        }
        let starts = std::iter::once(0)
            .chain(sizes.iter().scan(0, |sum, &s| {
                *sum += s;
                Some(*sum)
            }))
            .collect();
        Shape {
            sizes: sizes.to_vec(),
            layers,
            starts,
            activation,
            head,
            params: off,
            widest: sizes.iter().copied().max().unwrap_or(0),
        }
    }

    /// Units per layer, `[inputs, hidden…, outputs]`.
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// The layers, input side first.
    pub fn layers(&self) -> &[LayerShape] {
        &self.layers
    }

    /// The hidden activation.
    pub fn activation(&self) -> Activation {
        self.activation
    }

    /// The output head.
    pub fn head(&self) -> Head {
        self.head
    }

    /// Width of an input row.
    pub fn inputs(&self) -> usize {
        self.sizes[0]
    }

    /// Number of output units.
    pub fn outputs(&self) -> usize {
        self.sizes[self.sizes.len() - 1]
    }

    /// Number of parameters.
    pub fn param_count(&self) -> usize {
        self.params
    }

    /// The widest layer's units.
    pub fn widest(&self) -> usize {
        self.widest
    }

    /// Units of all layers together, inputs included.
    pub fn units(&self) -> usize {
        self.starts[self.sizes.len()]
    }

    /// Where the values of layer `l` (0 = the inputs) start when every
    /// layer's values sit one after another.
    pub fn start(&self, l: usize) -> usize {
        self.starts[l]
    }

    /// True when parameter `i` is a bias (L2 decay skips biases).
    pub fn is_bias(&self, i: usize) -> bool {
        self.layers
            .iter()
            .any(|l| (l.b_offset..l.b_offset + l.outputs).contains(&i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_follow_the_layers() {
        let s = Shape::new(&[3, 5, 2], Activation::Tanh, Head::Softmax);
        assert_eq!(s.param_count(), 3 * 5 + 5 + 5 * 2 + 2);
        assert_eq!(s.layers()[1].w_offset, 20);
        assert_eq!(s.layers()[1].b_offset, 30);
        assert_eq!(
            (s.start(0), s.start(1), s.start(2), s.units()),
            (0, 3, 8, 10)
        );
        assert_eq!((s.inputs(), s.outputs(), s.widest()), (3, 2, 5));
        assert!(s.is_bias(15) && !s.is_bias(14) && s.is_bias(31) && !s.is_bias(29));
    }
}
