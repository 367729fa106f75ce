// The browser half of `cargo xtask bench` (bench.html).
//
// In one page load: checks that the JavaScript reference network
// (playground_nn.js) replays NeuronLab's training exactly (same loss curve to
// 1e-6 from the same weights and batches), measures wasm memory over a long
// run of training steps, then times every figure — each wasm figure next to
// its JavaScript counterpart where there is one, interleaved sample by
// sample so that both see the same machine load. The result is written to
// `window.benchResult` (or `window.benchError`) and shown as a table.
//
// Timing: a sample is the mean of k back-to-back calls, k chosen (by
// doubling) so that a sample lasts at least `sample-ms` milliseconds — the
// page is not cross-origin isolated, so performance.now() is coarse (about
// 0.1 ms) and single calls could not be timed. Minimum and median are over
// `runs` samples taken after two warm-up samples.

import * as nn from './playground_nn.js';
import { checkLm, lmTimings } from './lm_bench.js';
import { transformerRows } from './transformer_bench.js';

/**
 * The benchmark build of the wasm: the app's code plus the `Bench` harness
 * (cargo feature `bench`). The app's own wasm in pkg/ leaves the harness out;
 * only `cargo xtask bench` builds this one, into dist/bench-pkg/.
 */
const BENCH_PKG = '../../bench-pkg/neuronlab.js';
/** The harness's exports, set by loadWasm(). */
let Bench;
let LmBench;
let TransformerBench;
let wasmMemoryBytes;

const query = new URLSearchParams(location.search);
const num = (name, fallback) => {
  const v = Number(query.get(name));
  return query.has(name) && Number.isFinite(v) ? v : fallback;
};

/** Samples per figure. */
const RUNS = Math.max(3, num('runs', 30));
/** Shortest sample, ms. */
const SAMPLE_MS = Math.max(1, num('sample-ms', 20));
/** Device-pixel ratio the canvases are drawn at (HiDPI by default). */
const DPR = num('dpr', 2);
/** Training steps of the memory test (after a warm-up). */
const MEMORY_STEPS = Math.max(0, num('memory-steps', 1_000_000));
/** Steps before the memory test's baseline (fills the bounded history). */
const MEMORY_WARMUP = 10_000;
/** CSS size of the plot canvas (the app shows it about this big on a laptop). */
const PLOT_CSS = 600;
/** CSS size of the canvas of the painting figure. */
const PAINT_CSS = 560;
/** Points of the benchmark data, and of the big frame. */
const POINTS = 500;
const BIG_POINTS = 2000;
/** Seed of the data and of the initial weights. */
const SEED = 1;
/** Steps per frame while playing: the app's default speed. */
const FRAME_STEPS = 5;
/** Frames of the paced (requestAnimationFrame) run. */
const RAF_FRAMES = 120;
/** Agreement tolerance of the JavaScript reference. */
const TOLERANCE = 1e-6;

const statusEl = document.getElementById('status');
const say = (text) => {
  statusEl.textContent = text;
};
const pause = () => new Promise((resolve) => setTimeout(resolve, 0));
const byId = (id) => document.getElementById(id);

/** min / median / mean / max of `xs`. */
function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return {
    min: s[0],
    median,
    mean: s.reduce((a, b) => a + b, 0) / s.length,
    max: s[s.length - 1],
    n: s.length,
  };
}

/** Mean time of `k` back-to-back calls of `fn`, ms. */
function sample(fn, k) {
  const t0 = performance.now();
  for (let i = 0; i < k; i++) fn();
  return (performance.now() - t0) / k;
}

/** Calls per sample so that a sample lasts at least SAMPLE_MS. */
function calibrate(fn) {
  let k = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < k; i++) fn();
    const dt = performance.now() - t0;
    if (dt >= SAMPLE_MS || k >= 1 << 20) return k;
    k *= 2;
  }
}

