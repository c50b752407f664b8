import { readFileSync } from 'node:fs';

/** package.json one level above both source/ and dist/; a single file's own says `singleFile`. */
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
  singleFile?: boolean;
};

/** The package version, read once. */
export const version: string = manifest.version;

export const userAgent = `gaussdb-top/${version} (node ${process.versions.node}; ${process.platform})`;

/**
 * What `--version` prints: the version alone from npm or a clone (scripts read it), and for a single
 * file (`npm run package`) also the Node.js inside it and the platform, first word still the version.
 */
export function versionText(): string {
  if (manifest.singleFile !== true) return version;
  return `${version} (single file: Node.js ${process.versions.node}, ${process.platform}-${process.arch})`;
}
