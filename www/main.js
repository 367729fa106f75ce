// Boots the WebAssembly module; everything else lives in Rust. The page
// compiles the module itself, so that the training worker gets the same
// one instead of fetching and compiling it again.
import init, { start } from '../pkg/neuronlab.js';
import { wasm, worker } from './assets.js';

function showFailure(message) {
  const banner = document.getElementById('panic');
  banner.textContent = message;
  banner.hidden = false;
}

/** The wasm module from its bytes or its address. */
async function compile(source) {
  if (source instanceof Uint8Array) return WebAssembly.compile(source);
  try {
    return await WebAssembly.compileStreaming(fetch(source));
  } catch {
    // A server that does not say application/wasm.
    return WebAssembly.compile(await (await fetch(source)).arrayBuffer());
  }
}

compile(wasm)
  .then(async (module) => {
    await init({ module_or_path: module });
    let script;
    try {
      script = worker();
    } catch {
      script = undefined;
    }
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
