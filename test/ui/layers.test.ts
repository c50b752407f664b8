import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const sourceRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../source');
const uiRoot = join(sourceRoot, 'ui');

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every relative module a file imports or re-exports, types included, resolved to a path under source/. */
function importsOf(file: string, text: string): string[] {
  const specifiers = [...text.matchAll(/\b(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map(
    (match) => match[1],
  );
  return specifiers.map((specifier) => relative(sourceRoot, resolve(dirname(file), specifier ?? '')));
}

test('ui/ never imports cloud/ or output/: it renders what the monitor gives it', async () => {
  const crossings: string[] = [];
  for (const file of await filesUnder(uiRoot)) {
    for (const target of importsOf(file, await readFile(file, 'utf8'))) {
      if (/^(cloud|output)\//.test(target)) crossings.push(`${relative(sourceRoot, file)} -> ${target}`);
    }
  }
  assert.deepEqual(crossings, []);
});
