// The scaling lab: its own wasm (src/web/scaling_entry.rs, built with the
// `scaling-lab` feature), loaded the first time the Language model mode is
// shown, so that it costs the first load nothing. It trains its sweeps in
// workers running the same wasm (www/sweep_worker.js).
import init, { start_scaling } from '../pkg-lab/neuronlab.js';
import { labWasm, labWorker, corpus } from './assets.js';
import { compile, workerScript } from './wasm.js';

export async function openScaling() {
  const module = await compile(labWasm);
  await init({ module_or_path: module });
  const script = workerScript(labWorker);
  start_scaling(corpus, script?.url, script?.type === 'module', module);
}
