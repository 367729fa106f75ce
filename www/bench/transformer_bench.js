// The transformer's part of bench.html, against TensorFlow.js on its wasm
// backend in the same page: one training step of the lab's default
// transformer (ours: LmSession::step, as Play makes it; TensorFlow.js:
// the same model from the same weights, www/bench/transformer_tf.js), its
// matrix work as GFLOP/s next to the roof (a plain 1024×128→128 dense
// layer on the same kernel), and an epoch of the window model in
// TensorFlow.js beside ours. TensorFlow.js is loaded from bench-tf/, which
// `cargo xtask bench` copies from the tests' node_modules: never part of
// the app's page.

import { buildTransformer, adam, trainStep } from './transformer_tf.js';

/** Where `cargo xtask bench` puts TensorFlow.js's files. */
const TF_DIR = new URL('../../bench-tf/', import.meta.url).href;

function script(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.appendChild(s);
  });
}

/** TensorFlow.js with its wasm backend (SIMD, no threads: the page is not cross-origin isolated). */
async function loadTf() {
  if (!window.tf) {
    await script(`${TF_DIR}tf.min.js`);
    await script(`${TF_DIR}tf-backend-wasm.min.js`);
  }
  const tf = window.tf;
  tf.wasm.setWasmPaths(TF_DIR);
  await tf.setBackend('wasm');
  await tf.ready();
  return tf;
}

/**
 * The window model in TensorFlow.js (embeddings of the context laid side
 * by side, a tanh layer, a softmax; plain SGD), from NeuronLab's flat
 * parameters: E ((V+1)×d), then W1 (h×wd), b1, W2 (V×h), b2.
 */
function windowModel(tf, [vocab, width, embed, hidden], params) {
  let at = 0;
  const take = (dims) => {
    const n = dims.reduce((a, b) => a * b, 1);
    const v = tf.variable(tf.tensor(params.slice(at, at + n), dims, 'float32'));
    at += n;
    return v;
  };
  const e = take([vocab + 1, embed]);
  const w1 = take([hidden, width * embed]);
  const b1 = take([hidden]);
  const w2 = take([vocab, hidden]);
  const b2 = take([vocab]);
  if (at !== params.length) throw new Error(`window model layout: ${at} of ${params.length}`);
  return { e, w1, b1, w2, b2, vocab, width, embed };
}

function windowLoss(tf, m, contexts, targets) {
  const n = targets.length;
  const onehot = tf.oneHot(tf.tensor1d(contexts, 'int32'), m.vocab + 1);
  const x = tf.reshape(tf.matMul(onehot, m.e), [n, m.width * m.embed]);
  const h = tf.tanh(tf.add(tf.matMul(x, m.w1, false, true), m.b1));
  const z = tf.add(tf.matMul(h, m.w2, false, true), m.b2);
  return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(targets, 'int32'), m.vocab), z);
}

/** One epoch of the window model in TensorFlow.js, in `order`, batches of `batch`. */
function windowEpoch(tf, m, opt, ex) {
  const w = m.width;
  let last = 0;
  for (let s = 0; s < ex.order.length; s += ex.batch) {
    const idx = ex.order.subarray(s, s + ex.batch);
    const ctx = new Int32Array(idx.length * w);
    const tgt = new Int32Array(idx.length);
    idx.forEach((i, k) => {
      ctx.set(ex.contexts.subarray(i * w, (i + 1) * w), k * w);
      tgt[k] = ex.targets[i];
    });
    last = tf.tidy(() => opt.minimize(() => windowLoss(tf, m, ctx, tgt), true).dataSync()[0]);
  }
  return last;
}

/** The transformer's rows, and the window model's TensorFlow.js epoch. */
export async function transformerRows(TransformerBench, LmBench, measure, row, say) {
  say('Loading TensorFlow.js (wasm backend)…');
  const tf = await loadTf();
  const rows = [];

  const b = new TransformerBench();
  try {
    const [vocab, blocks, heads, width, context, batch] = Array.from(b.shape());
    const shape = { vocab, blocks, heads, width, context };
    const model = buildTransformer(tf, shape, Array.from(b.params()));
    const opt = adam(tf, b.learningRate());
    const laid = Array.from(b.nextBatch());
    const half = laid.length / 2;
    const fixed = { ids: laid.slice(0, half), targets: laid.slice(half) };
    const rowsOf = fixed.ids.length / context;
    say('Timing a transformer step, ours and TensorFlow.js…');
    const t = await measure({
      wasm: () => b.step(),
      tf: () => trainStep(model, opt, fixed, rowsOf, context),
      roof: () => b.roof(),
    });
    const gflops = (flops, ms) => flops / ms / 1e6;
    const ours = gflops(b.stepFlops(), t.wasm.median);
    const roof = gflops(b.roofFlops(), t.roof.median);
    rows.push(
      row(
        'tf_step',
        'transformer: one training step, against TensorFlow.js (wasm backend)',
        `${blocks} blocks, ${heads} heads, width ${width}, context ${context}, batch ${batch}, V = ${vocab}, ` +
          `Adam: LmSession::step as Play makes it (forward + backward + Adam + divergence check + history); ` +
          `TensorFlow.js ${tf.version.tfjs}, the same model from the same weights (www/bench/transformer_tf.js). ` +
          `Matrix work ${ours.toFixed(2)} GFLOP/s against a roof of ${roof.toFixed(2)} GFLOP/s ` +
          `(a 1024×128→128 dense layer on the same kernel): ${((100 * ours) / roof).toFixed(0)}% of it`,
        t.wasm,
        t.tf,
      ),
      row(
        'tf_roof',
        'the roof: a 1024×128→128 dense layer (the transformer\'s kernel)',
        `${roof.toFixed(2)} GFLOP/s; the transformer step's matrix work runs at ${ours.toFixed(2)} GFLOP/s`,
        t.roof,
      ),
    );
  } finally {
    b.free();
  }

  const l = new LmBench();
  try {
    const shape = Array.from(l.shape());
    const ex = {
      contexts: Int32Array.from(l.contexts()),
      targets: Int32Array.from(l.targets()),
      order: Uint32Array.from(l.order()),
      batch: l.batchSize(),
    };
    const m = windowModel(tf, shape, Array.from(l.params()));
    const opt = tf.train.sgd(l.learningRate());
    say('Timing a window-model epoch in TensorFlow.js…');
    const ep = await measure({ wasm: () => l.epoch(), tf: () => windowEpoch(tf, m, opt, ex) });
    rows.push(
      row(
        'tf_lm_epoch',
        'language model: one epoch, against TensorFlow.js (wasm backend)',
        `the window model (context ${shape[1]}, d = ${shape[2]}, ${shape[3]} tanh units, V = ${shape[0]}), ` +
          `${ex.targets.length} examples, batch ${ex.batch}: ours as Play trains it; TensorFlow.js the same ` +
          'model from the same weights, plain SGD',
        ep.wasm,
        ep.tf,
      ),
    );
  } finally {
    l.free();
  }
  return rows;
}
