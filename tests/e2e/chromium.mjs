// Chromium flags for headless runs as root in a container, shared by the
// end-to-end tests (helpers.mjs) and the benchmark driver
// (www/bench/driver.mjs). No imports: the driver loads it from outside
// this folder.

/** Flags every headless launch gets. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
