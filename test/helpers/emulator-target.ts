/** The flags that point gaussdb-top at an emulator and monitor all of its instances. */
export function targetFlags(emulator: { url: string; projectId: string }): string[] {
  return ['--endpoint', emulator.url, '--project-id', emulator.projectId, '--discover'];
}
