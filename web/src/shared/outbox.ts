import type { ApiFailure, ApiResult, ProblemDetails, ResponseReceipt, SubmitResponseRequest } from './api';
import { isTransient, publicRefusal, servicePointUrl, submitResponse } from './api';
import { heldCredential } from './device';
import { readJson, writeJson, type KeyValueStore } from './storage';

/**
 * Submissions waiting for the server's acknowledgement. A response is written here before it is
 * sent and leaves only when a 200/201 arrives, so a dropped connection, a closed tab or a busy
 * server never loses it. Every retry re-sends the same clientId: the server stores it once.
 */
export interface OutboxEntry<B extends { clientId: string } = SubmitResponseRequest> {
  clientId: string;
  code: string;
  body: B;
  queuedAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** pending: will be retried; failed: the server refused it for good (4xx), kept for the person to fix. */
  state: 'pending' | 'failed';
  status?: number;
  problem?: ProblemDetails;
  /** Where it is POSTed, kept so that a reload or another page sends it to the same place (citizen responses). */
  url?: string;
  /** The device credential every attempt sends (null: none); entries queued before credentials have none. */
  device?: string | null;
}

export type EntryMeta = Pick<OutboxEntry, 'url' | 'device'>;

export interface SentRecord {
  clientId: string;
  code: string;
  receipt: ResponseReceipt;
}

export type RetryReason = 'network' | 'timeout' | 'busy' | 'server';

export type Delivery<B extends { clientId: string } = SubmitResponseRequest> =
  | { kind: 'sent'; entry: OutboxEntry<B>; receipt: ResponseReceipt }
  | { kind: 'queued'; entry: OutboxEntry<B>; reason: RetryReason; retryAt: number }
  /** `dropped`: the refusal leaves nothing to keep (e.g. an invitation used already), the entry is gone. */
  | { kind: 'rejected'; entry: OutboxEntry<B>; status: number; problem: ProblemDetails; dropped?: boolean }
  /** Not sent and not counted as an attempt: the outbox waits for something else (e.g. a new sign-in). */
  | { kind: 'held'; entry: OutboxEntry<B>; status: number; problem: ProblemDetails };

export type Sender<B extends { clientId: string } = SubmitResponseRequest> = (entry: OutboxEntry<B>) => Promise<ApiResult<ResponseReceipt>>;

/** Where an outbox keeps its entries, how many confirmations it remembers, and which refusals only pause it. */
export interface OutboxOptions {
  outboxKey?: string;
  sentKey?: string;
  keepSent?: number;
  /** A refusal that keeps the entry pending and stops the flush (e.g. 401: sign in again, then send). */
  holds?: (failure: ApiFailure) => boolean;
  /** A refusal that is final whatever its status (`failed`, e.g. a 429 that will not pass later), or that removes the entry (`dropped`). */
  refusal?: (failure: ApiFailure) => 'failed' | 'dropped' | undefined;
}

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

export class Outbox<B extends { clientId: string } = SubmitResponseRequest> {
  private inFlight = new Map<string, Promise<Delivery<B>>>();
  private readonly outboxKey: string;
  private readonly sentKey: string;
  private readonly keepSent: number;

  constructor(
    private readonly store: KeyValueStore,
    private readonly send: Sender<B>,
    private readonly now: () => number = () => Date.now(),
    private readonly random: () => number = Math.random,
    private readonly options: OutboxOptions = {},
  ) {
    this.outboxKey = options.outboxKey ?? OUTBOX_KEY;
    this.sentKey = options.sentKey ?? SENT_KEY;
    this.keepSent = options.keepSent ?? KEEP_SENT;
  }

  entries(): OutboxEntry<B>[] {
    const list = readJson<OutboxEntry<B>[]>(this.store, this.outboxKey);
    return Array.isArray(list) ? list : [];
  }

  find(clientId: string): OutboxEntry<B> | undefined {
    return this.entries().find((e) => e.clientId === clientId);
  }

  /** What the server has confirmed, newest first. */
  confirmed(): SentRecord[] {
    return this.sentRecords();
  }

  pending(): OutboxEntry<B>[] {
    return this.entries().filter((e) => e.state === 'pending');
  }

  sent(clientId: string): SentRecord | undefined {
    return this.sentRecords().find((r) => r.clientId === clientId);
  }

