// The citizen page's service worker, built by scripts/build.mjs into dist/s/sw.js with the list of files
// to keep (survey.html and its hashed JS and CSS) and a build id. Served with `Cache-Control: no-cache`.
import { runServiceWorker } from '../shared/sw-worker';
import { CACHE_PREFIX, NAVIGATION_TIMEOUT_MS, PAGE, staleCaches, strategy } from './sw-routes';

runServiceWorker({ cachePrefix: CACHE_PREFIX, page: PAGE, navigationTimeoutMs: NAVIGATION_TIMEOUT_MS, strategy, staleCaches });
