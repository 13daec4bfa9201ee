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

export interface ReviewCounts { responses: number; undecided: number; kept: number; excluded: number }
export interface FlagDay { day: string; dayText: string; counts: ReviewCounts; hours: { hour: number; responses: number }[] }
export interface FlagGroup { kind: string; key: string; name: string; counts: ReviewCounts; days: FlagDay[] }
export interface FlagCause { cause: string; vi: string; en: string; counts: ReviewCounts; groups: FlagGroup[] }
export interface ReviewOverview { wave: string; totals: ReviewCounts; causes: FlagCause[] }
export interface ReviewDecision { id: string; decision: 'keep' | 'exclude'; reason: string; decidedBy: string; decidedAt: string; decidedAtText: string; inForce: boolean }
export interface FlagView { code: string; vi: string; en: string }
export interface FlaggedResponse {
  id: string;
  receivedAt: string;
  receivedAtText: string;
  channel: string;
  agency: string;
  agencyName: string;
  placeKind: string;
  placeKey: string;
  placeName: string;
  flags: FlagView[];
  decision: ReviewDecision | null;
}
export interface FlaggedPage { total: number; page: number; pageSize: number; items: FlaggedResponse[] }
export interface ReviewHistory { response: string; inForce: string | null; flags: FlagView[]; decisions: ReviewDecision[] }
/** A group of responses: a cause at a place (service point, surveyor or agency), optionally on one day. */
export interface ReviewGroup { cause: string; kind: string; key: string; day?: string }
export interface DecisionOutcome { decision: string; decided: number; unchanged: number; unflagged: number; ids: string[] }

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
  reviewOverview = (wave: string): Promise<ApiResult<ReviewOverview>> => request<ReviewOverview>(`/api/supervisor/waves/${enc(wave)}/review`);
  reviewResponses = (wave: string, g: ReviewGroup, page: number): Promise<ApiResult<FlaggedPage>> =>
    request<FlaggedPage>(`/api/supervisor/waves/${enc(wave)}/review/responses?${new URLSearchParams({ ...g, page: String(page), pageSize: '50' })}`);
  reviewDecide = (wave: string, body: object): Promise<ApiResult<DecisionOutcome>> =>
    this.staff.send(`/api/supervisor/waves/${enc(wave)}/review/decisions`, 'POST', body);
  reviewHistory = (id: string): Promise<ApiResult<ReviewHistory>> => request<ReviewHistory>(`/api/supervisor/responses/${enc(id)}/reviews`);
  progress = (wave: string): Promise<ApiResult<FieldworkProgress>> => request<FieldworkProgress>(`/api/supervisor/waves/${enc(wave)}/fieldwork`);
}