/**
 * Times several functions together: calibrates each, takes two warm-up
 * samples, then RUNS rounds of one sample each (yielding to the event loop
 * between rounds, so rendering and garbage collection happen outside the
 * samples). Returns {name: {k, samples, ...stats}}.
 */
async function measure(fns) {
  const names = Object.keys(fns);
  const k = {};
  const samples = {};
  for (const name of names) {
    k[name] = calibrate(fns[name]);
    sample(fns[name], k[name]);
    sample(fns[name], k[name]);
    samples[name] = [];
    await pause();
  }
  for (let r = 0; r < RUNS; r++) {
    for (const name of names) samples[name].push(sample(fns[name], k[name]));
    await pause();
  }
  const out = {};
  for (const name of names) out[name] = { k: k[name], samples: samples[name], ...stats(samples[name]) };
  return out;
}

/** [{x, y, label}] from Bench.points()'s flat x1, x2, label. */
function toPoints(flat) {
  const pts = [];
  for (let i = 0; i < flat.length; i += 3) pts.push({ x: flat[i], y: flat[i + 1], label: flat[i + 2] });
  return pts;
}

function referenceNetwork(bench, params = bench.params()) {
  const net = nn.buildNetwork(Array.from(bench.sizes()), nn.Activations.TANH, nn.Activations.SIGMOID);
  nn.setParams(net, params);
  return net;
}

