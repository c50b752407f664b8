import type { Language } from '../language.js';
import { enUs, type Messages } from './en-us.js';
import { zhCn } from './zh-cn.js';

export type { Messages } from './en-us.js';

const catalogues: Record<Language, Messages> = { 'en-us': enUs, 'zh-cn': zhCn };

export function messages(language: Language): Messages {
  return catalogues[language];
}
