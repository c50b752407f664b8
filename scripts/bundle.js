// The esbuild set-up of dist/: one bundle with its dependencies, split where the code is loaded
// lazily (the live screen, the emulator, the config schema), so `--once` never loads Ink, React or zod.
// Bundled and minified, Node.js reads a few files instead of several hundred and runs no dead
// development branches: start-up is most of a `--once` run (bench/README.md, start-up).
// scripts/build.js builds dist/ with it; bench/startup.ts builds variants without one shim or another
// to measure what each saves.
import { rm } from 'node:fs/promises';
import { build } from 'esbuild';

/** Hands undici a node:http2 that loads on first use (see lazy-http2.cjs). */
const lazyHttp2 = {
  name: 'lazy-http2',
  setup(build) {
    build.onResolve({ filter: /^node:http2$/ }, () => ({
      path: new URL('lazy-http2.cjs', import.meta.url).pathname,
    }));
  },
};

/** Every import of string-width (Ink's and ours) gets scripts/string-width.js, except its own. */
const quickStringWidth = {
  name: 'quick-string-width',
  setup(build) {
    const wrapper = new URL('string-width.js', import.meta.url).pathname;
    build.onResolve({ filter: /^string-width$/ }, (args) =>
      args.importer === wrapper ? undefined : { path: wrapper },
    );
  },
};

export const shims = { lazyHttp2, quickStringWidth };

/**
 * Builds source/cli.tsx into `outdir` (emptied first). `without` names shims to leave out;
 * `plugins` are added (the benchmark's stand-ins); `readable` keeps names for profiling.
 */
export async function bundle({ outdir, readable = false, without = [], plugins = [] }) {
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: [new URL('../source/cli.tsx', import.meta.url).pathname],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    minify: !readable,
    // Kept readable in the rare stack trace of an unexpected failure (exit 70).
    keepNames: true,
    legalComments: 'linked',
    // Ink loads React DevTools only when DEV=true; it is not a dependency.
    external: ['react-devtools-core'],
    // React and Ink without their development-only checks, as bin/gaussdb-top.js runs them anyway.
    define: { 'process.env.NODE_ENV': '"production"' },
    // Bundled CommonJS (undici, React) calls require() for Node's own modules.
    banner: {
      js: "import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);",
    },
    plugins: [
      ...plugins,
      ...Object.entries(shims).flatMap(([name, shim]) => (without.includes(name) ? [] : [shim])),
    ],
    logLevel: 'warning',
  });
}
