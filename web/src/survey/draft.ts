import type { Answers } from '../shared/api';
import { readJson, writeJson, type KeyValueStore } from '../shared/storage';

/** A half-filled survey, saved on every change so that a reload or a closed tab loses nothing. */
export interface Draft {
  v: 1;
  /** Questionnaire key (code@version) the answers belong to; a draft for another version is dropped. */
  questionnaire: string;
  answers: Answers;
  dossierCode: string;
  /** When the person began answering, ISO 8601 with offset. */
  startedAt?: string;
  /** 0 = introduction, 1..n = sections, n + 1 = review. */
  step: number;
  /** Set at the first submit and kept for every retry; replaced only to send as a new response. */
  clientId?: string;
}

export const draftKey = (code: string) => `sipas.draft.${code.toUpperCase()}`;

export function emptyDraft(questionnaire: string): Draft {
  return { v: 1, questionnaire, answers: {}, dossierCode: '', step: 0 };
}

export function loadDraft(store: KeyValueStore, code: string, questionnaire: string): Draft | undefined {
  const d = readJson<Draft>(store, draftKey(code));
  if (!d || d.v !== 1 || d.questionnaire !== questionnaire || typeof d.answers !== 'object' || !d.answers)
    return undefined;
  return { ...emptyDraft(questionnaire), ...d };
}

export function saveDraft(store: KeyValueStore, code: string, draft: Draft): boolean {
  return writeJson(store, draftKey(code), draft);
}

export function clearDraft(store: KeyValueStore, code: string): void {
  try {
    store.removeItem(draftKey(code));
  } catch {
    // nothing to clear
  }
}

/** True when the person has entered anything worth restoring. */
export function hasAnswers(d: Draft): boolean {
  return Object.keys(d.answers).length > 0 || d.dossierCode.trim() !== '';
}
