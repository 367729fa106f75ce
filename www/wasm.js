// What the page and the scaling lab both do to start a wasm: compile the
// module (so that its workers get the same one), and ask where its
// worker's script is (none when the browser cannot say).

/** The wasm module from its bytes or its address. */
export async function compile(source) {
  if (source instanceof Uint8Array) return WebAssembly.compile(source);
  try {
    return await WebAssembly.compileStreaming(fetch(source));
  } catch {
    // A server that does not say application/wasm.
    return WebAssembly.compile(await (await fetch(source)).arrayBuffer());
  }
}

/** `where()`'s worker script ({ url, type }), or undefined if it throws. */
export function workerScript(where) {
  try {
    return where();
  } catch {
    return undefined;
  }
}
