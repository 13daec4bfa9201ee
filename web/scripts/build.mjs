// Builds each page on its own so that no page shares a chunk with another one:
// the citizen survey must load exactly one HTML, one JS and one CSS file.
import { build } from 'vite';

const pages = ['survey', 'index', 'staff'];

for (const [i, page] of pages.entries()) {
  process.env.SIPAS_PAGE = page;
  process.env.SIPAS_KEEP_DIST = i === 0 ? '0' : '1';
  await build({ logLevel: 'warn' });
  console.log(`built ${page}.html`);
}
