/** The part of Web Storage the app uses; tests pass a Map-backed one. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function memoryStore(): KeyValueStore {
  const map = new Map<string, string>();
  return {
    getItem: (k) => (map.has(k) ? (map.get(k) as string) : null),
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
  };
}

let fallback: KeyValueStore | undefined;

/** localStorage when the browser lets us write to it (private modes may not), memory otherwise. */
export function browserStore(): KeyValueStore {
  try {
    const s = window.localStorage;
    s.setItem('sipas.probe', '1');
    s.removeItem('sipas.probe');
    return s;
  } catch {
    return (fallback ??= memoryStore());
  }
}

export function readJson<T>(store: KeyValueStore, key: string): T | undefined {
  try {
    const raw = store.getItem(key);
    return raw == null ? undefined : (JSON.parse(raw) as T);
  } catch {
    return undefined;
  }
}

/** False when the write failed (quota exceeded, storage disabled). */
export function writeJson(store: KeyValueStore, key: string, value: unknown): boolean {
  try {
    store.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}
