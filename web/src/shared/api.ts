import type { LocalizedText } from './i18n';

// Shapes of the Sipas HTTP API (see the server's OpenAPI document at /openapi/v1.json).

export type Scale = 'likert5' | 'single' | 'multi' | 'text' | 'number';

export interface ItemOption {
  value: string;
  label: LocalizedText;
}

export interface QuestionnaireItem {
  code: string;
  scale: Scale;
  required?: boolean;
  text: LocalizedText;
  options?: ItemOption[];
}

export interface QuestionnaireSection {
  code: string;
  title: LocalizedText;
  scored: boolean;
  items: QuestionnaireItem[];
}

export interface Questionnaire {
  key?: string;
  code: string;
  version: string;
  family: string;
  title: LocalizedText;
  sections: QuestionnaireSection[];
}

export interface Named {
  code: string;
  name: LocalizedText;
}

export interface ServicePoint extends Named {
  agency: Named;
  area: Named;
  unit: { code: string; name: string } | null;
}

export interface Wave extends Named {
  startsOn: string;
  endsOn: string;
}

/** GET /api/public/service-points/{code} */
export interface SurveyTarget {
  servicePoint: ServicePoint;
  wave: Wave;
  questionnaire: Questionnaire;
}

/** likert5: 0..5 (0 = no opinion); single: option value; multi: values; text; number. */
export type AnswerValue = number | string | string[];
export type Answers = Record<string, AnswerValue>;

/** POST /api/public/service-points/{code}/responses */
export interface SubmitResponseRequest {
  clientId: string;
  answers: Answers;
  dossierCode?: string;
  startedAt?: string;
}

export interface ResponseReceipt {
  id: string;
  receipt: string;
  receivedAt: string;
}

/** RFC 9457 problem details; `errors` (validation) maps a field such as "answers.TC1" to messages. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
  /** Sipas's machine-readable reason (extension member), e.g. `device-cap`, `invitation-used`. */
  code?: string;
}

export interface StaffUser {
  userName: string;
  displayName: string;
  roles: string[];
  /** A one-time password from an admin: nothing else works until the person chooses a password. */
  mustChangePassword?: boolean;
}

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; kind: 'network' | 'timeout'; status: 0 }
  | { ok: false; kind: 'http'; status: number; problem: ProblemDetails; retryAfterMs?: number };

export type ApiFailure = Extract<ApiResult<unknown>, { ok: false }>;

/** Worth retrying later with the same request: no answer, a timeout, 408, 429 or a server error. */
export function isTransient(r: ApiFailure): boolean {
  return r.kind !== 'http' || r.status === 408 || r.status === 429 || r.status >= 500;
}

export const TIMEOUT_MS = 15_000;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** A body sent as it is (e.g. a CSV file) with this Content-Type instead of JSON. */
  raw?: { text: string; contentType: string };
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** Retry-After as seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const s = Number(value);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** fetch with a timeout that never throws: every outcome is a value. */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<ApiResult<T>> {
  const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller?.abort();
  }, opts.timeoutMs ?? TIMEOUT_MS);
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  if (opts.raw) headers['Content-Type'] = opts.raw.contentType;
  else if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    const res = await fetch(path, {
      method: opts.method ?? 'GET',
      headers,
      body: opts.raw ? opts.raw.text : opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: controller?.signal,
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (res.ok) return { ok: true, status: res.status, data: json as T };
    const problem: ProblemDetails =
      json && typeof json === 'object' ? (json as ProblemDetails) : { title: res.statusText, status: res.status };
    return {
      ok: false,
      kind: 'http',
      status: res.status,
      problem,
      retryAfterMs: parseRetryAfter(res.headers.get('Retry-After')),
    };
  } catch {
    return { ok: false, kind: timedOut ? 'timeout' : 'network', status: 0 };
  } finally {
    clearTimeout(timer);
  }
}

const DEVICE_HEADER = 'X-Sipas-Device';
const enc = encodeURIComponent;
const device = (credential?: string | null): Record<string, string> => (credential ? { [DEVICE_HEADER]: credential } : {});

/** A service point's survey; its responses are POSTed to `${url}/responses`. */
export const servicePointUrl = (code: string) => `/api/public/service-points/${enc(code)}`;
/** An invitation's survey (same shape as a service point's); its one rating is POSTed to `${url}/responses`. */
export const invitationUrl = (token: string) => `/api/public/invitations/${enc(token)}`;

/** GET a survey (servicePointUrl or invitationUrl) with the device credential held, if any. */
export function getSurveyTarget(url: string, credential?: string | null): Promise<ApiResult<SurveyTarget>> {
  return request<SurveyTarget>(url, { headers: device(credential) });
}

export function submitResponse(
  url: string,
  body: SubmitResponseRequest,
  credential?: string | null,
): Promise<ApiResult<ResponseReceipt>> {
  return request<ResponseReceipt>(url, { method: 'POST', body, headers: device(credential) });
}

/**
 * Refusals of a citizen response that the outbox treats apart from their status: `device-cap` (429: this device
 * has rated this service point the most times allowed today) is final for that response, kept with the message
 * and not retried by itself; `invitation-used` (409: the link has been used for a rating already) leaves nothing
 * to send.
 */
export function publicRefusal(f: ApiFailure): 'failed' | 'dropped' | undefined {
  const code = f.kind === 'http' ? f.problem.code : undefined;
  return code === 'device-cap' ? 'failed' : code === 'invitation-used' ? 'dropped' : undefined;
}

/**
 * Staff endpoints use the sign-in cookie; unsafe methods carry the antiforgery token, fetched after
 * the page loads and again after sign-in (the token is bound to the signed-in user).
 */
export class StaffApi {
  private csrf: string | undefined;

  async refreshCsrf(): Promise<boolean> {
    const r = await request<{ token: string }>('/api/auth/csrf');
    this.csrf = r.ok ? r.data?.token : undefined;
    return r.ok;
  }

  async post<T>(path: string, body?: unknown): Promise<ApiResult<T>> {
    if (!this.csrf) await this.refreshCsrf();
    return request<T>(path, { method: 'POST', body, headers: this.csrf ? { 'X-CSRF-TOKEN': this.csrf } : {} });
  }

  /** An unsafe request with a body sent as it is (a CSV file) or as JSON. */
  async send<T>(path: string, method: 'POST' | 'PUT', body: { text: string; contentType: string } | object): Promise<ApiResult<T>> {
    if (!this.csrf) await this.refreshCsrf();
    const headers: Record<string, string> = this.csrf ? { 'X-CSRF-TOKEN': this.csrf } : {};
    return 'contentType' in body && 'text' in body
      ? request<T>(path, { method, raw: body as { text: string; contentType: string }, headers, timeoutMs: 120_000 })
      : request<T>(path, { method, body, headers });
  }

  me(): Promise<ApiResult<StaffUser>> {
    return request<StaffUser>('/api/auth/me');
  }

  async signIn(userName: string, password: string): Promise<ApiResult<StaffUser>> {
    const r = await this.post<StaffUser>('/api/auth/sign-in', { userName, password });
    if (r.ok) await this.refreshCsrf();
    return r;
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<ApiResult<StaffUser>> {
    const r = await this.post<StaffUser>('/api/auth/change-password', { currentPassword, newPassword });
    if (r.ok) await this.refreshCsrf();
    return r;
  }

  async signOut(): Promise<ApiResult<void>> {
    const r = await this.post<void>('/api/auth/sign-out');
    if (r.ok) await this.refreshCsrf();
    return r;
  }
}
