// Builds each page on its own so that no page shares a chunk with another one:
// the citizen survey must load exactly one HTML, one JS and one CSS file.
// Then builds the citizen page's service worker (dist/s/sw.js) with the names of the files it keeps.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { DIST, measurePage } from './size.mjs';

const pages = ['survey', 'index', 'staff', 'results'];

for (const [i, page] of pages.entries()) {
  process.env.SIPAS_PAGE = page;
  process.env.SIPAS_KEEP_DIST = i === 0 ? '0' : '1';
  await build({ logLevel: 'warn' });
  console.log(`built ${page}.html`);
}

// survey.html names its hashed assets, so its hash identifies the build of the citizen page.
const survey = measurePage('survey.html');
const precache = ['/survey.html', ...survey.refs.filter((r) => r.startsWith('/assets/'))];
const buildId = createHash('sha256').update(readFileSync(join(DIST, 'survey.html'))).digest('hex').slice(0, 12);
await build({
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  define: { __SIPAS_PRECACHE__: JSON.stringify(precache), __SIPAS_BUILD__: JSON.stringify(buildId) },
  build: {
    outDir: join(DIST, 's'),
    emptyOutDir: false,
    target: 'es2019',
    lib: { entry: 'src/survey/sw.ts', formats: ['iife'], name: 'sipasWorker', fileName: () => 'sw.js' },
  },
});
// The same worker for invitation links (/r/{token}): a worker only controls pages below the folder of its script.
mkdirSync(join(DIST, 'r'), { recursive: true });
copyFileSync(join(DIST, 's', 'sw.js'), join(DIST, 'r', 'sw.js'));
console.log(`built s/sw.js and r/sw.js (${precache.length} files kept offline, build ${buildId})`);

// The staff screens' service worker (dist/staff/sw.js): keeps staff.html and its files so a surveyor signed in
// once opens the interview screen with no network.
const staff = measurePage('staff.html');
const staffPrecache = ['/staff.html', ...staff.refs.filter((r) => r.startsWith('/assets/'))];
const staffBuild = createHash('sha256').update(readFileSync(join(DIST, 'staff.html'))).digest('hex').slice(0, 12);
await build({
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  define: { __SIPAS_PRECACHE__: JSON.stringify(staffPrecache), __SIPAS_BUILD__: JSON.stringify(staffBuild) },
  build: {
    outDir: join(DIST, 'staff'),
    emptyOutDir: false,
    target: 'es2019',
    lib: { entry: 'src/staff/offline/sw.ts', formats: ['iife'], name: 'sipasStaffWorker', fileName: () => 'sw.js' },
  },
});
console.log(`built staff/sw.js (${staffPrecache.length} files kept offline, build ${staffBuild})`);
