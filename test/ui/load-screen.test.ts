import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadScreen } from '../../source/ui/load-screen.js';

// Node.js's list of the built-in modules it has loaded (undocumented, but stable for years).
const loaded = () => (process as unknown as { moduleLoadList: string[] }).moduleLoadList;

// Its own file, so its own process: nothing else has loaded Ink or touched these globals yet.
test("the screen loads without starting Node's fetch or navigator, and both are back afterwards", async () => {
  const before = ['fetch', 'navigator'].map((name) => Object.getOwnPropertyDescriptor(globalThis, name));
  const { render, LiveApp } = await loadScreen();
  assert.equal(typeof render, 'function');
  assert.equal(typeof LiveApp, 'function');
  for (const internal of ['internal/deps/undici/undici', 'internal/navigator']) {
    assert.ok(!loaded().includes(`NativeModule ${internal}`), `${internal} stayed unloaded`);
  }
  const after = ['fetch', 'navigator'].map((name) => Object.getOwnPropertyDescriptor(globalThis, name));
  assert.deepEqual(after, before);
  assert.equal(typeof globalThis.fetch, 'function');
  assert.equal(typeof globalThis.navigator.userAgent, 'string');
});
