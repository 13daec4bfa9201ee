/// <reference types="vitest/config" />
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

// One HTML entry per page. `npm run build` (scripts/build.mjs) builds each page on its own
// (SIPAS_PAGE=survey, …) so that no page shares a chunk with another: the citizen page loads
// exactly one HTML, one JS and one CSS file.
export const pages = {
  index: resolve(import.meta.dirname, 'index.html'),
  survey: resolve(import.meta.dirname, 'survey.html'),
  staff: resolve(import.meta.dirname, 'staff.html'),
  results: resolve(import.meta.dirname, 'results.html'),
} as const;

export type PageName = keyof typeof pages;

/** The dev server answers /s/{code}, /r/{token}, /ket-qua and /staff/… the way the ASP.NET server does in production. */
const spaFallback: Plugin = {
  name: 'sipas-fallback',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      const path = req.url?.split('?')[0] ?? '';
      if (/^\/[sr]\/[^/]+/.test(path)) req.url = '/survey.html';
      else if (/^\/ket-qua(\/|$)/.test(path)) req.url = '/results.html';
      else if (/^\/staff(\/|$)/.test(path)) req.url = '/staff.html';
      next();
    });
  },
};

export default defineConfig(() => {
  const only = process.env.SIPAS_PAGE as PageName | undefined;
  const input = only ? { [only]: pages[only] } : pages;
  return {
    base: '/',
    plugins: [spaFallback],
    build: {
      outDir: 'dist',
      emptyOutDir: process.env.SIPAS_KEEP_DIST !== '1',
      target: 'es2019',
      modulePreload: { polyfill: false },
      cssCodeSplit: true,
      assetsInlineLimit: 0,
      rolldownOptions: { input },
    },
    server: {
      proxy: { '/api': process.env.SIPAS_API ?? 'http://127.0.0.1:5000' },
    },
    test: {
      environment: 'jsdom',
      include: ['test/**/*.test.ts'],
      // axe-core over a whole questionnaire in jsdom takes ~4 s on a 2-core machine running the other
      // files in parallel: the 5 s default made that test fail now and then.
      testTimeout: 20_000,
    },
  };
});
