import { build } from 'esbuild';

await build({
  stdin: { contents: process.argv[3], resolveDir: process.cwd() },
  bundle: true,
  format: 'esm',
  platform: 'node',
  minify: process.argv[4] !== 'readable',
  outfile: process.argv[2],
  logLevel: 'error',
  external: ['react-devtools-core'],
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: "import{createRequire as __c}from'node:module';const require=__c(import.meta.url);" },
});
