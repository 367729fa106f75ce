// The scaling lab: its own wasm (src/web/scaling_entry.rs, built with the
// `scaling-lab` feature), loaded the first time the Language model mode is
// shown, so that it costs the first load nothing. It trains its sweeps in
// workers running the same wasm (www/sweep_worker.js).
import init, { start_scaling } from '../pkg-lab/neuronlab.js';
import { labWasm, labWorker, corpus } from './assets.js';
import { compile, workerScript } from './wasm.js';

// The built-in texts (app::scaling::TEXTS) are fetched while the wasm
// compiles, not after it: the lab asks for them by file name as it starts.
const TEXTS = ['genesis-en.txt', 'tang-song-zh.txt'];
const fetched = new Map();
const text = (file) => {
  if (!fetched.has(file)) fetched.set(file, corpus(file));
  return fetched.get(file);
};

export async function openScaling() {
  TEXTS.forEach((file) => text(file).catch(() => {}));
  const module = await compile(labWasm);
  await init({ module_or_path: module });
  const script = workerScript(labWorker);
  start_scaling(text, script?.url, script?.type === 'module', module);
}