  /** Stores the submission (replacing an earlier one with the same clientId) before any sending. */
  enqueue(code: string, body: B, meta: EntryMeta = {}): OutboxEntry<B> {
    const entry: OutboxEntry<B> = {
      clientId: body.clientId,
      code,
      ...meta,
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
  submit(code: string, body: B, meta?: EntryMeta): Promise<Delivery<B>> {
    return this.deliver(this.enqueue(code, body, meta));
  }

  /** Sends the pending entries that are due (all of them when `force`, e.g. on the online event). */
  async flush(force = false): Promise<Delivery<B>[]> {
    const due = this.pending().filter((e) => force || e.nextAttemptAt <= this.now());
    const out: Delivery<B>[] = [];
    for (const entry of due) {
      const d = await this.deliver(entry);
      out.push(d);
      if (d.kind === 'held') break;
    }
    return out;
  }

  /** When the next pending entry is due, if any. */
  nextDueAt(): number | undefined {
    const times = this.pending().map((e) => e.nextAttemptAt);
    return times.length ? Math.min(...times) : undefined;
  }

  deliver(entry: OutboxEntry<B>): Promise<Delivery<B>> {
    const running = this.inFlight.get(entry.clientId);
    if (running) return running;
    const p = this.attempt(entry).finally(() => this.inFlight.delete(entry.clientId));
    this.inFlight.set(entry.clientId, p);
    return p;
  }

  private async attempt(entry: OutboxEntry<B>): Promise<Delivery<B>> {
    const result = await this.send(entry);
    if (result.ok) {
      this.update(entry.clientId, () => undefined);
      // Stored is stored, even if the body got lost on the way: show the time without a number.
      const receipt: ResponseReceipt = result.data?.receipt
        ? result.data
        : { id: '', receipt: '', receivedAt: new Date(this.now()).toISOString() };
      const record: SentRecord = { clientId: entry.clientId, code: entry.code, receipt };
      const kept = this.sentRecords().filter((r) => r.clientId !== entry.clientId);
      writeJson(this.store, this.sentKey, [record, ...kept].slice(0, this.keepSent));
      return { kind: 'sent', entry, receipt };
    }
    if (result.kind === 'http' && this.options.holds?.(result))
      return { kind: 'held', entry, status: result.status, problem: result.problem };
    const attempts = entry.attempts + 1;
    const refusal = result.kind === 'http' ? this.options.refusal?.(result) : undefined;
    if (isTransient(result) && !refusal) {
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
    const failed: OutboxEntry<B> = { ...entry, attempts, state: 'failed', status: result.status, problem };
    const dropped = refusal === 'dropped';
    this.update(entry.clientId, (stored) => (stored && !dropped ? { ...failed, body: stored.body } : undefined));
    return { kind: 'rejected', entry: failed, status: result.status, problem, dropped };
  }

  private sentRecords(): SentRecord[] {
    const list = readJson<SentRecord[]>(this.store, this.sentKey);
    return Array.isArray(list) ? list : [];
  }

  /** Read-modify-write against storage, so that another tab's entries survive. */
  private update(clientId: string, change: (stored: OutboxEntry<B> | undefined) => OutboxEntry<B> | undefined): void {
    const list = this.entries();
    const i = list.findIndex((e) => e.clientId === clientId);
    const next = change(i >= 0 ? list[i] : undefined);
    if (i >= 0) {
      if (next) list[i] = next;
      else list.splice(i, 1);
    } else if (next) list.push(next);
    writeJson(this.store, this.outboxKey, list);
  }
}

/**
 * The outbox of citizen responses, shared by the survey and landing pages: each entry goes to the URL it was queued
 * for (a service point's or an invitation's) with the credential it was queued with (older entries: the one held).
 */
export function citizenOutbox(store: KeyValueStore): Outbox {
  return new Outbox(
    store,
    (e) =>
      submitResponse(e.url ?? `${servicePointUrl(e.code)}/responses`, e.body, e.device === undefined ? heldCredential(store) : e.device),
    undefined,
    undefined,
    { refusal: publicRefusal },
  );
}

/**
 * Keeps retrying in the background of any citizen page: now, when the browser says it is back
 * online, and when the next entry is due. Calls `onDelivery` for every attempt's outcome.
 */
export function keepFlushing<B extends { clientId: string } = SubmitResponseRequest>(
  outbox: Outbox<B>,
  onDelivery: (d: Delivery<B>) => void = () => {},
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
