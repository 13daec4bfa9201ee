import { request, type ApiResult, type ResponseReceipt, type StaffApi } from '../../shared/api';
import type { LocalizedText } from '../../shared/i18n';
import { readJson, writeJson, type KeyValueStore } from '../../shared/storage';
import type { EntryWave, Named } from '../entry/api';

/** GET /api/surveyors/assignments */
export interface MyAssignment {
  wave: string;
  stratum: string;
  unit: string | null;
  assignedAt: string;
  progress: { stratum: string; population: number | null; quota: number | null; responses: number; share: number | null };
}

export interface AgencyRef extends Named {
  unitCode: string | null;
  areas: string[];
}

export interface UnitRef {
  code: string;
  fullName: string;
  nameEn: string;
}

export type Disposition = 'completed' | 'refused' | 'non-contact' | 'ineligible';
export const DISPOSITIONS: readonly Disposition[] = ['completed', 'refused', 'non-contact', 'ineligible'];

/** POST /api/surveyors/interviews */
export interface InterviewBody {
  clientId: string;
  wave: string;
  stratum: string;
  unit?: string | null;
  disposition: Disposition;
  attemptedAt: string;
  /** When the interview began (ISO 8601, before attemptedAt). */
  startedAt?: string;
  questionnaire?: string;
  agency?: string;
  area?: string;
  answers?: Record<string, number>;
}

/** Everything the interview screen needs, kept on the device so it opens with no network. */
export interface FieldData {
  assignments: MyAssignment[];
  waves: EntryWave[];
  areas: Named[];
  agencies: AgencyRef[];
  units: UnitRef[];
  savedAt: string;
}

export type WaveName = { code: string; name: LocalizedText };

export class FieldApi {
  constructor(private readonly staff: StaffApi) {}

  /** The screen's data from the server (kept on the device), or the copy kept last time when offline. */
  async load(store: KeyValueStore, userName: string): Promise<{ data?: FieldData; fromDevice: boolean; status: number }> {
    const key = `sipas.field.${userName}`;
    const [assignments, waves, areas, agencies, units] = await Promise.all([
      request<MyAssignment[]>('/api/surveyors/assignments'),
      request<EntryWave[]>('/api/surveyors/forms'),
      request<Named[]>('/api/reference/areas'),
      request<AgencyRef[]>('/api/reference/agencies'),
      request<UnitRef[]>('/api/reference/units'),
    ]);
    if (assignments.ok && waves.ok && areas.ok && agencies.ok && units.ok) {
      const data: FieldData = {
        assignments: assignments.data,
        waves: waves.data,
        areas: areas.data,
        agencies: agencies.data,
        units: units.data,
        savedAt: new Date().toISOString(),
      };
      writeJson(store, key, data);
      return { data, fromDevice: false, status: 200 };
    }
    return { data: readJson<FieldData>(store, key), fromDevice: true, status: assignments.status };
  }

  /** Sends one interview; a stale antiforgery token (signed in again meanwhile) is fetched anew once. */
  async record(body: InterviewBody): Promise<ApiResult<ResponseReceipt>> {
    const r = await this.staff.post<ResponseReceipt>('/api/surveyors/interviews', body);
    if (!r.ok && r.kind === 'http' && r.status === 400 && /antiforgery/i.test(r.problem.title ?? '')) {
      await this.staff.refreshCsrf();
      return this.staff.post<ResponseReceipt>('/api/surveyors/interviews', body);
    }
    return r;
  }
}
