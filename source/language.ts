/** The two languages of the API's `X-Language` header, and of every label we show. */
export const languages = ['en-us', 'zh-cn'] as const;
export type Language = (typeof languages)[number];

export function isLanguage(value: unknown): value is Language {
  return (languages as readonly unknown[]).includes(value);
}
