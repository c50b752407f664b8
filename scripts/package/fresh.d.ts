/** A SHA-256 over the names and contents of every input of release/ under `root`. */
export function fingerprint(root: string): string;
/** True when `release` was built from these inputs and every file named in `expected` is there. */
export function isFresh(root: string, release: string, expected: string[]): boolean;
export function markFresh(root: string, release: string, print?: string): void;
