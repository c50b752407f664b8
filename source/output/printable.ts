// Escape sequences and other control characters in text from the API (instance names, server
// messages) could rewrite the user's terminal; they never reach it.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(controlCharacters, '�');
}
