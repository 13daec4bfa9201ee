import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';
import type { Questionnaire, SurveyTarget } from '../src/shared/api';

export const root = join(import.meta.dirname, '..');

export const questionnaire: Questionnaire = {
  ...JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/sipas-srs-questionnaire.json'), 'utf8')),
  key: 'sipas-dvhcc@2025.1',
};

export const target: SurveyTarget = {
  servicePoint: {
    code: 'XD-01',
    name: { vi: 'Bộ phận Một cửa Sở Xây dựng', en: 'One-stop desk, Department of Construction' },
    agency: { code: 'so-xay-dung', name: { vi: 'Sở Xây dựng', en: 'Department of Construction' } },
    area: { code: 'construction', name: { vi: 'Xây dựng', en: null } },
    unit: { code: '16681', name: 'Phường Thành Vinh' },
  },
  wave: {
    code: '2025-H2',
    name: { vi: 'Đợt khảo sát 6 tháng cuối năm 2025', en: 'Second half of 2025' },
    startsOn: '2025-07-01',
    endsOn: '2025-12-31',
  },
  questionnaire,
};

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });

export type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

/** Replaces global fetch; a handler that throws acts as a network failure. Returns the call log. */
export function mockFetch(handler: Handler) {
  const calls: { url: string; init: RequestInit; body?: unknown }[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, init, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined });
    return handler(url, init);
  });
  vi.stubGlobal('fetch', fn);
  return calls;
}

/** Loads one of the page HTML files' <body> into the jsdom document. */
export function loadPage(file: 'survey.html' | 'index.html' | 'staff.html' | 'results.html'): void {
  const html = readFileSync(join(root, file), 'utf8');
  document.documentElement.lang = 'vi';
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '';
  document.title = /<title>(.*)<\/title>/.exec(html)?.[1] ?? '';
}

/** Resolves once pending promises and timers queued so far have run. */
export const settle = () => new Promise((r) => setTimeout(r, 0));

export function header(init: RequestInit, name: string): string | undefined {
  const h = init.headers as Record<string, string> | undefined;
  return h?.[name];
}
