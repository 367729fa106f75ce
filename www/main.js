// Boots the WebAssembly module; everything else lives in Rust. The page
// compiles the module itself, so that the training worker gets the same
// one instead of fetching and compiling it again.
import init, { start } from '../pkg/neuronlab.js';
import { wasm, worker } from './assets.js';
import { compile, workerScript } from './wasm.js';

function showFailure(message) {
  const banner = document.getElementById('panic');
  banner.textContent = message;
  banner.hidden = false;
}

compile(wasm)
  .then(async (module) => {
    await init({ module_or_path: module });
    const script = workerScript(worker);
    start(script?.url, script?.type === 'module', module);
  })
  .catch((err) => showFailure(`NeuronLab could not start: ${err}`));

// The scaling lab loads with its own wasm the first time the Language
// model mode is shown (the mode is on the body's data-mode).
let scaling = null;
function maybeScaling() {
  if (scaling || document.body.dataset.mode !== 'language') return;
  scaling = import('./scaling.js')
    .then((m) => m.openScaling())
    .catch((err) => console.error('the scaling lab could not start', err));
}
new MutationObserver(maybeScaling).observe(document.body, { attributes: true, attributeFilter: ['data-mode'] });
maybeScaling();
