import type { KeyValueStore } from './storage';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];
export const LANG_KEY = 'sipas.lang';

/** Text from the server: Vietnamese always, English may be missing. */
export interface LocalizedText {
  vi: string;
  en?: string | null;
}

/** A page's strings: the English table must have every key of the Vietnamese one. */
export type Strings<K extends string> = Record<Lang, Record<K, string>>;

export function defineStrings<K extends string>(vi: Record<K, string>, en: Record<K, string>): Strings<K> {
  return { vi, en };
}

/** Vietnamese unless the person chose English before. */
export function savedLang(store: KeyValueStore): Lang {
  try {
    return store.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function saveLang(store: KeyValueStore, lang: Lang): void {
  try {
    store.setItem(LANG_KEY, lang);
  } catch {
    // the choice then lasts for this page only
  }
}

/** Sets <html lang> so screen readers pronounce the text correctly. */
export function applyLang(lang: Lang, doc: Document = document): void {
  doc.documentElement.lang = lang;
}

/** The text in `lang`, falling back to Vietnamese when the English text is missing. */
export function pick(text: LocalizedText | string | null | undefined, lang: Lang): string {
  if (text == null) return '';
  if (typeof text === 'string') return text;
  return (lang === 'en' && text.en) || text.vi;
}

/** "Phần {n}/{total}" + { n: 2, total: 6 } → "Phần 2/6". */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/**
 * Wires the header button that switches language. Its label is the other language's own name,
 * marked with that language so a screen reader says it correctly.
 */
export function bindLangSwitch(button: HTMLButtonElement, getLang: () => Lang, setLang: (l: Lang) => void): void {
  const paint = () => {
    const other: Lang = getLang() === 'vi' ? 'en' : 'vi';
    button.textContent = other === 'en' ? 'English' : 'Tiếng Việt';
    button.lang = other;
    button.hidden = false;
  };
  button.addEventListener('click', () => {
    setLang(getLang() === 'vi' ? 'en' : 'vi');
    paint();
  });
  paint();
}
