// A sweep worker: the scaling lab's wasm in a Web Worker
// (src/web/sweep_worker.rs). The lab sends the compiled module ('init'),
// then a run ('sweep': the text, the run as JSON, its slot); the worker
// trains it in slices, reporting after each until it is done. The lab
// stops a run by ending the worker.
import init, { SweepWorker } from '../pkg-lab/neuronlab.js';

let ready = null;
let sweep = null;

function slice(slot) {
  let json;
  try {
    json = sweep.train(250);
  } catch (err) {
    self.postMessage({ kind: 'sweep-failed', slot, message: String(err) });
    return;
  }
  self.postMessage({ kind: 'sweep', report: json });
  if (!json.includes('"result":{')) setTimeout(() => slice(slot), 0);
}

self.onmessage = async ({ data }) => {
  if (data.kind === 'init') {
    ready = init({ module_or_path: data.module });
    return;
  }
  await ready;
  if (data.kind === 'sweep') {
    sweep?.free();
    try {
      sweep = new SweepWorker(data.text, data.spec, data.slot);
    } catch (err) {
      self.postMessage({ kind: 'sweep-failed', slot: data.slot, message: String(err) });
      return;
    }
    slice(data.slot);
  }
};
