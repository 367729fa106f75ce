// A plain JavaScript version of the language lab's model, the reference
// that `cargo xtask bench` times NeuronLab's wasm against (bench.html).
//
// The model, as src/core/lm/model.rs defines it: a context of `width` token
// ids picks rows of the embedding table E ((V + 1) × d, row V the pad) and
// lays them side by side, x = (E_t1, …, E_tw); with h hidden units
// a = tanh(W1·x + b1) and z = W2·a + b2 (without, z = W·x + b); p = softmax(z)
// over the V characters; L = −log p_Y. Plain SGD on the batch mean.
//
// Written the way one would write it by hand in JavaScript: Float64Arrays,
// one example at a time, no tricks. The parameters are one flat array in
// NeuronLab's layout (E row by row, then per layer W row-major — a row per
// output unit — followed by b), so it starts from the very same weights.

/** A model of `shape` = [V, width, d, h] over the flat `params` (copied). */
export function buildLm([vocab, width, embed, hidden], params) {
  const inputs = width * embed;
  const sizes = hidden > 0 ? [inputs, hidden, vocab] : [inputs, vocab];
  const p = Float64Array.from(params);
  const layers = [];
  let at = (vocab + 1) * embed;
  for (let l = 1; l < sizes.length; l++) {
    const [fanIn, out] = [sizes[l - 1], sizes[l]];
    layers.push({ fanIn, out, w: at, b: at + fanIn * out });
    at += fanIn * out + out;
  }
  if (at !== p.length) throw new Error(`expected ${at} parameters, got ${p.length}`);
  const widest = Math.max(...sizes);
  return {
    vocab,
    width,
    embed,
    sizes,
    layers,
    p,
    grad: new Float64Array(p.length),
    // Per layer's input and output values, and the backward pass's deltas.
    acts: sizes.map((n) => new Float64Array(n)),
    delta: new Float64Array(widest),
    back: new Float64Array(widest),
  };
}

/** x ← the context's embeddings side by side. */
function input(m, contexts, i) {
  const { embed: d, width, vocab, p } = m;
  const x = m.acts[0];
  for (let j = 0; j < width; j++) {
    const t = Math.min(contexts[i * width + j], vocab);
    for (let k = 0; k < d; k++) x[j * d + k] = p[t * d + k];
  }
}

/** Forward pass of example `i`: fills m.acts, the last with p = softmax(z). */
function forward(m, contexts, i) {
  input(m, contexts, i);
  const { p, layers, acts } = m;
  for (let l = 0; l < layers.length; l++) {
    const { fanIn, out, w, b } = layers[l];
    const a = acts[l];
    const z = acts[l + 1];
    for (let o = 0; o < out; o++) {
      let s = p[b + o];
      const row = w + o * fanIn;
      for (let k = 0; k < fanIn; k++) s += p[row + k] * a[k];
      z[o] = l < layers.length - 1 ? Math.tanh(s) : s;
    }
  }
  const z = acts[acts.length - 1];
  let max = -Infinity;
  for (let o = 0; o < z.length; o++) max = Math.max(max, z[o]);
  let sum = 0;
  for (let o = 0; o < z.length; o++) sum += z[o] = Math.exp(z[o] - max);
  for (let o = 0; o < z.length; o++) z[o] /= sum;
  return z;
}

/** Softmax over the next character for example `i` of `contexts` (a copy). */
export function probs(m, contexts, i) {
  return Float64Array.from(forward(m, contexts, i));
}

/**
 * Mean loss over the examples `idx` and its gradient into m.grad: for each
 * example ∂L/∂z = p − onehot(Y), back through the layers (tanh′ = 1 − a²),
 * and ∂L/∂x added to the rows of E its tokens picked.
 */
export function lossGrad(m, contexts, targets, idx) {
  const { p, grad, layers, acts, embed: d, width, vocab } = m;
  grad.fill(0);
  const scale = 1 / idx.length;
  let loss = 0;
  for (const i of idx) {
    const out = forward(m, contexts, i);
    const y = targets[i];
    loss -= Math.log(Math.max(out[y], 1e-300));
    let delta = m.delta;
    for (let o = 0; o < out.length; o++) delta[o] = (out[o] - (o === y ? 1 : 0)) * scale;
    for (let l = layers.length - 1; l >= 0; l--) {
      const { fanIn, out: n, w, b } = layers[l];
      const a = acts[l];
      const back = m.back;
      back.fill(0, 0, fanIn);
      for (let o = 0; o < n; o++) {
        const g = delta[o];
        grad[b + o] += g;
        const row = w + o * fanIn;
        for (let k = 0; k < fanIn; k++) {
          grad[row + k] += g * a[k];
          back[k] += g * p[row + k];
        }
      }
      if (l > 0) for (let k = 0; k < fanIn; k++) back[k] *= 1 - a[k] * a[k];
      // The next layer down reads this one's back-propagated values.
      [m.delta, m.back] = [back, delta];
      delta = back;
    }
    for (let j = 0; j < width; j++) {
      const t = Math.min(contexts[i * width + j], vocab);
      for (let k = 0; k < d; k++) grad[t * d + k] += delta[j * d + k];
    }
  }
  return loss * scale;
}

/** w ← w − η·∂L/∂w. */
export function sgd(m, lr) {
  const { p, grad } = m;
  for (let k = 0; k < p.length; k++) p[k] -= lr * grad[k];
}

/** One epoch: batches of `batch` consecutive examples of `order`. */
export function trainEpoch(m, contexts, targets, order, batch, lr) {
  let last = 0;
  for (let s = 0; s < order.length; s += batch) {
    last = lossGrad(m, contexts, targets, order.subarray(s, s + batch));
    sgd(m, lr);
  }
  return last;
}

/** Mean loss over every example. */
export function lossAll(m, contexts, targets) {
  let sum = 0;
  for (let i = 0; i < targets.length; i++) sum -= Math.log(Math.max(forward(m, contexts, i)[targets[i]], 1e-300));
  return sum / targets.length;
}
