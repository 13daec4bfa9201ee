import '../shared/base.css';
import './survey.css';
import { browserStore } from '../shared/storage';
import { startSurvey } from './app';
import { registerWorker } from './sw-register';

const app = startSurvey({
  store: browserStore(),
  main: document.getElementById('main') as HTMLElement,
  langButton: document.getElementById('lang') as HTMLButtonElement,
  footer: document.getElementById('footer'),
  pathname: location.pathname,
  search: location.search,
  embedded: embeddedSurvey(),
  embeddedFor: document.getElementById('survey-data')?.dataset.invitation,
});

/** The survey the server put in the page, if any (a data block: never run). */
function embeddedSurvey() {
  const text = document.getElementById('survey-data')?.textContent;
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

// The worker file exists only in a build (dist/s/sw.js), not under the dev server.
if (import.meta.env.PROD) void app.ready.finally(() => registerWorker(undefined, location.pathname));
