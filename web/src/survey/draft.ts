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
  /** The device credential of the form's start (X-Sipas-Device): fetched then, or the one held then. */
  credential?: string;
}

/**
 * Where a page keeps its draft and questionnaire: a service point's code in capitals (`XD-01`), an invitation's
 * token as it is after `r/` (tokens are case-sensitive; codes never contain `/`).
 */
export const slotOf = (code: string | undefined, token: string | undefined) => (token ? `r/${token}` : code?.toUpperCase());

export const draftKey = (slot: string) => `sipas.draft.${slot}`;

export function emptyDraft(questionnaire: string): Draft {
  return { v: 1, questionnaire, answers: {}, dossierCode: '', step: 0 };
}

export function loadDraft(store: KeyValueStore, slot: string, questionnaire: string): Draft | undefined {
  const d = readJson<Draft>(store, draftKey(slot));
  if (!d || d.v !== 1 || d.questionnaire !== questionnaire || typeof d.answers !== 'object' || !d.answers)
    return undefined;
  return { ...emptyDraft(questionnaire), ...d };
}

export function saveDraft(store: KeyValueStore, slot: string, draft: Draft): boolean {
  return writeJson(store, draftKey(slot), draft);
}

export function clearDraft(store: KeyValueStore, slot: string): void {
  try {
    store.removeItem(draftKey(slot));
  } catch {
    // nothing to clear
  }
}

/** True when the person has entered anything worth restoring. */
export function hasAnswers(d: Draft): boolean {
  return Object.keys(d.answers).length > 0 || d.dossierCode.trim() !== '';
}
