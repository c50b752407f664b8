import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { constants } from 'node:http2';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const require = createRequire(import.meta.url);
const lazyPath = require.resolve('../scripts/lazy-http2.cjs');

test("the bundle's stand-in for node:http2 has undici's constants right, and the rest from the real module", () => {
  const lazy = require(lazyPath) as { constants: Record<string, unknown>; connect: unknown };
  const known = Object.keys(lazy.constants);
  assert.ok(known.length > 0);
  for (const name of known) {
    assert.equal(lazy.constants[name], constants[name as keyof typeof constants], name);
  }
  assert.equal(lazy.constants.HTTP2_HEADER_CONTENT_TYPE, constants.HTTP2_HEADER_CONTENT_TYPE);
  assert.equal(typeof lazy.connect, 'function');
});

test('reading those constants does not load node:http2', () => {
  const script = `const lazy = require(${JSON.stringify(lazyPath)});
    for (const name of Object.keys(lazy.constants)) lazy.constants[name];
    process.stdout.write(String(process.moduleLoadList.includes('NativeModule http2')));`;
  assert.equal(execFileSync(process.execPath, ['-e', script]).toString(), 'false');
});
