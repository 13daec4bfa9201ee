import { request, type ApiResult } from '../../shared/api';

// The admin API for service points and the anonymous reference lists the form needs.

export interface AgencyName {
  code: string;
  nameVi: string;
  nameEn: string | null;
}

/** GET /api/admin/service-points */
export interface ServicePointRow {
  code: string;
  nameVi: string;
  nameEn: string | null;
  agency: AgencyName;
  areaCode: string;
  unitCode: string | null;
  address: string | null;
  /** Vietnam time, e.g. "T2-T6 07:00-11:30 13:30-17:00; T7 07:30-11:30" (the one-stop default when never set). */
  openingHours?: string;
  createdAt: string;
  retiredAt: string | null;
  link: string;
}

/** POST (with code) and PUT (without) bodies. */
export interface ServicePointInput {
  code?: string;
  nameVi: string;
  nameEn: string | null;
  agencyCode: string;
  areaCode: string;
  unitCode: string | null;
  address: string | null;
  openingHours?: string | null;
}

export interface Area {
  code: string;
  nameVi: string;
  nameEn: string | null;
}

export interface Agency extends Area {
  kind?: string;
  unitCode?: string | null;
  verified?: boolean;
  areas?: string[];
}

export interface Unit {
  code: string;
  name: string;
  fullName?: string | null;
  nameEn?: string | null;
  type?: string;
}

const enc = encodeURIComponent;
const BASE = '/api/admin/service-points';

export const qrUrl = (code: string) => `/api/service-points/${enc(code)}/qr.svg`;
export const posterUrl = (code: string) => `/api/admin/service-points/${enc(code)}/poster.pdf`;

/** Unsafe methods carry the antiforgery token (fetched on first use, fetched again once if refused). */
export class AdminApi {
  private token: string | undefined;

  private async refresh(): Promise<void> {
    const r = await request<{ token: string }>('/api/auth/csrf');
    this.token = r.ok ? r.data?.token : undefined;
  }

  /** GET, or an unsafe request with the antiforgery token (the other admin screens use this). */
  call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<ApiResult<T>> {
    return method === 'GET' ? request<T>(path) : this.send<T>(method, path, body);
  }

  /** An unsafe request whose body is a JSON text sent as it is (an uploaded questionnaire). */
  raw<T>(method: 'POST' | 'PUT', path: string, text: string): Promise<ApiResult<T>> {
    return this.send<T>(method, path, undefined, text);
  }

  private async send<T>(method: 'POST' | 'PUT', path: string, body?: unknown, raw?: string): Promise<ApiResult<T>> {
    if (!this.token) await this.refresh();
    const go = () =>
      request<T>(path, { method, body, raw: raw === undefined ? undefined : { text: raw, contentType: 'application/json' }, headers: this.token ? { 'X-CSRF-TOKEN': this.token } : {} });
    const r = await go();
    // A 400 without field errors is what a stale antiforgery token gets.
    if (!r.ok && r.kind === 'http' && r.status === 400 && !r.problem.errors) {
      await this.refresh();
      return go();
    }
    return r;
  }

  list(includeRetired = true): Promise<ApiResult<ServicePointRow[]>> {
    return request<ServicePointRow[]>(`${BASE}?includeRetired=${includeRetired}`);
  }

  create(input: ServicePointInput): Promise<ApiResult<ServicePointRow>> {
    return this.send<ServicePointRow>('POST', BASE, input);
  }

  update(code: string, input: ServicePointInput): Promise<ApiResult<ServicePointRow>> {
    return this.send<ServicePointRow>('PUT', `${BASE}/${enc(code)}`, input);
  }

  retire(code: string): Promise<ApiResult<ServicePointRow | undefined>> {
    return this.send<ServicePointRow | undefined>('POST', `${BASE}/${enc(code)}/retire`);
  }

  areas(): Promise<ApiResult<Area[]>> {
    return request<Area[]>('/api/reference/areas');
  }

  agencies(area: string): Promise<ApiResult<Agency[]>> {
    return request<Agency[]>(`/api/reference/agencies?area=${enc(area)}`);
  }

  units(): Promise<ApiResult<Unit[]>> {
    return request<Unit[]>('/api/reference/units');
  }
}
