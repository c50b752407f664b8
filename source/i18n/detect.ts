import type { Language } from '../language.js';

/** The language the locale asks for: `zh_*` means zh-cn, anything else en-us (POSIX precedence). */
export function languageFromEnvironment(env: NodeJS.ProcessEnv): Language {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh[_-]?/i.test(locale) ? 'zh-cn' : 'en-us';
}
