// Builds of gaussdb-top with one start-up measure taken out each, for bench/startup.ts --variants: the
// difference in start-up from the shipped build is what that measure saves. Each variant is a copy
// of the package (bin/, dist/, package.json) under bench/out/variants/<name>/.
import { copyFileSync, mkdirSync } from 'node:fs';
import { bundle } from './bundle.js';

/** meow's place taken by util.parseArgs, returning what command-line.ts reads (flags, input). */
const parseArgsForMeow = `
import { parseArgs } from 'node:util';
const kebab = (name) => name.replace(/[A-Z]/g, (letter) => '-' + letter.toLowerCase());
const camel = (name) => name.replace(/-([a-z])/g, (_match, letter) => letter.toUpperCase());
export default function meow({ argv, flags }) {
  const options = Object.fromEntries(
    Object.entries(flags).map(([name, flag]) => [kebab(name), { type: flag.type, multiple: Boolean(flag.isMultiple) }]),
  );
  const { values, positionals } = parseArgs({
    args: [...argv], options, strict: false, allowPositionals: true, allowNegative: true,
  });
  const result = {};
  for (const [name, flag] of Object.entries(flags)) if ('default' in flag) result[name] = flag.default;
  for (const [name, value] of Object.entries(values)) result[camel(name)] = value;
  return { flags: result, input: positionals };
}`;

const withoutMeow = {
  name: 'parse-args-for-meow',
  setup(build) {
    build.onResolve({ filter: /^meow$/ }, () => ({ path: 'meow', namespace: 'variant' }));
    build.onLoad({ filter: /^meow$/, namespace: 'variant' }, () => ({
      contents: parseArgsForMeow,
      loader: 'js',
    }));
  },
};

/** source/ui/load-screen.ts without hiding fetch and navigator: Ink and the screen, plainly imported. */
const withoutLoadScreen = {
  name: 'plain-load-screen',
  setup(build) {
    build.onLoad({ filter: /source[\\/]ui[\\/]load-screen\.ts$/ }, (args) => ({
      contents: `export async function loadScreen() {
        const [{ render }, { LiveApp }] = await Promise.all([import('ink'), import('./LiveApp.js')]);
        return { render, LiveApp };
      }`,
      loader: 'ts',
      resolveDir: new URL('.', `file://${args.path}`).pathname,
    }));
  },
};

export const variants = {
  shipped: {},
  'util.parseArgs instead of meow': { plugins: [withoutMeow] },
  'without lazy-http2.cjs': { without: ['lazyHttp2'] },
  'without string-width.js': { without: ['quickStringWidth'] },
  'without load-screen.ts': { plugins: [withoutLoadScreen] },
};

/** Builds every variant; returns each one's bin/gaussdb-top.js by name. */
export async function buildVariants(root) {
  const bins = {};
  for (const [index, [name, options]] of Object.entries(variants).entries()) {
    const home = new URL(`${index}/`, root);
    mkdirSync(new URL('bin/', home), { recursive: true });
    copyFileSync(new URL('../bin/gaussdb-top.js', import.meta.url), new URL('bin/gaussdb-top.js', home));
    copyFileSync(new URL('../package.json', import.meta.url), new URL('package.json', home));
    await bundle({ outdir: new URL('dist/', home).pathname, ...options });
    bins[name] = new URL('bin/gaussdb-top.js', home).pathname;
  }
  return bins;
}
