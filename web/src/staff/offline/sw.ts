// The staff screens' service worker, built by scripts/build.mjs into dist/staff/sw.js with the files of the
// staff shell and a build id. Served with `Cache-Control: no-cache`.
import { runServiceWorker } from '../../shared/sw-worker';
import { STAFF_CACHE_PREFIX, STAFF_NAVIGATION_TIMEOUT_MS, STAFF_PAGE, staffStrategy, staleStaffCaches } from './sw-routes';

runServiceWorker({
  cachePrefix: STAFF_CACHE_PREFIX,
  page: STAFF_PAGE,
  navigationTimeoutMs: STAFF_NAVIGATION_TIMEOUT_MS,
  strategy: staffStrategy,
  staleCaches: staleStaffCaches,
});
