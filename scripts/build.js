// Builds dist/ from source/: one bundle with its dependencies, split where the code is loaded lazily
// (the live screen, the emulator, the config schema), so `--once` never loads Ink, React or zod.
// Bundled and minified, Node.js reads a few files instead of several hundred and runs no dead
// development branches: start-up is most of a `--once` run (bench/README.md, start-up).
// Type checking is `npm run typecheck`; this only transforms.
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

const outdir = new URL('../dist/', import.meta.url).pathname;
await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: [new URL('../source/cli.tsx', import.meta.url).pathname],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  // `node scripts/build.js --readable` for profiling (`node --cpu-prof`) with names and lines intact.
  minify: !process.argv.includes('--readable'),
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
  plugins: [lazyHttp2, quickStringWidth],
  logLevel: 'warning',
});