const maxAbsDiff = (a, b) => {
  let m = a.length === b.length ? 0 : Infinity;
  for (let i = 0; i < Math.min(a.length, b.length); i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

/**
 * Replays NeuronLab's training in the JavaScript reference: same initial
 * weights, same batches (read from the session's updates), mean gradient
 * over each batch, plain SGD; compares the loss over all points after every
 * step, and the parameters at the end. Also checks the engine-only epoch
 * (the path the JavaScript epoch is timed against) and one grid node.
 */
function checkAgreement() {
  const epochs = 5;
  const c = new Bench(POINTS, SEED);
  try {
    const pts = toPoints(c.points());
    const lr = c.learningRate();
    const net = referenceNetwork(c);
    const initial = { wasm: c.loss(), js: nn.getLoss(net, pts) };
    let maxLossDiff = Math.abs(initial.wasm - initial.js);
    const steps = epochs * c.stepsPerEpoch();
    const trace = c.trace(steps);
    const curve = [[0, initial.wasm, initial.js]];
    let at = 0;
    for (let s = 1; s <= steps; s++) {
      const wasmLoss = trace[at++];
      const len = trace[at++];
      for (let i = 0; i < len; i++) {
        const p = pts[trace[at++]];
        nn.forwardProp(net, nn.constructInput(p.x, p.y));
        nn.backProp(net, p.label, nn.Errors.CROSS_ENTROPY);
      }
      nn.updateWeights(net, lr);
      const jsLoss = nn.getLoss(net, pts);
      maxLossDiff = Math.max(maxLossDiff, Math.abs(wasmLoss - jsLoss));
      curve.push([s, wasmLoss, jsLoss]);
    }
    const maxParamDiff = maxAbsDiff(c.params(), nn.getParams(net));

    // The engine-only epoch and the JavaScript epoch do the same updates.
    const e = new Bench(POINTS, SEED);
    let engineMaxParamDiff;
    let gridCentreDiff;
    try {
      const enet = referenceNetwork(e, e.engineParams());
      const order = Array.from(e.order());
      for (let i = 0; i < epochs; i++) {
        e.engineEpoch();
        nn.trainEpoch(enet, pts, order, e.batchSize(), lr);
      }
      engineMaxParamDiff = maxAbsDiff(e.engineParams(), nn.getParams(enet));
      // The field's centre node against the reference's output there
      // (the field is computed for drawing with a fast tanh, to ~1e-5).
      const n = 100;
      const centre = -6 + (12 * (n >> 1)) / (n - 1);
      const probe = referenceNetwork(e);
      gridCentreDiff = Math.abs(e.grid(n) - nn.forwardProp(probe, [centre, -centre]));
    } finally {
      e.free();
    }
    const pass =
      maxLossDiff <= TOLERANCE && maxParamDiff <= TOLERANCE && engineMaxParamDiff <= TOLERANCE;
    return {
      epochs,
      steps,
      tolerance: TOLERANCE,
      initialLoss: initial,
      finalLoss: { wasm: curve[curve.length - 1][1], js: curve[curve.length - 1][2] },
      maxLossDiff,
      maxParamDiff,
      engineMaxParamDiff,
      gridCentreDiff,
      pass,
      // The loss at the end of each epoch: [step, wasm, js].
      curve: curve.filter(([s]) => s % c.stepsPerEpoch() === 0),
    };
  } finally {
    c.free();
  }
}

/**
 * wasm memory (memory.buffer.byteLength, the heap's high-water mark) over
 * MEMORY_STEPS training steps after a MEMORY_WARMUP-step warm-up that fills
 * the bounded undo history and loss curve.
 */
async function memoryTest() {
  const m = new Bench(POINTS, SEED);
  try {
    const atStart = wasmMemoryBytes();
    m.run(MEMORY_WARMUP);
    const afterWarmup = wasmMemoryBytes();
    const chunk = 50_000;
    const samples = [[0, afterWarmup]];
    const t0 = performance.now();
    for (let done = 0; done < MEMORY_STEPS; ) {
      const n = Math.min(chunk, MEMORY_STEPS - done);
      m.run(n);
      done += n;
      samples.push([done, wasmMemoryBytes()]);
      say(`Memory test: ${done.toLocaleString('en')} of ${MEMORY_STEPS.toLocaleString('en')} steps…`);
      await pause();
    }
    const ms = performance.now() - t0;
    const after = wasmMemoryBytes();
    // Bounded stores (the undo history's checkpoints, the loss curve) may
    // still fill up for a while after the warm-up; a leak would keep growing.
    // So: the growth over the second half of the run, and when it last grew.
    const half = samples.filter(([s]) => s <= MEMORY_STEPS / 2).pop();
    let lastGrowthStep = 0;
    for (let i = 1; i < samples.length; i++) {
      if (samples[i][1] > samples[i - 1][1]) lastGrowthStep = samples[i][0];
    }
    return {
      steps: MEMORY_STEPS,
      warmupSteps: MEMORY_WARMUP,
      bytesAtStart: atStart,
      bytesAfterWarmup: afterWarmup,
      bytesAfter: after,
      growthBytes: after - afterWarmup,
      secondHalfGrowthBytes: after - half[1],
      lastGrowthStep,
      ms,
      usPerStep: MEMORY_STEPS ? (ms * 1000) / MEMORY_STEPS : 0,
      samples,
    };
  } finally {
    m.free();
  }
}

/** Frames paced by requestAnimationFrame, as the app runs while playing. */
function pacedFrames(frame, count) {
  return new Promise((resolve, reject) => {
    const intervals = [];
    const work = [];
    let last = null;
    let n = 0;
    const tick = (now) => {
      try {
        const t0 = performance.now();
        frame();
        work.push(performance.now() - t0);
      } catch (err) {
        reject(err);
        return;
      }
      if (last !== null) intervals.push(now - last);
      last = now;
      if (++n < count) requestAnimationFrame(tick);
      else resolve({ intervals, work });
    };
    requestAnimationFrame(tick);
  });
}

const row = (id, label, detail, wasm, js = null) => ({
  id,
  label,
  detail,
  unit: 'ms',
  wasm,
  js,
  ratio: js ? js.median / wasm.median : null,
  ratioMin: js ? js.min / wasm.min : null,
});

async function timings() {
  const rows = [];
  const b = new Bench(POINTS, SEED);
  const f500 = new Bench(POINTS, SEED);
  const f2000 = new Bench(BIG_POINTS, SEED);
  try {
    const pts = toPoints(b.points());
    const order = Array.from(b.order());
    const batch = b.batchSize();
    const lr = b.learningRate();
    const net = referenceNetwork(b);

    say('Timing one epoch…');
    const ep = await measure({
      session: () => b.epoch(),
      engine: () => b.engineEpoch(),
      js: () => nn.trainEpoch(net, pts, order, batch, lr),
    });
    rows.push(
      row(
        'epoch',
        'one epoch (Session::step ×50)',
        '2-8-8-1 tanh, 500 points, batch 10, η 0.03: 50 updates as Play makes them ' +
          '(backprop + SGD + undo history + loss curve + update record), timed within the first 100 ' +
          'epochs of a session (it restarts then; the loss curve thins out later); JS: the same 50 updates',
        ep.session,
        ep.js,
      ),
      row(
        'epoch_engine',
        'one epoch, engine only',
        'the same 50 updates by Dense::loss_grad (on the encoded rows) + SGD alone — the same work as the JS epoch',
        ep.engine,
        ep.js,
      ),
    );

    for (const n of [100, 200]) {
      say(`Timing the ${n}×${n} grid…`);
      const boundary = nn.makeBoundary(n);
      const g = await measure({
        wasm: () => b.grid(n),
        js: () => nn.decisionBoundary(net, n, boundary),
      });
      rows.push(
        row(
          `grid${n}`,
          `boundary grid ${n}×${n}`,
          `class probabilities at ${n * n} nodes (Field::evaluate); JS: forwardProp at each node`,
          g.wasm,
          g.js,
        ),
      );
    }

    say('Timing the boundary and painting…');
    b.grid(100);
    const paintCanvas = byId('paint');
    const side = Math.round(PAINT_CSS * DPR);
    const p = await measure({
      contour: () => b.boundary(),
      buffer: () => b.paintBuffer(side, side),
      canvas: () => b.paint(paintCanvas, PAINT_CSS, DPR),
    });
    rows.push(
      row('contour', 'boundary contour (100×100)', 'marching squares over the 100×100 grid', p.contour),
      row(
        'paint_buffer',
        `paint field ${side}×${side} px (buffer)`,
        `bilinear RGBA of the 100×100 grid at ${PAINT_CSS} CSS px × dpr ${DPR}, no canvas`,
        p.buffer,
      ),
      row(
        'paint',
        `paint field into canvas ${side}×${side} px`,
        'the RGBA buffer + ImageData + putImageData (the canvas is rasterised later, off the clock)',
        p.canvas,
      ),
    );

    const plot = byId('plot');
    const field = byId('field');
    const chart = byId('loss-chart');
    const frameOf = (bench, dpr) => () => bench.frame(plot, field, chart, PLOT_CSS, dpr, FRAME_STEPS);
    const detail = (pts, dpr) =>
      `${FRAME_STEPS} steps + metrics + 100×100 field + contour + SVG model layer (boundary, last batch ringed; ` +
      `the axes and ${pts} points are a static layer redrawn only when the data changes) + ` +
      `the field put as a 100×100 image the browser scales to ${PLOT_CSS} CSS px × dpr ${dpr} + loss chart; not the app's DOM work ` +
      `(syncing the form, and the text panels at most every 120 ms)`;
    for (const [bench, pts] of [
      [f500, POINTS],
      [f2000, BIG_POINTS],
    ]) {
      say(`Timing a frame at ${pts} points…`);
      const fr = await measure({ wasm: frameOf(bench, DPR) });
      rows.push(row(`frame${pts}`, `frame while playing, ${pts} points`, detail(pts, DPR), fr.wasm));
    }
    if (DPR !== 1) {
      say('Timing a frame at 2000 points, dpr 1…');
      const fr = await measure({ wasm: frameOf(f2000, 1) });
      rows.push(
        row(`frame${BIG_POINTS}_dpr1`, `frame while playing, ${BIG_POINTS} points, dpr 1`, detail(BIG_POINTS, 1), fr.wasm),
      );
    }

    // The frame's parts at 2,000 points (the grid, contour and painting
    // rows above are the others).
    say('Timing the parts of a frame at 2000 points…');
    frameOf(f2000, DPR)(); // canvases back to this dpr
    f2000.grid(100);
    f2000.boundary();
    const parts = await measure({
      steps: () => f2000.run(FRAME_STEPS),
      metrics: () => f2000.metrics(),
      overlay: () => f2000.overlay(plot, PLOT_CSS, DPR),
      points: () => f2000.points_layer(plot, PLOT_CSS, DPR),
      chart: () => f2000.chart(chart, PLOT_CSS, DPR),
    });
    const part = (id, label, detail) => rows.push(row(`part_${id}`, `· part: ${label}`, detail, parts[id]));
    part('steps', `${FRAME_STEPS} steps, ${BIG_POINTS} points`, `${FRAME_STEPS} calls of Session::step (the loss curve's cost included)`);
    part('metrics', `metrics, ${BIG_POINTS} points`, 'Session::metrics: loss and accuracy over every point');
    part(
      'overlay',
      'SVG model layer',
      'render::overlay: the markup of the boundary segments and the last batch ringed, built and set in full (innerHTML); a playing frame sets only the values that changed (svg_patch)',
    );
    part(
      'points',
      `static layer drawn whole and shown, ${BIG_POINTS} points`,
      `draw_plot (clear, axes and grid, ${BIG_POINTS} points: fill + outline) and Shown::present, whose copy makes the browser raster it: ` +
        'the whole cost, which the page pays when the size or many points change; a drag, an added or removed point redraw only the squares around them',
    );
    part('chart', 'loss chart', 'draw_loss through plotters-canvas');

    const raf = [];
    for (const dpr of DPR !== 1 ? [DPR, 1] : [1]) {
      say(`${RAF_FRAMES} frames paced by requestAnimationFrame at ${BIG_POINTS} points, dpr ${dpr}…`);
      frameOf(f2000, dpr)(); // canvases to this dpr before pacing
      const paced = await pacedFrames(frameOf(f2000, dpr), RAF_FRAMES);
      const intervals = stats(paced.intervals);
      const p95 = [...paced.intervals].sort((a, b) => a - b)[Math.floor(0.95 * (paced.intervals.length - 1))];
      raf.push({
        frames: RAF_FRAMES,
        points: BIG_POINTS,
        dpr,
        interval: { ...intervals, p95 },
        work: stats(paced.work),
        fps: 1000 / intervals.median,
        late: paced.intervals.filter((t) => t > 1000 / 60 + 1.5).length,
      });
    }
    return { rows, raf };
  } finally {
    b.free();
    f500.free();
    f2000.free();
  }
}

const fmt = (v, digits = 3) => (v == null ? '–' : v >= 100 ? v.toFixed(0) : v.toPrecision(digits));

function show(result) {
  const lines = result.rows.map(
    (r) =>
      `<tr><td title="${r.detail}">${r.label}</td><td>${fmt(r.wasm.min)}</td><td>${fmt(r.wasm.median)}</td>` +
      `<td>${fmt(r.js?.median)}</td><td>${r.ratio ? `${r.ratio.toFixed(1)}×` : '–'}</td><td>${r.wasm.k}</td></tr>`,
  );
  const c = result.check;
  const l = result.lmCheck;
  const m = result.memory;
  const mb = (b) => `${(b / 1048576).toFixed(2)} MiB`;
  byId('results').innerHTML =
    `<table><thead><tr><th>figure (ms)</th><th>min</th><th>median</th><th>JS reference median</th>` +
    `<th>ratio</th><th>calls/sample</th></tr></thead><tbody>${lines.join('')}</tbody></table>` +
    result.raf
      .map(
        (r) =>
          `<p>Frames paced by requestAnimationFrame (${r.points} points, dpr ${r.dpr}): median interval ` +
          `${fmt(r.interval.median)} ms, p95 ${fmt(r.interval.p95)} ms, ${r.late} of ${r.frames - 1} late; ` +
          `our code ${fmt(r.work.median)} ms a frame.</p>`,
      )
      .join('') +
    `<p>Loss-curve check over ${c.steps} steps: max |Δloss| ${c.maxLossDiff.toExponential(2)}, ` +
    `max |Δparam| ${c.maxParamDiff.toExponential(2)}, engine ${c.engineMaxParamDiff.toExponential(2)} — ` +
    `${c.pass ? 'agree' : 'DISAGREE'} within ${c.tolerance}.</p>` +
    `<p>Language model check over ${l.steps} steps: max |Δloss| ${l.maxLossDiff.toExponential(2)}, ` +
    `engine ${l.engineLossDiff.toExponential(2)} — ${l.pass ? 'agree' : 'DISAGREE'} within ${l.tolerance}.</p>` +
    `<p>Memory: ${mb(m.bytesAtStart)} at start, ${mb(m.bytesAfterWarmup)} after ${m.warmupSteps} steps, ` +
    `${mb(m.bytesAfter)} after ${m.steps.toLocaleString('en')} more (${m.usPerStep.toFixed(1)} µs a step).</p>`;
}

/** An error whose message is the whole story (shown without a stack). */
class PlainError extends Error {}

/** Imports and starts the benchmark build of the wasm; says what to do when it is missing. */
async function loadWasm() {
  let wasm;
  try {
    wasm = await import(BENCH_PKG);
  } catch (err) {
    const url = new URL(BENCH_PKG, import.meta.url);
    const missing = await fetch(url, { method: 'HEAD', cache: 'no-store' }).then(
      (r) => r.status === 404,
      () => false,
    );
    if (!missing) throw err;
    throw new PlainError(
      `Not built: this page needs the benchmark build of the wasm, ${url.pathname}, which ` +
        '`cargo xtask build` and `cargo xtask serve` leave out (it is the app plus the cargo feature ' +
        '"bench"). Run `cargo xtask bench` (or `cargo xtask bench --browser --quick --no-write`): ' +
        'it builds dist/ together with dist/bench-pkg/ and runs this page in headless Chromium.',
    );
  }
  await wasm.default();
  ({ Bench, LmBench, TransformerBench, wasmMemoryBytes } = wasm);
}

async function main() {
  const t0 = performance.now();
  say('Loading the benchmark build of the wasm…');
  await loadWasm();
  say('Checking the JavaScript reference against the wasm engine…');
  await pause();
  const check = checkAgreement();
  say('Memory test…');
  await pause();
  const memory = await memoryTest();
  // After the memory test: the language model's history is bigger, and the
  // memory figure is the heap's high-water mark.
  say('Checking the language model against its JavaScript reference…');
  await pause();
  const lmCheck = checkLm(LmBench);
  const { rows, raf } = await timings();
  rows.push(...(await lmTimings(LmBench, measure, row, say)));
  rows.push(...(await transformerRows(TransformerBench, LmBench, measure, row, say)));
  const result = {
    version: 1,
    config: {
      runs: RUNS,
      sampleMs: SAMPLE_MS,
      dpr: DPR,
      plotCss: PLOT_CSS,
      paintCss: PAINT_CSS,
      points: POINTS,
      bigPoints: BIG_POINTS,
      seed: SEED,
      frameSteps: FRAME_STEPS,
    },
    env: {
      userAgent: navigator.userAgent,
      hardwareConcurrency: navigator.hardwareConcurrency,
      devicePixelRatio: window.devicePixelRatio,
      crossOriginIsolated: window.crossOriginIsolated,
    },
    check,
    lmCheck,
    memory,
    rows,
    raf,
    elapsedMs: performance.now() - t0,
  };
  show(result);
  say(`Done in ${(result.elapsedMs / 1000).toFixed(1)} s.`);
  window.benchResult = result;
}

main().catch((err) => {
  const text = err instanceof PlainError ? err.message : err && err.stack ? err.stack : String(err);
  statusEl.classList.add('error');
  say(err instanceof PlainError ? text : `The benchmark failed: ${text}`);
  window.benchError = text;
});
