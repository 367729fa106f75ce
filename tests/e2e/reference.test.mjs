// The transformer against an independent reference: TensorFlow.js (wasm
// backend, in Node) trains the same model from the same weights on the
// same batches for two epochs, and the two loss curves must agree within
// 1e-3. NeuronLab's side (initial weights, batches, its loss at each step)
// is written by the native test tests/reference.rs, which
// `cargo xtask test` runs just before this stage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { buildTransformer, adam, trainStep } from '../../www/bench/transformer_tf.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const scenario = path.join(here, '../../target/reference/transformer.json');

test('TensorFlow.js trains the transformer to the same losses, step by step', async () => {
  assert.ok(fs.existsSync(scenario), `${scenario} is missing: run cargo test --test reference first`);
  const s = JSON.parse(fs.readFileSync(scenario, 'utf8'));
  setWasmPaths(path.join(here, 'node_modules/@tensorflow/tfjs-backend-wasm/dist/'));
  await tf.setBackend('wasm');
  await tf.ready();
  const model = buildTransformer(tf, s, s.params);
  const optimizer = adam(tf, s.learningRate);
  assert.ok(s.steps.length >= 40, 'two epochs of steps');
  let worst = 0;
  s.steps.forEach((step, i) => {
    const ours = step.loss;
    const theirs = trainStep(model, optimizer, step, step.ids.length / s.len, s.len);
    const gap = Math.abs(theirs - ours);
    worst = Math.max(worst, gap);
    assert.ok(gap < 1e-3, `step ${i + 1}: NeuronLab ${ours}, TensorFlow.js ${theirs}`);
  });
  // The curve fell: the comparison is of a model that learned.
  assert.ok(s.steps.at(-1).loss < s.steps[0].loss - 1, 'the loss fell by more than 1');
  console.log(`${s.steps.length} steps, largest gap ${worst.toExponential(2)}`);
});
