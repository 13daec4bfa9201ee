import type { Lang } from './i18n';

/** Reports and receipts use the province's time zone whatever the phone's setting. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

/** 0.9512 → "95,12%" (vi) or "95.12%" (en). */
export function formatPercent(fraction: number, lang: Lang = 'vi', digits = 2): string {
  return new Intl.NumberFormat(locale(lang), {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(fraction);
}

export function formatNumber(value: number, lang: Lang = 'vi'): string {
  return new Intl.NumberFormat(locale(lang)).format(value);
}

/** 4.1234 → "4,12" (vi) or "4.12" (en): a fixed number of decimals. */
export function formatDecimal(value: number, lang: Lang = 'vi', digits = 2): string {
  return new Intl.NumberFormat(locale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2025-05-14", or an instant → "14/05/2025" (the instant's date in Việt Nam). */
export function formatDate(value: Date | string, lang: Lang = 'vi'): string {
  const m = typeof value === 'string' ? DATE_ONLY.exec(value) : null;
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  return new Intl.DateTimeFormat(locale(lang), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: TIME_ZONE,
  }).format(new Date(value));
}

/** An instant → "09:31" in Việt Nam. */
export function formatTime(value: Date | string, lang: Lang = 'vi'): string {
  return new Intl.DateTimeFormat(locale(lang), {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: TIME_ZONE,
  }).format(new Date(value));
}

/** An instant → "09:31 ngày 14/05/2025" (vi) or "14/05/2025, 09:31" (en). */
export function formatDateTime(value: Date | string, lang: Lang = 'vi'): string {
  const date = formatDate(new Date(value), lang);
  const time = formatTime(value, lang);
  return lang === 'vi' ? `${time} ngày ${date}` : `${date}, ${time}`;
}

const pad = (n: number) => (n < 10 ? '0' : '') + n;

/** Local time with its offset, e.g. "2025-05-14T09:30:00+07:00" (what the person's clock said). */
export function isoWithOffset(d: Date): string {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
