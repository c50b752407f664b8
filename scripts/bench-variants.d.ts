/** Builds every variant of scripts/bench-variants.js under `root`; each one's bin/gaussdb-top.js by name. */
export function buildVariants(root: URL): Promise<Record<string, string>>;
