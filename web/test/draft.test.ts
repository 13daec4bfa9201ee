import { describe, expect, it } from 'vitest';
import { clearDraft, draftKey, emptyDraft, hasAnswers, loadDraft, saveDraft, slotOf } from '../src/survey/draft';
import { buildRequest, errorField, parseCode, parseInvitation } from '../src/survey/submission';
import { memoryStore } from '../src/shared/storage';
import { questionnaire } from './helpers';

const KEY = 'sipas-dvhcc@2025.1';

describe('draft', () => {
  it('round-trips through storage, one key per service point', () => {
    const store = memoryStore();
    const d = { ...emptyDraft(KEY), answers: { TC1: 4, SEX: 'nu' }, dossierCode: 'H40-1', step: 3, credential: 'cred-1' };
    saveDraft(store, slotOf('xd-01', undefined)!, d);
    expect(store.getItem(draftKey('XD-01'))).not.toBeNull();
    expect(loadDraft(store, 'XD-01', KEY)).toEqual(d);
    expect(loadDraft(store, 'YT-02', KEY)).toBeUndefined();
    clearDraft(store, 'XD-01');
    expect(loadDraft(store, 'XD-01', KEY)).toBeUndefined();
  });

  it('keeps an invitation’s draft under its token as it is (tokens are case-sensitive)', () => {
    const store = memoryStore();
    expect(slotOf(undefined, 'aB_9-x')).toBe('r/aB_9-x');
    saveDraft(store, 'r/aB_9-x', { ...emptyDraft(KEY), answers: { TC1: 5 } });
    expect(store.getItem('sipas.draft.r/aB_9-x')).not.toBeNull();
    expect(loadDraft(store, 'r/AB_9-X', KEY)).toBeUndefined();
    expect(loadDraft(store, 'r/aB_9-x', KEY)?.answers).toEqual({ TC1: 5 });
  });

  it('drops a draft made for another questionnaire version', () => {
    const store = memoryStore();
    saveDraft(store, 'XD-01', { ...emptyDraft('sipas-dvhcc@2024.1'), answers: { TC1: 4 } });
    expect(loadDraft(store, 'XD-01', KEY)).toBeUndefined();
  });

  it('ignores corrupt storage', () => {
    const store = memoryStore();
    store.setItem(draftKey('XD-01'), '{not json');
    expect(loadDraft(store, 'XD-01', KEY)).toBeUndefined();
  });

  it('knows whether anything was entered', () => {
    expect(hasAnswers(emptyDraft(KEY))).toBe(false);
    expect(hasAnswers({ ...emptyDraft(KEY), dossierCode: ' x ' })).toBe(true);
    expect(hasAnswers({ ...emptyDraft(KEY), answers: { TC1: 0 } })).toBe(true);
  });
});

describe('submission', () => {
  it('builds the request: answered items only, NFC text, trimmed dossier code', () => {
    const nfd = 'Cán bộ nhiệt tình'.normalize('NFD');
    const d = {
      ...emptyDraft(KEY),
      answers: { TC1: 4, TC2: 0, TC3: 7, SEX: 'nam', AGE_GROUP: '', COMMENT: `  ${nfd}  `, UNKNOWN: 3 },
      dossierCode: ' 000.00.12.H40-250514-0001 ',
      startedAt: '2025-05-14T09:30:00+07:00',
    };
    const body = buildRequest(d, questionnaire, 'id-1');
    expect(body).toEqual({
      clientId: 'id-1',
      answers: { TC1: 4, TC2: 0, SEX: 'nam', COMMENT: 'Cán bộ nhiệt tình' },
      dossierCode: '000.00.12.H40-250514-0001',
      startedAt: '2025-05-14T09:30:00+07:00',
    });
    expect((body.answers.COMMENT as string) === (body.answers.COMMENT as string).normalize('NFC')).toBe(true);
  });

  it('leaves out an empty dossier code', () => {
    expect(buildRequest(emptyDraft(KEY), questionnaire, 'id').dossierCode).toBeUndefined();
  });

  it('leaves the dossier code out of an invitation’s rating, and keeps startedAt', () => {
    const d = { ...emptyDraft(KEY), answers: { TC1: 4 }, dossierCode: 'H40-1', startedAt: '2025-05-14T09:30:00+07:00' };
    expect(buildRequest(d, questionnaire, 'id', false)).toEqual({
      clientId: 'id',
      answers: { TC1: 4 },
      startedAt: '2025-05-14T09:30:00+07:00',
    });
  });

  it('reads the token from /r/{token} (base64url, at most 48 characters)', () => {
    expect(parseInvitation('/r/Zx_9-aB')).toBe('Zx_9-aB');
    expect(parseInvitation('/r/Zx_9-aB/')).toBe('Zx_9-aB');
    expect(parseInvitation(`/r/${'A'.repeat(48)}`)).toBe('A'.repeat(48));
    expect(parseInvitation(`/r/${'A'.repeat(49)}`)).toBeUndefined();
    expect(parseInvitation('/r/')).toBeUndefined();
    expect(parseInvitation('/r/a.b')).toBeUndefined();
    expect(parseInvitation('/r/a%2Fb')).toBeUndefined();
    expect(parseInvitation('/s/XD-01')).toBeUndefined();
  });

  it('reads the code from /s/{code} and /s/{code}/…', () => {
    expect(parseCode('/s/XD-01')).toBe('XD-01');
    expect(parseCode('/s/XD-01/')).toBe('XD-01');
    expect(parseCode('/s/XD%2D01/review')).toBe('XD-01');
    expect(parseCode('/survey.html', '?code=YT-02')).toBe('YT-02');
    expect(parseCode('/s/')).toBeUndefined();
    expect(parseCode('/s/%E0%A4%A')).toBeUndefined();
  });

  it('maps validation keys to fields', () => {
    expect(errorField('answers.TC1', questionnaire)).toBe('TC1');
    expect(errorField('Answers.tc1', questionnaire)).toBe('TC1');
    expect(errorField('dossierCode', questionnaire)).toBe('dossier');
    expect(errorField('answers.NOPE', questionnaire)).toBeUndefined();
  });
});
