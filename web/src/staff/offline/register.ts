import { STAFF_SW_SCOPE, STAFF_SW_URL } from './sw-routes';

/** Registers the staff shell's offline worker after load (nothing happens where service workers are unavailable). */
export function registerStaffWorker(win: Window = window): boolean {
  const container = win.navigator.serviceWorker;
  if (!container || win.isSecureContext === false) return false;
  const go = () => void container.register(STAFF_SW_URL, { scope: STAFF_SW_SCOPE, updateViaCache: 'none' }).catch(() => undefined);
  if (win.document.readyState === 'complete') setTimeout(go, 0);
  else win.addEventListener('load', go, { once: true });
  return true;
}
