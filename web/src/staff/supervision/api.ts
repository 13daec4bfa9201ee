import { request, type ApiResult, type StaffApi } from '../../shared/api';
import type { LocalizedText } from '../../shared/i18n';

export interface QueuedForm { wave: string; serial: string; questionnaire: string; keyedAt: string }
export interface KeyedField { field: string; label: LocalizedText | null; first: string | null; second: string | null; differs: boolean }
export interface FormReconciliation {
  wave: string;
  serial: string;
  questionnaire: string;
  state: string;
  keyers: { userName: string; displayName: string; keyedAt: string }[];
  fields: KeyedField[];
  responseId: string | null;
}
export interface KeyerErrorRate { userName: string; displayName: string; forms: number; fields: number; disagreements: number; errorRate: number | null }
export interface ImportSummary { rows: number; stored: number; alreadyStored: number; rejected: number }
export interface RejectedRow { line: number; reason: string }
export interface FieldworkWave { code: string; name: LocalizedText; status: string; startsOn: string; endsOn: string }
export interface DispositionCounts { completed: number; refused: number; nonContact: number; ineligible: number; attempts: number; responseRate: number | null }
export interface StratumFieldwork { stratum: string; population: number | null; quota: number | null; responses: number; share: number | null; interviews: DispositionCounts }
export interface CommuneFieldwork { unit: string | null; name: string | null; quota: number | null; responses: number; interviews: DispositionCounts }
export interface SurveyorFieldwork { userName: string; displayName: string; assignments: string[]; keyings: number; interviews: DispositionCounts }
export interface FieldworkProgress {
  wave: string;
  quota: number | null;
  responses: number;
  interviews: DispositionCounts;
  strata: StratumFieldwork[];
  communes: CommuneFieldwork[];
  surveyors: SurveyorFieldwork[];
}

const enc = encodeURIComponent;
const csv = (text: string) => ({ text, contentType: 'text/csv' });

export class SupervisionApi {
  constructor(private readonly staff: StaffApi) {}
  queue = (): Promise<ApiResult<QueuedForm[]>> => request<QueuedForm[]>('/api/supervisor/reconciliations');
  form = (wave: string, serial: string): Promise<ApiResult<FormReconciliation>> =>
    request<FormReconciliation>(`/api/supervisor/reconciliations/${enc(wave)}/${enc(serial)}`);
  decide = (wave: string, serial: string, body: object): Promise<ApiResult<{ responseId: string }>> =>
    this.staff.send(`/api/supervisor/reconciliations/${enc(wave)}/${enc(serial)}`, 'POST', body);
  keyers = (): Promise<ApiResult<KeyerErrorRate[]>> => request<KeyerErrorRate[]>('/api/supervisor/keyers');
  importResponses = (text: string, atomic: boolean): Promise<ApiResult<ImportSummary>> =>
    this.staff.send(`/api/supervisor/imports/responses${atomic ? '?atomic=true' : ''}`, 'POST', csv(text));
  waves = (): Promise<ApiResult<FieldworkWave[]>> => request<FieldworkWave[]>('/api/supervisor/waves');
  frame = (wave: string, text: string): Promise<ApiResult<{ strata: number; population: number }>> =>
    this.staff.send(`/api/supervisor/waves/${enc(wave)}/frame`, 'PUT', csv(text));
  plan = (wave: string, body: object): Promise<ApiResult<{ total: number }>> =>
    this.staff.send(`/api/supervisor/waves/${enc(wave)}/plan`, 'POST', body);
  assign = (wave: string, body: object): Promise<ApiResult<unknown>> =>
    this.staff.send(`/api/supervisor/waves/${enc(wave)}/assignments`, 'POST', body);
  progress = (wave: string): Promise<ApiResult<FieldworkProgress>> => request<FieldworkProgress>(`/api/supervisor/waves/${enc(wave)}/fieldwork`);
}
