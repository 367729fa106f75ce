// Boots the WebAssembly module; everything else lives in Rust.
import init, { start } from '../pkg/neuronlab.js';

function showFailure(message) {
  const banner = document.getElementById('panic');
  banner.textContent = message;
  banner.hidden = false;
}

init()
  .then(() => start())
  .catch((err) => showFailure(`NeuronLab could not start: ${err}`));
