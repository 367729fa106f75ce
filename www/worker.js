// The training worker: this same wasm, in a Web Worker, trains the
// language lab's transformer while Play goes on (src/web/worker.rs), so
// the page keeps its frames. The page sends the compiled module ('init'),
// then a session to train ('start', as JSON), asks for each next report
// ('more') and stops it ('stop').
import init, { TrainerWorker } from '../pkg/neuronlab.js';

let trainer = null;
let ready = null;

function report(ms) {
  const [progress, transfer] = trainer.train(ms);
  self.postMessage(progress, transfer);
}

self.onmessage = async ({ data }) => {
  if (data.kind === 'init') {
    ready = init({ module_or_path: data.module });
    return;
  }
  await ready;
  if (data.kind === 'start') {
    trainer?.free();
    trainer = null;
    try {
      trainer = new TrainerWorker(data.saved, data.run);
    } catch (err) {
      self.postMessage({ kind: 'failed', run: data.run, message: String(err) });
      return;
    }
    report(data.ms);
  } else if (data.kind === 'more' && trainer && trainer.run === data.run) {
    report(data.ms);
  } else if (data.kind === 'stop') {
    trainer?.free();
    trainer = null;
  }
};
