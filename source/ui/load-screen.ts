/**
 * Loads Ink and the live screen's components, with two of Node.js's lazy globals hidden meanwhile.
 *
 * - `fetch`: Ink lays out with yoga, whose WebAssembly ships as a base64 `data:` URL. When a global
 *   fetch exists, Emscripten's loader fetches that URL, which loads Node.js's own fetch and
 *   percent-decodes 120 KB: about 25 ms. Without it, the loader decodes the base64 directly.
 * - `navigator`: a terminal-detection package probes it for a browser's platform; touching it makes
 *   Node.js build its Navigator (and Web Locks) for about 6 ms. The answer comes from
 *   `process.platform` all the same.
 *
 * Nothing of ours uses either; both are put back exactly as they were, lazy getters included.
 * (Figures: bench/README.md, start-up.)
 */
const hidden = ['fetch', 'navigator'] as const;

export async function loadScreen() {
  const saved = hidden.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)] as const);
  for (const name of hidden) {
    Object.defineProperty(globalThis, name, { value: undefined, configurable: true, writable: true });
  }
  try {
    const [{ render }, { LiveApp }] = await Promise.all([import('ink'), import('./LiveApp.js')]);
    return { render, LiveApp };
  } finally {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else Reflect.deleteProperty(globalThis, name);
    }
  }
}
