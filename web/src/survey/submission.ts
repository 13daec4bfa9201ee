import type { AnswerValue, Answers, Questionnaire, QuestionnaireItem, SubmitResponseRequest } from '../shared/api';
import type { Draft } from './draft';
import { TEXT_MAX } from './render';

/** The service point code from /s/{code}[/…], or from ?code= when the page is opened as /survey.html. */
export function parseCode(pathname: string, search = ''): string | undefined {
  try {
    const m = /^\/s\/([^/]+)/.exec(pathname);
    const raw = m ? decodeURIComponent(m[1]) : new URLSearchParams(search).get('code');
    const code = raw?.trim().normalize('NFC');
    return code || undefined;
  } catch {
    return undefined;
  }
}

/** The token of an invitation link /r/{token}[/…] (base64url, at most 48 characters), or undefined. */
export function parseInvitation(pathname: string): string | undefined {
  return /^\/r\/([\w-]{1,48})(?:\/|$)/.exec(pathname)?.[1];
}

export const questionnaireKey = (q: Questionnaire) => q.key ?? `${q.code}@${q.version}`;

export function isEmpty(v: AnswerValue | undefined): boolean {
  return v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** The value as the server expects it for the item's scale, or undefined to leave the item out. */
export function cleanAnswer(item: QuestionnaireItem, v: AnswerValue | undefined): AnswerValue | undefined {
  switch (item.scale) {
    case 'likert5':
      return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 5 ? v : undefined;
    case 'single':
      return typeof v === 'string' && v ? v : undefined;
    case 'multi': {
      const chosen = Array.isArray(v) ? v : [];
      const values = (item.options ?? []).map((o) => o.value).filter((x) => chosen.includes(x));
      return values.length ? values : undefined;
    }
    case 'text': {
      const s = typeof v === 'string' ? v.trim().normalize('NFC').slice(0, TEXT_MAX) : '';
      return s || undefined;
    }
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
    default:
      return undefined;
  }
}

/**
 * The POST body: answered items only (in questionnaire order), text in NFC, empty dossier code left out (always
 * left out of an invitation's rating, which the server binds to its dossier).
 */
export function buildRequest(draft: Draft, q: Questionnaire, clientId: string, withDossier = true): SubmitResponseRequest {
  const answers: Answers = {};
  for (const section of q.sections)
    for (const item of section.items) {
      const v = cleanAnswer(item, draft.answers[item.code]);
      if (v !== undefined) answers[item.code] = v;
    }
  const body: SubmitResponseRequest = { clientId, answers };
  const dossier = draft.dossierCode.trim().normalize('NFC');
  if (dossier && withDossier) body.dossierCode = dossier;
  if (draft.startedAt) body.startedAt = draft.startedAt;
  return body;
}

/** Maps a ValidationProblemDetails key ("answers.TC1", "dossierCode") to the item code or "dossier". */
export function errorField(key: string, q: Questionnaire): string | undefined {
  const k = key.replace(/^\$\./, '');
  if (/^dossierCode$/i.test(k)) return 'dossier';
  const code = k.replace(/^answers\./i, '').replace(/^answers\[["']?|["']?\]$/g, '');
  for (const s of q.sections) for (const i of s.items) if (i.code.toLowerCase() === code.toLowerCase()) return i.code;
  return undefined;
}
