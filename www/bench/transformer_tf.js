// The lab's transformer in TensorFlow.js: the independent reference that
// NeuronLab's own layers are checked against (tests/e2e/reference.test.mjs)
// and timed against (bench.html). Never part of the page.
//
// The model as src/core/lm/transformer writes it: token and position
// embeddings; per block LN1 → attention (W_qkv, causal mask, softmax of
// q·k/√d, W_o) → residual, LN2 → W1 → GELU (tanh form) → W2 → residual;
// a final LN and W_out; the mean cross-entropy over the scored tokens; Adam
// (β1 0.9, β2 0.999, ε 1e-7). It starts from NeuronLab's flat parameters,
// read in NeuronLab's layout (src/core/lm/transformer/layout.rs).

/** The parameter tensors of `shape` cut from the flat `params`, as variables. */
export function buildTransformer(tf, shape, params) {
  const { vocab: V, blocks: L, width: C, context: T } = shape;
  let at = 0;
  const take = (name, dims) => {
    const n = dims.reduce((a, b) => a * b, 1);
    const v = tf.variable(tf.tensor(params.slice(at, at + n), dims, 'float32'), true, name);
    at += n;
    return v;
  };
  const p = { wte: take('wte', [V + 1, C]), wpe: take('wpe', [T, C]), blocks: [] };
  for (let l = 0; l < L; l++) {
    p.blocks.push({
      ln1g: take(`ln1g${l}`, [C]), ln1b: take(`ln1b${l}`, [C]),
      qkvW: take(`qkvW${l}`, [3 * C, C]), qkvB: take(`qkvB${l}`, [3 * C]),
      projW: take(`projW${l}`, [C, C]), projB: take(`projB${l}`, [C]),
      ln2g: take(`ln2g${l}`, [C]), ln2b: take(`ln2b${l}`, [C]),
      fcW: take(`fcW${l}`, [4 * C, C]), fcB: take(`fcB${l}`, [4 * C]),
      outW: take(`outW${l}`, [C, 4 * C]), outB: take(`outB${l}`, [C]),
    });
  }
  p.lnfg = take('lnfg', [C]);
  p.lnfb = take('lnfb', [C]);
  p.headW = take('headW', [V, C]);
  p.headB = take('headB', [V]);
  if (at !== params.length) throw new Error(`layout: ${at} of ${params.length} parameters`);
  return { tf, shape, p };
}

function layerNorm(tf, x, g, b) {
  const mean = tf.mean(x, -1, true);
  const d = tf.sub(x, mean);
  const variance = tf.mean(tf.square(d), -1, true);
  return tf.add(tf.mul(tf.div(d, tf.sqrt(tf.add(variance, 1e-5))), g), b);
}

function dense(tf, x, w, b) {
  const [n, c] = [x.shape.slice(0, -1), x.shape[x.shape.length - 1]];
  const flat = tf.reshape(x, [-1, c]);
  const y = tf.add(tf.matMul(flat, w, false, true), b);
  return tf.reshape(y, [...n, w.shape[0]]);
}

function gelu(tf, x) {
  const inner = tf.mul(0.7978845608028654, tf.add(x, tf.mul(0.044715, tf.pow(x, 3))));
  return tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(inner)));
}

/** The mean cross-entropy of `batch` ({ ids, targets } of B·T tokens, all scored). */
export function loss(model, batch, B, T) {
  const { tf, shape, p } = model;
  const { width: C, heads: H } = shape;
  const hd = C / H;
  // The embedding as a product with one-hot rows (the wasm backend has no
  // gradient for gather).
  const onehot = tf.oneHot(tf.tensor1d(batch.ids, 'int32'), shape.vocab + 1);
  const tokens = tf.reshape(tf.matMul(onehot, p.wte), [B, T, C]);
  let x = tf.add(tokens, tf.slice(p.wpe, [0, 0], [T, C]));
  const mask = tf.linalg.bandPart(tf.ones([T, T]), -1, 0); // 1 on and below the diagonal
  const neg = tf.mul(tf.sub(1, mask), -1e9);
  for (const b of p.blocks) {
    const h = layerNorm(tf, x, b.ln1g, b.ln1b);
    const qkv = dense(tf, h, b.qkvW, b.qkvB);
    const split = (k) => tf.transpose(tf.reshape(tf.slice(qkv, [0, 0, k * C], [B, T, C]), [B, T, H, hd]), [0, 2, 1, 3]);
    const [q, k, v] = [split(0), split(1), split(2)];
    const scores = tf.add(tf.div(tf.matMul(q, k, false, true), Math.sqrt(hd)), neg);
    const att = tf.matMul(tf.softmax(scores), v);
    const y = tf.reshape(tf.transpose(att, [0, 2, 1, 3]), [B, T, C]);
    x = tf.add(x, dense(tf, y, b.projW, b.projB));
    const m = gelu(tf, dense(tf, layerNorm(tf, x, b.ln2g, b.ln2b), b.fcW, b.fcB));
    x = tf.add(x, dense(tf, m, b.outW, b.outB));
  }
  const logits = dense(tf, layerNorm(tf, x, p.lnfg, p.lnfb), p.headW, p.headB);
  const labels = tf.oneHot(tf.tensor1d(batch.targets, 'int32'), shape.vocab);
  return tf.losses.softmaxCrossEntropy(labels, tf.reshape(logits, [B * T, shape.vocab]));
}

/** An Adam optimiser with NeuronLab's constants. */
export function adam(tf, learningRate) {
  return tf.train.adam(learningRate, 0.9, 0.999, 1e-7);
}

/** One update on `batch`; returns its loss before the update. */
export function trainStep(model, optimizer, batch, B, T) {
  const { tf } = model;
  return tf.tidy(() => {
    const cost = optimizer.minimize(() => loss(model, batch, B, T), true);
    return cost.dataSync()[0];
  });
}
