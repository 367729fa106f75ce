// The language lab's part of bench.html: checks that the JavaScript
// reference (lm_reference.js) replays NeuronLab's language-model training
// from the same weights and batches, then times an epoch of both and one
// generated character. Called by bench.js, which owns the timing helpers.

import * as lm from './lm_reference.js';

/**
 * Agreement tolerance of the language model's loss curve. NeuronLab trains
 * it in f32 (four examples per SIMD instruction) and the reference in f64,
 * so the two drift apart by rounding: about 1e-5 over two epochs.
 */
export const LM_TOLERANCE = 1e-3;

/** The examples and the training numbers of an LmBench, as typed arrays. */
function examples(bench) {
  return {
    contexts: Uint32Array.from(bench.contexts()),
    targets: Uint32Array.from(bench.targets()),
    order: Uint32Array.from(bench.order()),
    batch: bench.batchSize(),
    lr: bench.learningRate(),
  };
}

/**
 * Replays `epochs` epochs of the session's training in the reference (the
 * batches read from the session's updates) and compares each batch's loss
 * before its update; then the engine-only epoch's parameters.
 */
export function checkLm(LmBench, epochs = 2) {
  const c = new LmBench();
  try {
    const ex = examples(c);
    const ref = lm.buildLm(Array.from(c.shape()), c.params());
    const initial = { wasm: c.loss(), js: lm.lossAll(ref, ex.contexts, ex.targets) };
    const steps = epochs * c.stepsPerEpoch();
    const trace = c.trace(steps);
    let maxLossDiff = Math.abs(initial.wasm - initial.js);
    const curve = [];
    for (let s = 1, at = 0; s <= steps; s++) {
      const wasmLoss = trace[at++];
      const len = trace[at++];
      const idx = Uint32Array.from(trace.subarray(at, at + len));
      at += len;
      const jsLoss = lm.lossGrad(ref, ex.contexts, ex.targets, idx);
      lm.sgd(ref, ex.lr);
      maxLossDiff = Math.max(maxLossDiff, Math.abs(wasmLoss - jsLoss));
      curve.push([s, wasmLoss, jsLoss]);
    }
    const final = { wasm: c.loss(), js: lm.lossAll(ref, ex.contexts, ex.targets) };
    maxLossDiff = Math.max(maxLossDiff, Math.abs(final.wasm - final.js));

    const e = new LmBench();
    let engineLossDiff;
    try {
      const eref = lm.buildLm(Array.from(e.shape()), e.engineParams());
      let a = 0;
      let b = 0;
      for (let i = 0; i < epochs; i++) {
        a = e.engineEpoch();
        b = lm.trainEpoch(eref, ex.contexts, ex.targets, ex.order, ex.batch, ex.lr);
      }
      engineLossDiff = Math.abs(a - b);
    } finally {
      e.free();
    }
    return {
      epochs,
      steps,
      shape: Array.from(c.shape()),
      tolerance: LM_TOLERANCE,
      initialLoss: initial,
      finalLoss: final,
      maxLossDiff,
      engineLossDiff,
      pass: maxLossDiff <= LM_TOLERANCE && engineLossDiff <= LM_TOLERANCE,
      curve,
    };
  } finally {
    c.free();
  }
}

/** Timing rows: an epoch (session, engine, JS) and one generated character. */
export async function lmTimings(LmBench, measure, row, say) {
  const b = new LmBench();
  try {
    const ex = examples(b);
    const ref = lm.buildLm(Array.from(b.shape()), b.params());
    const [vocab, width, embed, hidden] = Array.from(b.shape());
    const model = `context ${width}, d = ${embed}, ${hidden} tanh units, V = ${vocab}; ` +
      `${ex.targets.length} examples, batch ${ex.batch}, η ${ex.lr}`;
    say('Timing a language-model epoch…');
    const ep = await measure({
      session: () => b.epoch(),
      engine: () => b.engineEpoch(),
      js: () => lm.trainEpoch(ref, ex.contexts, ex.targets, ex.order, ex.batch, ex.lr),
    });
    say('Timing generation…');
    const gen = await measure({ wasm: () => b.generate(1) });
    return [
      row(
        'lm_epoch',
        'language model: one epoch (LmSession::step ×125)',
        `2,000 Chinese characters, ${model}: 125 updates as Play makes them (forward + backward + SGD ` +
          '+ divergence check + undo history + loss curve), a fresh session every 50 epochs; ' +
          'JS: the same model in plain JavaScript (www/bench/lm_reference.js), the same 125 updates',
        ep.session,
        ep.js,
      ),
      row(
        'lm_epoch_engine',
        'language model: one epoch, engine only',
        'the same 125 updates by LmModel::loss_grad + SGD alone — the same work as the JS epoch',
        ep.engine,
        ep.js,
      ),
      row(
        'lm_generate',
        'language model: generate one character',
        `LmSession::next: the softmax for the last ${width} characters (forward pass), temperature 1, ` +
          'top-k 10, one seeded draw (one call from JavaScript per character)',
        gen.wasm,
      ),
    ];
  } finally {
    b.free();
  }
}
