// Where the page finds its wasm, the training worker's script, the
// scaling lab's wasm and worker, and the lab's texts. The one-file build
// replaces this module with one that holds them all inline.
export const wasm = new URL('../pkg/neuronlab_bg.wasm', import.meta.url);
export const worker = () => ({ url: new URL('./worker.js', import.meta.url).href, type: 'module' });
export const labWasm = new URL('../pkg-lab/neuronlab_bg.wasm', import.meta.url);
export const labWorker = () => ({ url: new URL('./sweep_worker.js', import.meta.url).href, type: 'module' });
export const corpus = (file) =>
  fetch(new URL(`./corpora/${file}`, import.meta.url)).then((r) => (r.ok ? r.text() : Promise.reject(r.status)));
