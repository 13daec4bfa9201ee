import type { LocalizedText } from '../../shared/i18n';
import type { AdminText } from './strings';

/** Lower case without Vietnamese marks, so that "thanh vinh" finds "Thành Vinh". */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'd')
    .toLowerCase()
    .trim();
}

/** Every word of the query appears somewhere in the text (both folded). */
export function matches(text: string, query: string): boolean {
  const hay = fold(text);
  return fold(query)
    .split(/\s+/)
    .every((w) => hay.includes(w));
}

export const localized = (vi: string, en: string | null | undefined): LocalizedText => ({ vi, en });

/** Messages are server text, or '@key' for one of ours so that a language switch re-words them. */
export const message = (t: AdminText, s: string) => (s.startsWith('@') ? t[s.slice(1) as keyof AdminText] : s);

/** Text typed into the form: trimmed, NFC (some keyboards send decomposed Vietnamese), empty → null. */
export function clean(s: string | undefined): string | null {
  const v = (s ?? '').normalize('NFC').trim();
  return v ? v : null;
}
