// Measures what a first visit to a page downloads: the HTML plus every script, stylesheet and
// preload it references, raw, gzip (level 9) and brotli (quality 11), as a static server would send them.
//   node scripts/size.mjs [page.html …]      (default: survey.html and results.html; run `npm run build` first)
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

export const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

/** The citizen page's budget (bytes, compressed, whole first load), and the size we aim for. */
/** The public pages held to it: the citizen survey and the published results (as light as the citizen page). */
export const LIGHT_PAGES = ['survey.html', 'results.html'];

export const BUDGET = { limit: 35 * 1024, aim: 20 * 1024 };

/** The citizen page's service worker: fetched after the page has loaded, so it is counted on its own. */
export const WORKER = 's/sw.js';

export function sizes(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Files a first load of `page` fetches: the page and the local assets named in its tags. */
export function measurePage(page, dist = DIST) {
  const htmlPath = join(dist, page);
  if (!existsSync(htmlPath)) throw new Error(`${htmlPath} is missing: run npm run build first`);
  const html = readFileSync(htmlPath, 'utf8');
  const refs = [...html.matchAll(/<(?:script|link)\b[^>]*?\s(?:src|href)="([^"]+)"/g)].map((m) => m[1])
    .filter((r) => !r.startsWith('data:'));
  const external = refs.filter((r) => /^(https?:)?\/\//.test(r));
  const local = refs.filter((r) => r.startsWith('/assets/'));
  const files = [{ file: page, ...sizes(Buffer.from(html)) }];
  for (const ref of local) files.push({ file: ref.slice(1), ...sizes(readFileSync(join(dist, ref))) });
  const total = files.reduce((a, f) => ({ raw: a.raw + f.raw, gzip: a.gzip + f.gzip, brotli: a.brotli + f.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
  return { page, files, total, external, refs };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const pages = process.argv.slice(2).length ? process.argv.slice(2) : LIGHT_PAGES;
  let failed = false;
  for (const page of pages) {
    const m = measurePage(page);
    console.log(`\n${page}`);
    console.log('file'.padEnd(36), 'raw'.padStart(8), 'gzip'.padStart(8), 'brotli'.padStart(8));
    for (const f of [...m.files, { file: 'total', ...m.total }])
      console.log(f.file.padEnd(36), String(f.raw).padStart(8), String(f.gzip).padStart(8), String(f.brotli).padStart(8));
    if (page === 'survey.html' && existsSync(join(DIST, WORKER))) {
      const w = sizes(readFileSync(join(DIST, WORKER)));
      console.log(`after load, not in the total above (service worker):`);
      console.log(WORKER.padEnd(36), String(w.raw).padStart(8), String(w.gzip).padStart(8), String(w.brotli).padStart(8));
    }
    if (LIGHT_PAGES.includes(page) && m.total.gzip > BUDGET.limit) {
      console.error(`${page}: ${m.total.gzip} bytes gzip is over the budget of ${BUDGET.limit}`);
      failed = true;
    }
  }
  process.exit(failed ? 1 : 0);
}
