// Where the page finds its wasm and the training worker's script. The
// one-file build replaces this module with one that holds both inline.
export const wasm = new URL('../pkg/neuronlab_bg.wasm', import.meta.url);
export const worker = () => ({ url: new URL('./worker.js', import.meta.url).href, type: 'module' });
