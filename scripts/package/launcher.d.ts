/** The V8 flags of bin/gaussdb-top.js, from its shebang. */
export function shebangFlags(binText: string): string[];
export interface LauncherValues {
  version: string;
  nodeVersion: string;
  machine: string;
  glibcNeeded: string;
  payloadSha256: string;
  unpackedName: string;
  nodeFlags: string[];
}
/** The launcher text for one target, its payload offset filled in. */
export function launcherText(values: LauncherValues): string;
