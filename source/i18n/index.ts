import type { Language } from '../language.js';
import { enUs, type Messages } from './en-us.js';
import { zhCn } from './zh-cn.js';

export type { Messages } from './en-us.js';

const catalogues: Record<Language, Messages> = { 'en-us': enUs, 'zh-cn': zhCn };

export function messages(language: Language): Messages {
  return catalogues[language];
}

/** Our own words for a failure on our side of the wire (TIMEOUT, TLS...), or undefined for a server code. */
export function localErrorLabel(code: string, t: Messages): string | undefined {
  return Object.hasOwn(t.localErrors, code)
    ? t.localErrors[code as keyof Messages['localErrors']]
    : undefined;
}
