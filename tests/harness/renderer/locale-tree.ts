/** i18next resources as the locale tests read them: nested JSON flattened to dotted keys. */
export type LocaleTree = { [key: string]: string | LocaleTree };

export function flattenLocale(tree: LocaleTree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flattenLocale(value, path)) out.set(k, v);
  }
  return out;
}

/** The {{placeholders}} a text fills in, sorted and joined: equal across languages when a translation keeps them all. */
export const placeholdersOf = (text: string): string => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort().join();
