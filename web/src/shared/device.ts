import { request } from './api';
import { readJson, writeJson, type KeyValueStore } from './storage';

/** What POST /api/public/devices answers, kept as it is in localStorage. */
export interface DeviceCredential {
  credential: string;
  issuedAt: string;
}

export const CREDENTIAL_KEY = 'sipas.credential';
/** The random token pages kept before the server signed credentials; removed once a credential arrives. */
const OLD_TOKEN_KEY = 'sipas.device';
/** Never waited for: the page goes on without a fresh credential if none comes in this time. */
export const CREDENTIAL_TIMEOUT_MS = 8000;

/** Opaque, at most 120 characters; printable ASCII only, as fetch refuses any other header value. */
const VALID = /^[\x21-\x7e]{1,120}$/;

/** The last credential the server gave this browser, if any. */
export function heldCredential(store: KeyValueStore): string | undefined {
  const c = readJson<DeviceCredential>(store, CREDENTIAL_KEY)?.credential;
  return typeof c === 'string' && VALID.test(c) ? c : undefined;
}

/**
 * The server-signed device credential sent as X-Sipas-Device. The server measures how long a form took from the
 * issue time of the credential sent with it, so a page asks for a fresh one at load and when a form starts,
 * passing the one it holds (same device, new issue time). Fire and forget: a failure (no network, timeout, 4xx or
 * 5xx) changes nothing and shows nothing; a request already under way is shared rather than repeated, so that a
 * first visit does not ask for two device identities at once.
 */
export function deviceCredentials(store: KeyValueStore, timeoutMs = CREDENTIAL_TIMEOUT_MS) {
  let asking: Promise<string | undefined> | undefined;
  const held = () => heldCredential(store);
  const refresh = (): Promise<string | undefined> =>
    (asking ??= request<DeviceCredential>('/api/public/devices', {
      method: 'POST',
      body: { credential: held() ?? null },
      timeoutMs,
    })
      .then((r) => {
        const c = r.ok ? r.data : undefined;
        if (!c || typeof c.credential !== 'string' || !VALID.test(c.credential)) return undefined;
        writeJson(store, CREDENTIAL_KEY, { credential: c.credential, issuedAt: c.issuedAt });
        try {
          store.removeItem(OLD_TOKEN_KEY);
        } catch {
          // nothing to remove
        }
        return c.credential;
      })
      .finally(() => (asking = undefined)));
  return { held, refresh };
}
