// A lab worker: the scaling lab's wasm in a Web Worker
// (src/web/sweep_worker.rs, src/web/paradigm_worker.rs). The lab sends
// the compiled module ('init'), then a job: a run of the sweep ('sweep':
// the text, the run as JSON, its slot) or a paradigm's run ('paradigm':
// its plan as JSON). The worker trains it in slices, reporting after each
// until it is done (a paradigm's last report carries its models). The lab
// stops a job by ending the worker.
import init, { SweepWorker, ParadigmWorker } from '../pkg-lab/neuronlab.js';

let ready = null;
let job = null;

function sweepSlice(slot) {
  let json;
  try {
    json = job.train(250);
  } catch (err) {
    self.postMessage({ kind: 'sweep-failed', slot, message: String(err) });
    return;
  }
  self.postMessage({ kind: 'sweep', report: json });
  if (!json.includes('"result":{')) setTimeout(() => sweepSlice(slot), 0);
}

function paradigmSlice() {
  let json;
  try {
    json = job.work(250);
  } catch (err) {
    self.postMessage({ kind: 'paradigm-failed', message: String(err) });
    return;
  }
  if (!json.includes('"finished":{')) {
    self.postMessage({ kind: 'paradigm', report: json });
    setTimeout(paradigmSlice, 0);
    return;
  }
  const trained = job.trained();
  const base = job.base();
  const buffers = [trained.buffer].concat(base ? [base.buffer] : []);
  self.postMessage({ kind: 'paradigm', report: json, trained, base }, buffers);
}

self.onmessage = async ({ data }) => {
  if (data.kind === 'init') {
    ready = init({ module_or_path: data.module });
    return;
  }
  await ready;
  job?.free();
  job = null;
  try {
    if (data.kind === 'sweep') job = new SweepWorker(data.text, data.spec, data.slot);
    if (data.kind === 'paradigm') job = new ParadigmWorker(data.plan);
  } catch (err) {
    const failed = data.kind === 'sweep' ? 'sweep-failed' : 'paradigm-failed';
    self.postMessage({ kind: failed, slot: data.slot, message: String(err) });
    return;
  }
  if (data.kind === 'sweep') sweepSlice(data.slot);
  if (data.kind === 'paradigm') paradigmSlice();
};
