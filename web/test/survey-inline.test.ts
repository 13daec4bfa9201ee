// The citizen page as the server sends /s/{code} (api/Sipas.Api/Citizens/SurveyShell.cs): the built survey.html
// with its own CSS in a <style> and its JS in a <script type="module">, in one response. The build must leave
// nothing the server would refuse to inline, and that one response must stay within the aim.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { BUDGET, DIST, measurePage, sizes } from '../scripts/size.mjs';

interface Measure {
  refs: string[];
}

const built = (() => {
  try {
    return readFileSync(join(DIST, 'survey.html'), 'utf8');
  } catch {
    return undefined;
  }
})();

/** The page with each named file inlined the way the server does it (styles in place, scripts before </body>). */
function inline(html: string, read: (path: string) => string): string {
  let scripts = '';
  const page = html
    .replace(/<script\b[^>]*\bsrc="(\/assets\/[\w.-]+\.js)"[^>]*>\s*<\/script>/g, (_, path: string) => {
      scripts += `<script type="module">${read(path)}</script>`;
      return '';
    })
    .replace(/<link\b[^>]*\bhref="(\/assets\/[\w.-]+\.css)"[^>]*>/g, (_, path: string) => `<style>${read(path)}</style>`);
  return page.replace('</body>', `${scripts}</body>`);
}

const read = (path: string) => readFileSync(join(DIST, path), 'utf8');

describe.runIf(built)('citizen page as /s/{code} sends it', () => {
  it('names one module script and one stylesheet, whose text cannot end its inline element early', () => {
    const m = measurePage('survey.html') as Measure;
    const js = m.refs.filter((r) => r.endsWith('.js'));
    const css = m.refs.filter((r) => r.endsWith('.css'));
    expect(built).toMatch(/<script type="module"[^>]*src="\/assets\/survey-[\w-]+\.js"/);
    expect([js.length, css.length]).toEqual([1, 1]);
    // The server refuses these (and then serves the files apart: one more round trip on a phone).
    expect(read(js[0])).not.toMatch(/<\/script|<!--|\0/i);
    expect(read(css[0])).not.toMatch(/<\/style|\0/i);
    // An inline module resolves relative imports against the page, not /assets/: none may be left.
    expect(read(js[0])).not.toMatch(/\bimport\s*\(|from\s*["']\.\.?\/|import\.meta\.url/);
  });

  it('is one response within the aim, with a questionnaire as its data block', () => {
    // The server adds the service point's survey as JSON; the SIPAS questionnaire of the fixtures stands in for it.
    const data = readFileSync(join(import.meta.dirname, 'fixtures', 'sipas-srs-questionnaire.json'), 'utf8');
    const page = inline(built!, read).replace(
      '</head>',
      `<script type="application/json" id="survey-data">${JSON.stringify(JSON.parse(data))}</script></head>`,
    );
    const size = sizes(Buffer.from(page));
    console.table([{ file: '/s/{code}', ...size }]);
    expect(page).not.toMatch(/\/assets\//);
    expect(size.gzip, `aim is ${BUDGET.aim} bytes`).toBeLessThanOrEqual(BUDGET.aim);
    expect(size.brotli, `aim is ${BUDGET.aim} bytes`).toBeLessThanOrEqual(BUDGET.aim);
  });
});
