import { request, type ApiResult, type StaffApi } from '../../shared/api';
import type { LocalizedText } from '../../shared/i18n';

/** GET /api/surveyors/forms */
export interface EntryWave {
  code: string;
  name: LocalizedText;
  status: string;
  questionnaires: { key: string; title: LocalizedText; items: { code: string; text: LocalizedText }[] }[];
}

export interface Named {
  code: string;
  nameVi: string;
  nameEn: string | null;
}

/** POST /api/surveyors/keyings → 201 */
export interface KeyingReceipt {
  id: string;
  wave: string;
  serial: string;
  state: 'waiting' | 'matched' | 'queued';
}

export interface Keying {
  wave: string;
  questionnaire: string;
  serial: string;
  agency: string;
  area: string;
  answers: Record<string, number | null>;
}

export class EntryApi {
  constructor(private readonly staff: StaffApi) {}
  forms = (): Promise<ApiResult<EntryWave[]>> => request<EntryWave[]>('/api/surveyors/forms');
  areas = (): Promise<ApiResult<Named[]>> => request<Named[]>('/api/reference/areas');
  agencies = (area: string): Promise<ApiResult<Named[]>> =>
    request<Named[]>(`/api/reference/agencies?area=${encodeURIComponent(area)}`);
  key = (k: Keying): Promise<ApiResult<KeyingReceipt>> => this.staff.post<KeyingReceipt>('/api/surveyors/keyings', k);
}
