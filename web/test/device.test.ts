import { afterEach, describe, expect, it, vi } from 'vitest';
import { CREDENTIAL_KEY, deviceCredentials, heldCredential } from '../src/shared/device';
import { memoryStore } from '../src/shared/storage';
import { json, mockFetch } from './helpers';

afterEach(() => vi.unstubAllGlobals());

const issued = (credential: string) => ({ credential, issuedAt: '2025-05-14T02:31:07Z' });

describe('device credential', () => {
  it('asks POST /api/public/devices with the credential held (null at first) and keeps the answer', async () => {
    const store = memoryStore();
    store.setItem('sipas.device', '0123456789abcdef0123456789abcdef'); // the random token of earlier versions
    let n = 0;
    const calls = mockFetch(() => json(200, issued(`cred-${++n}`)));
    const creds = deviceCredentials(store);
    expect(creds.held()).toBeUndefined();
    expect(await creds.refresh()).toBe('cred-1');
    expect(calls[0].url).toBe('/api/public/devices');
    expect(calls[0].init.method).toBe('POST');
    expect(calls[0].body).toEqual({ credential: null });
    expect(JSON.parse(store.getItem(CREDENTIAL_KEY)!)).toEqual(issued('cred-1'));
    expect(store.getItem('sipas.device')).toBeNull();
    expect(await creds.refresh()).toBe('cred-2');
    expect(calls[1].body).toEqual({ credential: 'cred-1' }); // same device, new issue time
    expect(heldCredential(store)).toBe('cred-2');
  });

  it('shares a request under way instead of asking twice', async () => {
    let release: (r: Response) => void = () => {};
    const calls = mockFetch(() => new Promise<Response>((r) => (release = r)));
    const creds = deviceCredentials(memoryStore());
    const a = creds.refresh();
    const b = creds.refresh();
    await new Promise((r) => setTimeout(r, 0));
    release(json(200, issued('cred-1')));
    expect(await a).toBe('cred-1');
    expect(await b).toBe('cred-1');
    expect(calls).toHaveLength(1);
  });

  it.each([
    ['the network is down', () => { throw new TypeError('Failed to fetch'); }],
    ['the server fails', () => json(503, { title: 'Service Unavailable' })],
    ['the server refuses', () => json(400, { title: 'Bad Request' })],
    ['the answer is not a credential', () => json(200, { credential: 'x'.repeat(121), issuedAt: 'now' })],
    ['the credential could not be a header', () => json(200, issued('bad credential'))],
  ])('keeps the credential held when %s, silently', async (_, respond) => {
    const store = memoryStore();
    store.setItem(CREDENTIAL_KEY, JSON.stringify(issued('cred-1')));
    mockFetch(respond);
    const creds = deviceCredentials(store);
    expect(await creds.refresh()).toBeUndefined();
    expect(creds.held()).toBe('cred-1');
  });

  it('gives up after its timeout', async () => {
    mockFetch((_url, init) => new Promise((_r, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))));
    expect(await deviceCredentials(memoryStore(), 20).refresh()).toBeUndefined();
  });

  it('ignores a corrupt stored credential', () => {
    const store = memoryStore();
    store.setItem(CREDENTIAL_KEY, '{not json');
    expect(heldCredential(store)).toBeUndefined();
    store.setItem(CREDENTIAL_KEY, JSON.stringify({ credential: 42 }));
    expect(heldCredential(store)).toBeUndefined();
  });
});
