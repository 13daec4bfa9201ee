import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { BUDGET, DIST, LIGHT_PAGES, measurePage } from '../scripts/size.mjs';

interface Measure {
  files: { file: string; raw: number; gzip: number; brotli: number }[];
  total: { raw: number; gzip: number; brotli: number };
  external: string[];
  refs: string[];
}

// `npm test` builds first; running vitest alone needs a `npm run build` before.
const built = existsSync(join(DIST, 'survey.html'));

describe.runIf(built)('built site', () => {
  it('has the three entry points at the root with absolute /assets/ paths (and the staff screens their manifest)', () => {
    for (const page of ['index.html', 'survey.html', 'staff.html', 'results.html']) {
      const m = measurePage(page) as Measure;
      expect(m.refs.length, page).toBeGreaterThan(0);
      const assets = m.refs.filter((r) => !(page === 'staff.html' && r === '/staff/manifest.webmanifest'));
      for (const ref of assets) expect(ref, page).toMatch(/^\/assets\/[\w.-]+\.(js|css)$/);
    }
    expect(existsSync(join(DIST, 'staff', 'manifest.webmanifest'))).toBe(true);
    expect(existsSync(join(DIST, 'staff', 'sw.js'))).toBe(true);
  });

  it('citizen page: first load within the budget (compressed HTML + JS + CSS)', () => {
    const m = measurePage('survey.html') as Measure;
    console.table(m.files.concat({ file: 'total', ...m.total }));
    expect(m.total.gzip).toBeLessThanOrEqual(BUDGET.limit);
    expect(m.total.brotli).toBeLessThanOrEqual(BUDGET.limit);
    expect(m.total.gzip, `aim is ${BUDGET.aim} bytes`).toBeLessThanOrEqual(BUDGET.aim);
  });

  it('citizen page: one HTML, one JS, one CSS, nothing external, no fonts or images', () => {
    const m = measurePage('survey.html') as Measure;
    expect(m.external).toEqual([]);
    expect(m.files.map((f) => f.file.split('.').pop()).sort()).toEqual(['css', 'html', 'js']);
    const js = readFileSync(join(DIST, m.files.find((f) => f.file.endsWith('.js'))!.file), 'utf8');
    expect(js).not.toMatch(/\bimport\s*\(|from\s*["']\.\//); // no further chunks loaded later
    const css = readFileSync(join(DIST, m.files.find((f) => f.file.endsWith('.css'))!.file), 'utf8');
    expect(css).not.toMatch(/@font-face|@import|url\(/);
    const assets = readdirSync(join(DIST, 'assets'));
    expect(assets.filter((f) => !/\.(js|css)$/.test(f))).toEqual([]);
  });

  it('public results page: as light as the citizen page, one HTML, one JS, one CSS, nothing external', () => {
    expect(LIGHT_PAGES).toContain('results.html');
    const m = measurePage('results.html') as Measure;
    console.table(m.files.concat({ file: 'total', ...m.total }));
    expect(m.total.gzip).toBeLessThanOrEqual(BUDGET.limit);
    expect(m.total.brotli).toBeLessThanOrEqual(BUDGET.limit);
    expect(m.external).toEqual([]);
    expect(m.files.map((f) => f.file.split('.').pop()).sort()).toEqual(['css', 'html', 'js']);
  });
});
