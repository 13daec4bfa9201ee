import { describe, expect, it } from 'vitest';
import { strings as landing } from '../src/landing/strings';
import { strings as staff } from '../src/staff/strings';
import { strings as survey } from '../src/survey/strings';
import { fill, pick, savedLang, saveLang } from '../src/shared/i18n';
import { memoryStore } from '../src/shared/storage';
import { questionnaire } from './helpers';

const tables = { survey, landing, staff };

function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}

describe('i18n', () => {
  for (const [page, table] of Object.entries(tables)) {
    it(`${page}: every key has a Vietnamese and an English text`, () => {
      const vi = Object.keys(table.vi).sort();
      const en = Object.keys(table.en).sort();
      expect(en).toEqual(vi);
      for (const key of vi) {
        expect(table.vi[key as keyof typeof table.vi], `vi.${key}`).toMatch(/\S/);
        expect(table.en[key as keyof typeof table.en], `en.${key}`).toMatch(/\S/);
      }
    });

    it(`${page}: placeholders match between languages`, () => {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const key of Object.keys(table.vi) as (keyof typeof table.vi)[])
        expect(names(table.en[key]), key).toEqual(names(table.vi[key]));
    });
  }

  it('every string (pages and questionnaire fixture) is NFC', () => {
    const texts = [...allStrings(tables), ...allStrings(questionnaire)];
    expect(texts.length).toBeGreaterThan(200);
    for (const s of texts) expect(s === s.normalize('NFC'), s).toBe(true);
  });

  it('Vietnamese strings carry their diacritics', () => {
    expect(survey.vi.l1).toBe('Rất không hài lòng');
    expect(survey.vi.l3).toBe('Bình thường');
    expect(survey.vi.dossierLabel).toBe('Mã hồ sơ (không bắt buộc)');
    expect(landing.vi.rateTitle).toBe('Đánh giá dịch vụ');
    expect(landing.vi.staff).toBe('Đăng nhập cán bộ');
    expect(survey.vi.queued).toBe('Chưa gửi được — câu trả lời đã được lưu trên máy và sẽ tự gửi khi có mạng.');
  });

  it('falls back to Vietnamese when the English text is missing', () => {
    expect(pick({ vi: 'Xây dựng', en: null }, 'en')).toBe('Xây dựng');
    expect(pick({ vi: 'Xây dựng', en: 'Construction' }, 'en')).toBe('Construction');
    expect(pick({ vi: 'Xây dựng', en: 'Construction' }, 'vi')).toBe('Xây dựng');
    expect(pick('Phường Thành Vinh', 'en')).toBe('Phường Thành Vinh');
  });

  it('remembers the language choice, Vietnamese by default', () => {
    const store = memoryStore();
    expect(savedLang(store)).toBe('vi');
    saveLang(store, 'en');
    expect(savedLang(store)).toBe('en');
  });

  it('fills placeholders', () => {
    expect(fill(survey.vi.part, { n: 2, total: 6 })).toBe('Phần 2/6');
  });
});
