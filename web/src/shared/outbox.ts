import type { ApiResult, ProblemDetails, ResponseReceipt, SubmitResponseRequest } from './api';
import { isTransient } from './api';
import { readJson, writeJson, type KeyValueStore } from './storage';

/**
 * Submissions waiting for the server's acknowledgement. A response is written here before it is
 * sent and leaves only when a 200/201 arrives, so a dropped connection, a closed tab or a busy
 * server never loses it. Every retry re-sends the same clientId: the server stores it once.
 */
export interface OutboxEntry {
  clientId: string;
  code: string;
  body: SubmitResponseRequest;
  queuedAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** pending: will be retried; failed: the server refused it for good (4xx), kept for the person to fix. */
  state: 'pending' | 'failed';
  status?: number;
  problem?: ProblemDetails;
}

export interface SentRecord {
  clientId: string;
  code: string;
  receipt: ResponseReceipt;
}

export type RetryReason = 'network' | 'timeout' | 'busy' | 'server';

export type Delivery =
  | { kind: 'sent'; entry: OutboxEntry; receipt: ResponseReceipt }
  | { kind: 'queued'; entry: OutboxEntry; reason: RetryReason; retryAt: number }
  | { kind: 'rejected'; entry: OutboxEntry; status: number; problem: ProblemDetails };

export type Sender = (entry: OutboxEntry) => Promise<ApiResult<ResponseReceipt>>;

export const OUTBOX_KEY = 'sipas.outbox';
export const SENT_KEY = 'sipas.sent';
const KEEP_SENT = 10;
const FIRST_DELAY_MS = 2_000;
const MAX_DELAY_MS = 5 * 60_000;

/** 2 s, 4 s, 8 s … up to 5 min, ±25 % so that many phones do not retry in step. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

export class Outbox {
  private inFlight = new Map<string, Promise<Delivery>>();

  constructor(
    private readonly store: KeyValueStore,
    private readonly send: Sender,
    private readonly now: () => number = () => Date.now(),
    private readonly random: () => number = Math.random,
  ) {}

  entries(): OutboxEntry[] {
    const list = readJson<OutboxEntry[]>(this.store, OUTBOX_KEY);
    return Array.isArray(list) ? list : [];
  }

  find(clientId: string): OutboxEntry | undefined {
    return this.entries().find((e) => e.clientId === clientId);
  }

  pending(): OutboxEntry[] {
    return this.entries().filter((e) => e.state === 'pending');
  }

  sent(clientId: string): SentRecord | undefined {
    return this.sentRecords().find((r) => r.clientId === clientId);
  }

  /** Stores the submission (replacing an earlier one with the same clientId) before any sending. */
  enqueue(code: string, body: SubmitResponseRequest): OutboxEntry {
    const entry: OutboxEntry = {
      clientId: body.clientId,
      code,
      body,
      queuedAt: this.now(),
      attempts: 0,
      nextAttemptAt: this.now(),
      state: 'pending',
    };
    this.update(entry.clientId, () => entry);
    return entry;
  }

  discard(clientId: string): void {
    this.update(clientId, () => undefined);
  }

  /** Queues and sends at once. */
  submit(code: string, body: SubmitResponseRequest): Promise<Delivery> {
    return this.deliver(this.enqueue(code, body));
  }

  /** Sends the pending entries that are due (all of them when `force`, e.g. on the online event). */
  async flush(force = false): Promise<Delivery[]> {
    const due = this.pending().filter((e) => force || e.nextAttemptAt <= this.now());
    const out: Delivery[] = [];
    for (const entry of due) out.push(await this.deliver(entry));
    return out;
  }

  /** When the next pending entry is due, if any. */
  nextDueAt(): number | undefined {
    const times = this.pending().map((e) => e.nextAttemptAt);
    return times.length ? Math.min(...times) : undefined;
  }

  deliver(entry: OutboxEntry): Promise<Delivery> {
    const running = this.inFlight.get(entry.clientId);
    if (running) return running;
    const p = this.attempt(entry).finally(() => this.inFlight.delete(entry.clientId));
    this.inFlight.set(entry.clientId, p);
    return p;
  }

  private async attempt(entry: OutboxEntry): Promise<Delivery> {
    const result = await this.send(entry);
    if (result.ok) {
      this.update(entry.clientId, () => undefined);
      // Stored is stored, even if the body got lost on the way: show the time without a number.
      const receipt: ResponseReceipt = result.data?.receipt
        ? result.data
        : { id: '', receipt: '', receivedAt: new Date(this.now()).toISOString() };
      const record: SentRecord = { clientId: entry.clientId, code: entry.code, receipt };
      const kept = this.sentRecords().filter((r) => r.clientId !== entry.clientId);
      writeJson(this.store, SENT_KEY, [record, ...kept].slice(0, KEEP_SENT));
      return { kind: 'sent', entry, receipt };
    }
    const attempts = entry.attempts + 1;
    if (isTransient(result)) {
      const retryAfter = result.kind === 'http' ? (result.retryAfterMs ?? 0) : 0;
      const retryAt = this.now() + Math.max(backoffMs(attempts, this.random), retryAfter);
      const next = { ...entry, attempts, nextAttemptAt: retryAt, state: 'pending' as const };
      // An entry removed meanwhile (sent by another tab, or discarded) is not brought back.
      this.update(entry.clientId, (stored) => stored && { ...stored, attempts, nextAttemptAt: retryAt, state: 'pending' });
      const reason: RetryReason =
        result.kind !== 'http' ? result.kind : result.status === 429 ? 'busy' : 'server';
      return { kind: 'queued', entry: next, reason, retryAt };
    }
    const problem = result.kind === 'http' ? result.problem : {};
    const failed: OutboxEntry = { ...entry, attempts, state: 'failed', status: result.status, problem };
    this.update(entry.clientId, (stored) => stored && { ...failed, body: stored.body });
    return { kind: 'rejected', entry: failed, status: result.status, problem };
  }

  private sentRecords(): SentRecord[] {
    const list = readJson<SentRecord[]>(this.store, SENT_KEY);
    return Array.isArray(list) ? list : [];
  }

  /** Read-modify-write against storage, so that another tab's entries survive. */
  private update(clientId: string, change: (stored: OutboxEntry | undefined) => OutboxEntry | undefined): void {
    const list = this.entries();
    const i = list.findIndex((e) => e.clientId === clientId);
    const next = change(i >= 0 ? list[i] : undefined);
    if (i >= 0) {
      if (next) list[i] = next;
      else list.splice(i, 1);
    } else if (next) list.push(next);
    writeJson(this.store, OUTBOX_KEY, list);
  }
}

/**
 * Keeps retrying in the background of any citizen page: now, when the browser says it is back
 * online, and when the next entry is due. Calls `onDelivery` for every attempt's outcome.
 */
export function keepFlushing(
  outbox: Outbox,
  onDelivery: (d: Delivery) => void = () => {},
): { wake: () => void; stop: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = async (force: boolean) => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    for (const d of await outbox.flush(force)) onDelivery(d);
    const due = outbox.nextDueAt();
    if (due !== undefined) timer = setTimeout(() => void run(false), Math.max(500, due - Date.now()));
  };
  const online = () => void run(true);
  window.addEventListener('online', online);
  void run(true); // a new page load retries at once, whatever the backoff said
  return {
    wake: () => void run(false),
    stop: () => {
      window.removeEventListener('online', online);
      if (timer) clearTimeout(timer);
    },
  };
}
