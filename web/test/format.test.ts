import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, formatPercent, isoWithOffset } from '../src/shared/format';

describe('Vietnamese formats', () => {
  it('percentages use a decimal comma', () => {
    expect(formatPercent(0.9512)).toBe('95,12%');
    expect(formatPercent(0.9512, 'en')).toBe('95.12%');
    expect(formatPercent(1, 'vi', 1)).toBe('100,0%');
  });

  it('numbers group thousands with a dot', () => {
    expect(formatNumber(2000)).toBe('2.000');
    expect(formatNumber(1234.5)).toBe('1.234,5');
  });

  it('dates are dd/mm/yyyy', () => {
    expect(formatDate('2025-05-14')).toBe('14/05/2025');
    expect(formatDate('2025-12-31', 'en')).toBe('31/12/2025');
    // 20:00 UTC on the 13th is already the 14th in Việt Nam (UTC+7)
    expect(formatDate(new Date('2025-05-13T20:00:00Z'))).toBe('14/05/2025');
  });

  it('receipt times are shown in Việt Nam time', () => {
    expect(formatDateTime('2025-05-14T02:31:07Z')).toBe('09:31 ngày 14/05/2025');
    expect(formatDateTime('2025-05-14T02:31:07Z', 'en')).toBe('14/05/2025, 09:31');
  });

  it('startedAt is local ISO 8601 with the offset', () => {
    const s = isoWithOffset(new Date('2025-05-14T02:30:00Z'));
    expect(s).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    expect(new Date(s).toISOString()).toBe('2025-05-14T02:30:00.000Z');
  });
});
