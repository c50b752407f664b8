// The oldest glibc a Linux executable can start on: the highest GLIBC_x.y among the symbol versions
// it needs (its .gnu.version_r section), read straight from the ELF file so it works for any CPU's
// binary on any build machine (binutils reads only its own CPU's files). The launcher compares it
// with the machine's glibc before starting the runtime, so an old system gets one line instead of a
// loader error.
import { readFileSync } from 'node:fs';

const SHT_GNU_VERNEED = 0x6ffffffe;

/** Compares two dotted versions numerically ("2.9" < "2.28"). */
export function compareVersions(a, b) {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/** Every symbol version a 64-bit little-endian ELF file needs, e.g. "GLIBC_2.28", "GLIBCXX_3.4.21". */
export function neededVersions(elf) {
  const problem = (what) => new Error(`not a 64-bit little-endian ELF executable: ${what}`);
  if (elf.length < 64 || elf.readUInt32BE(0) !== 0x7f454c46) throw problem('no ELF magic');
  if (elf[4] !== 2 || elf[5] !== 1) throw problem(`class ${elf[4]}, data ${elf[5]}`);
  const sectionTable = Number(elf.readBigUInt64LE(0x28));
  const entrySize = elf.readUInt16LE(0x3a);
  const count = elf.readUInt16LE(0x3c);
  if (entrySize < 64 || sectionTable + entrySize * count > elf.length) throw problem('section table');
  const section = (index) => {
    const at = sectionTable + index * entrySize;
    return {
      type: elf.readUInt32LE(at + 4),
      offset: Number(elf.readBigUInt64LE(at + 0x18)),
      size: Number(elf.readBigUInt64LE(at + 0x20)),
      link: elf.readUInt32LE(at + 0x28),
      info: elf.readUInt32LE(at + 0x2c),
    };
  };
  const names = [];
  for (let index = 0; index < count; index++) {
    const verneed = section(index);
    if (verneed.type !== SHT_GNU_VERNEED) continue;
    const strings = section(verneed.link);
    const text = (at) => {
      const start = strings.offset + at;
      return elf.toString('latin1', start, elf.indexOf(0, start));
    };
    // Elf64_Verneed: version, count, file, aux, next; Elf64_Vernaux: hash, flags, other, name, next.
    let need = verneed.offset;
    for (let file = 0; file < verneed.info; file++) {
      let aux = need + elf.readUInt32LE(need + 8);
      for (let entry = 0; entry < elf.readUInt16LE(need + 2); entry++) {
        names.push(text(elf.readUInt32LE(aux + 8)));
        aux += elf.readUInt32LE(aux + 12);
      }
      const next = elf.readUInt32LE(need + 12);
      if (next === 0) break;
      need += next;
    }
  }
  return names;
}

/** The glibc version an executable needs at least ("2.28"), or undefined when it names none. */
export function glibcNeeded(path) {
  let highest;
  for (const name of neededVersions(readFileSync(path))) {
    const match = /^GLIBC_(\d+(?:\.\d+)+)$/.exec(name);
    if (match && (highest === undefined || compareVersions(match[1], highest) > 0)) highest = match[1];
  }
  return highest;
}
