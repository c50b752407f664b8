// The launcher at the head of a single file: scripts/package/launcher.sh with its values filled in.
// The payload starts right after it, at a byte offset the launcher states itself.
import { readFileSync } from 'node:fs';

const template = readFileSync(new URL('launcher.sh', import.meta.url), 'utf8');

/** The V8 flags of bin/gaussdb-top.js, from its shebang (`#!/usr/bin/env -S node --a --b`). */
export function shebangFlags(binText) {
  const first = binText.split('\n')[0] ?? '';
  const match = /^#!\/usr\/bin\/env -S node((?: --[\w-]+(?:=[\w.-]+)?)*)$/.exec(first);
  if (!match) throw new Error(`bin/gaussdb-top.js: unexpected shebang ${JSON.stringify(first)}`);
  return match[1].trim().split(' ').filter(Boolean);
}

/**
 * The launcher text for one target. `values`: version, nodeVersion, machine, glibcNeeded,
 * payloadSha256, unpackedName, nodeFlags (a list).
 */
export function launcherText(values) {
  const fields = {
    VERSION: values.version,
    NODE_VERSION: values.nodeVersion,
    MACHINE: values.machine,
    GLIBC_NEEDED: values.glibcNeeded,
    PAYLOAD_SHA256: values.payloadSha256,
    UNPACKED_NAME: values.unpackedName,
    NODE_FLAGS: values.nodeFlags.join(' '),
  };
  for (const [name, value] of Object.entries(fields)) {
    // Every value lands inside quotes or as a bare word of the exec line: nothing a shell expands.
    if (!/^[\w.@ =-]+$/.test(value))
      throw new Error(`launcher ${name}: unsafe value ${JSON.stringify(value)}`);
  }
  const filled = template.replace(/@([A-Z0-9_]+)@/g, (whole, name) =>
    name === 'PAYLOAD_OFFSET' ? whole : (fields[name] ?? whole),
  );
  const left = /@[A-Z0-9_]+@/.exec(filled.replaceAll('@PAYLOAD_OFFSET@', ''));
  if (left) throw new Error(`launcher.sh: no value for ${left[0]}`);
  // The offset is the launcher's own length in bytes, which includes the offset's digits.
  let offset = Buffer.byteLength(filled);
  for (;;) {
    const text = filled.replace('@PAYLOAD_OFFSET@', String(offset));
    const length = Buffer.byteLength(text);
    if (length === offset) return text;
    offset = length;
  }
}
