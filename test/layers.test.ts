import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

// Imports go down the layers (docs: ARCHITECTURE.md). The screen renders what a feed gives: it never
// reaches the network's layer or the scripts' output, whose types and helpers belong in leaves.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'source');

/** Every module a file names: static imports and re-exports (types too, over several lines), and import(). */
function specifiers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gms))
    found.push(match[1] as string);
  for (const match of text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)) found.push(match[1] as string);
  for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(match[1] as string);
  return found;
}

function filesUnder(folder: string): string[] {
  if (/\.tsx?$/.test(folder)) return [folder];
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The top folder under source/ a relative import lands in ('' for a leaf module in source/ itself). */
function layerOf(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const path = relative(source, resolve(dirname(file), specifier));
  const parts = path.split(/[\\/]/);
  return parts.length > 1 ? (parts[0] as string) : '';
}

const forbidden: Record<string, readonly string[]> = {
  ui: ['cloud', 'output', 'serve'],
  // The HTTP face of a feed: it reads feeds and the monitor's counters, never the screen.
  serve: ['ui', 'modes'],
  // The drill-down's types, lock tree and DrillSource are shared by the layers above and below: a leaf.
  drill: ['cloud', 'monitor', 'feed', 'ui', 'output', 'modes', 'config', 'emulator'],
  // --once wires a connection to a feed and an output; the layers below are openConnection's business.
  'modes/once.ts': ['cloud', 'monitor'],
};

test('the import scanner sees every form of import a file can use', () => {
  const sample = [
    "import type { A } from '../cloud/a.js';",
    'import {',
    '  b,',
    '  type C,',
    "} from '../output/b.js';",
    "export { d } from './d.js';",
    "import './side-effect.js';",
    "const e = await import('../cloud/e.js');",
  ].join('\n');
  assert.deepEqual(specifiers(sample).sort(), [
    '../cloud/a.js',
    '../cloud/e.js',
    '../output/b.js',
    './d.js',
    './side-effect.js',
  ]);
});

for (const [layer, banned] of Object.entries(forbidden)) {
  test(`source/${layer} imports nothing from ${banned.join(' or ')}`, () => {
    const files = filesUnder(join(source, layer));
    assert.ok(files.length > 0, `files under source/${layer}`);
    const breaches: string[] = [];
    for (const file of files) {
      for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
        const target = layerOf(file, specifier);
        if (target !== null && banned.includes(target))
          breaches.push(`${relative(root, file)} imports ${specifier}`);
      }
    }
    assert.deepEqual(breaches, []);
  });
}

test('only connect.ts builds the dispatcher and the clients', () => {
  const builders: string[] = [];
  for (const file of filesUnder(source)) {
    const text = readFileSync(file, 'utf8').replace(/function createDispatcher\(/g, '');
    if (/\bcreateDispatcher\(|\bnew GaussDbClient\(/.test(text)) builders.push(relative(source, file));
  }
  assert.deepEqual(builders, ['connect.ts']);
});

test("dependencies through their public entry points only: no import below a package's exports", () => {
  const breaches: string[] = [];
  let checked = 0;
  for (const folder of ['source', 'scripts', 'bench', 'bin']) {
    const files = readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && /\.(tsx?|m?js|cjs)$/.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name));
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const named = [
        ...specifiers(text),
        ...[...text.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] as string),
      ];
      for (const specifier of named) {
        if (specifier.startsWith('.') || specifier.startsWith('/') || isBuiltin(specifier)) continue;
        checked++;
        const parts = specifier.split('/');
        const depth = specifier.startsWith('@') ? 2 : 1;
        if (parts.length <= depth) continue;
        // A subpath is public only when the package declares it in its exports map.
        const name = parts.slice(0, depth).join('/');
        const manifest = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'));
        const exports = manifest.exports;
        const subpath = `./${parts.slice(depth).join('/')}`;
        const declared =
          exports &&
          typeof exports === 'object' &&
          Object.keys(exports).some((key) =>
            key.includes('*') ? subpath.startsWith(key.slice(0, key.indexOf('*'))) : key === subpath,
          );
        if (!declared) breaches.push(`${relative(root, file)} imports ${specifier}`);
      }
    }
  }
  assert.ok(checked > 10, `${checked} package imports checked`);
  assert.deepEqual(breaches, []);
});
