/** Project ids are 32 letters or digits. */
export function isProjectId(value: string): boolean {
  return /^[A-Za-z0-9]{32}$/.test(value);
}

/** Instance ids are 36 letters or digits (real ones end in `in14`). */
export function isInstanceId(value: string): boolean {
  return /^[A-Za-z0-9]{36}$/.test(value);
}

/** A value quoted for an error message, shortened so a pasted blob cannot flood the terminal. */
export function quote(value: unknown): string {
  const text = String(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
