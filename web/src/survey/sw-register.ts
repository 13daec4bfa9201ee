import { workerFor } from './sw-routes';

/** The parts of `window` the registration uses (tests pass a fake). */
export interface WorkerHost {
  navigator: { serviceWorker?: { register(url: string, opts: RegistrationOptions): Promise<unknown> } };
  isSecureContext?: boolean;
  document: { readyState: DocumentReadyState };
  addEventListener(type: 'load', fn: () => void, opts?: AddEventListenerOptions): void;
}

/**
 * Registers the offline worker once the page has loaded, so it never competes with the first render.
 * Returns false where service workers are unavailable (old browsers, plain http other than localhost):
 * the page then works as before, with the questionnaire and answers kept in localStorage.
 */
export function registerWorker(host: WorkerHost = window as unknown as WorkerHost, pathname = '/s/'): boolean {
  const container = host.navigator.serviceWorker;
  if (!container || host.isSecureContext === false) return false;
  const { url, scope } = workerFor(pathname);
  const go = () => void container.register(url, { scope, updateViaCache: 'none' }).catch(() => undefined);
  if (host.document.readyState === 'complete') setTimeout(go, 0);
  else host.addEventListener('load', go, { once: true });
  return true;
}
