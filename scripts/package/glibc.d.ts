/** Compares two dotted versions numerically: -1, 0 or 1. */
export function compareVersions(a: string, b: string): number;
/** Every symbol version a 64-bit little-endian ELF file needs, e.g. "GLIBC_2.28". */
export function neededVersions(elf: Buffer): string[];
/** The glibc version an executable needs at least ("2.28"), or undefined when it names none. */
export function glibcNeeded(path: string): string | undefined;
