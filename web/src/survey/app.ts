import type { AnswerValue, ApiResult, ProblemDetails, QuestionnaireItem, SurveyTarget } from '../shared/api';
import { getSurveyTarget, invitationUrl, servicePointUrl } from '../shared/api';
import { deviceCredentials } from '../shared/device';
import { focusHeading, h, replaceChildren } from '../shared/dom';
import { isoWithOffset } from '../shared/format';
import { applyLang, bindLangSwitch, saveLang, savedLang, type Lang } from '../shared/i18n';
import { uuid } from '../shared/ids';
import { citizenOutbox, keepFlushing, type Delivery } from '../shared/outbox';
import { readJson, writeJson, type KeyValueStore } from '../shared/storage';
import { clearDraft, emptyDraft, hasAnswers, loadDraft, saveDraft, slotOf, type Draft } from './draft';
import { errorId, fieldId } from './render';
import { alertContent, screenContent, type Actions, type Alert, type Screen, type ViewState } from './screens';
import { strings } from './strings';
import { buildRequest, errorField, isEmpty, parseCode, parseInvitation, questionnaireKey } from './submission';

export interface SurveyPage {
  store: KeyValueStore;
  main: HTMLElement;
  langButton: HTMLButtonElement;
  footer?: HTMLElement | null;
  pathname: string;
  search?: string;
  /** The survey the server put in the page, read instead of asking the API the first time. */
  embedded?: SurveyTarget;
  /** The invitation token the server made that survey for (an /r/{token} page); none on an /s/{code} page. */
  embeddedFor?: string;
}

const targetKey = (slot: string) => `sipas.target.${slot}`;

/** A refusal's own words: the server's bilingual title, then its detail. */
const said = (p: ProblemDetails | undefined) => [p?.title, p?.detail].filter(Boolean).join(' ') || undefined;

/**
 * The citizen survey: load the questionnaire, one section per step, review, submit through the outbox.
 * Opened as /s/{code} (a service point) or /r/{token} (an invitation sent for one dossier: no dossier code asked,
 * the survey read from and the rating sent to the invitation's endpoint).
 */
export function startSurvey(page: SurveyPage) {
  const { store, main } = page;
  let lang: Lang = savedLang(store);
  let t = strings[lang];
  const credentials = deviceCredentials(store);
  const outbox = citizenOutbox(store);
  const invite = page.pathname.startsWith('/r/');
  const token = invite ? parseInvitation(page.pathname) : undefined;
  const code = invite ? undefined : parseCode(page.pathname, page.search);
  const slot = slotOf(code, token);
  const url = token ? invitationUrl(token) : code && servicePointUrl(code);

  const alertBox = h('div', { id: 'alert', role: 'alert' });
  const view = h('div', { id: 'view' });
  const status = h('p', { id: 'status', role: 'status', class: 'sr' });
  replaceChildren(main, alertBox, view, status);

  let screen: Screen = { name: 'loading' };
  let target: SurveyTarget | undefined;
  let draft: Draft | undefined;
  let errors: Record<string, string> = {};
  let alert: Alert | undefined;
  let restored = false;
  let offline = false;
  let returnToReview = false;

  const sections = () => target?.questionnaire.sections ?? [];
  const reviewStep = () => sections().length + 1;
  const save = () => draft && slot && saveDraft(store, slot, draft);
  const items = () => sections().flatMap((s) => s.items);

  applyLang(lang);
  bindLangSwitch(page.langButton, () => lang, (l) => {
    lang = l;
    t = strings[l];
    saveLang(store, l);
    applyLang(l);
    render(false);
  });

  const actions: Actions = {
    answer: onAnswer,
    dossier: (value) => {
      if (!draft) return;
      draft.dossierCode = value;
      begin();
      if (errors.dossier) {
        delete errors.dossier;
        view.querySelector('#dossier-err')?.remove();
        view.querySelector('#dossier')?.setAttribute('aria-describedby', 'dossier-hint');
        view.querySelector('#dossier')?.removeAttribute('aria-invalid');
      }
      save();
    },
    next,
    goTo,
    goToField,
    restart,
    send: () => void send(false),
    retryNow,
    copy,
    reload: () => void load(),
  };

  function render(focus: boolean): void {
    document.title = t.docTitle;
    if (page.footer) page.footer.textContent = t.footer;
    const state: ViewState = { t, lang, code, invite, screen, target, draft, errors, alert, restored, offline, returnToReview };
    alertBox.className = alert ? 'alert' : '';
    replaceChildren(alertBox, ...alertContent(state, actions));
    replaceChildren(view, ...screenContent(state, actions));
    if (focus) focusHeading(view.querySelector('h1'));
  }

  function onAnswer(itemCode: string, value: AnswerValue | undefined, input: HTMLElement): void {
    if (!draft) return;
    if (value === undefined) delete draft.answers[itemCode];
    else draft.answers[itemCode] = value;
    begin();
    if (errors[itemCode]) {
      delete errors[itemCode];
      const set = input.closest('fieldset');
      set?.classList.remove('invalid');
      set?.removeAttribute('aria-describedby');
      set?.querySelector(`#${errorId(itemCode)}`)?.remove();
      set?.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    }
    save();
  }

  /**
   * The form starts (first answer, the start button): note the time and the device credential held, and ask for a
   * fresh one in the background; it replaces the held one in the draft if it comes before the response is sent.
   */
  function begin(): void {
    const d = draft;
    if (!d || d.startedAt) return;
    d.startedAt = isoWithOffset(new Date());
    d.credential = credentials.held();
    void credentials.refresh().then((c) => {
      if (c && draft === d && !d.clientId) {
        d.credential = c;
        save();
      }
    });
  }

  function goTo(step: number, fromReview = false): void {
    if (!draft) return;
    draft.step = Math.max(0, Math.min(step, reviewStep()));
    returnToReview = fromReview || (returnToReview && draft.step < reviewStep());
    if (draft.step >= reviewStep()) returnToReview = false;
    alert = undefined;
    restored = false;
    save();
    render(true);
  }

  function goToField(field: string): void {
    if (!draft) return;
    const index = sections().findIndex((s) => s.items.some((i) => i.code === field));
    draft.step = index + 1;
    returnToReview = true;
    save();
    render(false);
    const box = field === 'dossier' ? view.querySelector<HTMLElement>('#dossier') : view.querySelector(`#${fieldId(field)}-set`);
    const input = box?.matches('input') ? (box as HTMLElement) : box?.querySelector<HTMLElement>('input, textarea');
    input?.focus();
  }

  function check(list: QuestionnaireItem[]): Record<string, string> {
    const found: Record<string, string> = {};
    for (const item of list) {
      const el = view.querySelector<HTMLInputElement>(`input#${fieldId(item.code)}[type=number]`);
      if (el?.validity?.badInput) found[item.code] = '@errNumber';
      else if (item.required && isEmpty(draft?.answers[item.code])) found[item.code] = '@errRequired';
    }
    return found;
  }

  function showErrors(found: Record<string, string>): boolean {
    const fields = Object.keys(found);
    if (!fields.length) return false;
    errors = { ...errors, ...found };
    alert = { message: 'errSummary', fields };
    render(false);
    const first = view.querySelector<HTMLElement>(`#${fieldId(fields[0])}-set input, #${fieldId(fields[0])}-set textarea`);
    if (first) first.focus();
    else focusHeading(alertBox);
    return true;
  }

  function next(to?: number): void {
    if (!draft) return;
    const section = sections()[draft.step - 1];
    if (section && showErrors(check(section.items))) return;
    if (draft.step === 0) begin();
    goTo(to ?? (returnToReview ? reviewStep() : draft.step + 1));
  }

  function restart(): void {
    if (!slot || !target) return;
    clearDraft(store, slot);
    draft = emptyDraft(questionnaireKey(target.questionnaire));
    errors = {};
    restored = false;
    goTo(0);
  }

  async function send(asNew: boolean): Promise<void> {
    if (!draft || !target || !slot) return;
    const missing = check(items());
    if (Object.keys(missing).length) {
      errors = { ...errors, ...missing };
      alert = { message: 'errSummary', fields: Object.keys(missing) };
      return render(true);
    }
    if (asNew || !draft.clientId) draft.clientId = uuid();
    begin();
    // No credential at the start (offline, first visit): the one held now, if any; every retry sends the same.
    draft.credential ??= credentials.held();
    save();
    const button = view.querySelector<HTMLButtonElement>('#submit');
    if (button) {
      button.disabled = true;
      button.textContent = t.sending;
    }
    status.textContent = t.sending;
    const delivery = await outbox.submit(
      code ?? target.servicePoint.code,
      buildRequest(draft, target.questionnaire, draft.clientId, !invite),
      { url: `${url}/responses`, device: draft.credential ?? null },
    );
    status.textContent = '';
    onDelivery(delivery);
    if (delivery.kind === 'queued') flusher.wake();
  }

  function retryNow(): void {
    const button = view.querySelector<HTMLButtonElement>('#retry');
    if (button) {
      button.disabled = true;
      button.textContent = t.sending;
    }
    void outbox.flush(true).then((all) => {
      all.forEach(onDelivery);
      flusher.wake();
      if (button) {
        button.disabled = false;
        button.textContent = t.retryNow;
      }
    });
  }

  function onDelivery(d: Delivery): void {
    if (!draft || !slot || d.entry.clientId !== draft.clientId) return;
    if (d.kind === 'sent') {
      clearDraft(store, slot);
      draft = target ? emptyDraft(questionnaireKey(target.questionnaire)) : undefined;
      alert = undefined;
      errors = {};
      screen = { name: 'thanks', receipt: d.receipt };
      render(true);
    } else if (d.kind === 'queued') {
      const again = screen.name === 'queued';
      screen = { name: 'queued', reason: d.reason };
      alert = undefined;
      render(!again);
    } else if (d.kind === 'rejected' && d.dropped) used(d.problem);
    else rejected(d.status, d.problem);
  }

  /** The invitation has been used for a rating already: nothing of this one is kept, the server's words shown. */
  function used(problem: ProblemDetails): void {
    if (slot) {
      clearDraft(store, slot);
      store.removeItem(targetKey(slot));
    }
    draft = undefined;
    alert = undefined;
    errors = {};
    const detail = said(problem);
    screen = { name: 'unavailable', title: 'linkTitle', message: detail ? undefined : 'linkFailed', detail };
    render(true);
  }

  function rejected(statusCode: number | undefined, problem: ProblemDetails | undefined): void {
    if (!draft || !target) return;
    const q = target.questionnaire;
    errors = {};
    const fields: string[] = [];
    const other: string[] = [];
    for (const [key, messages] of Object.entries(problem?.errors ?? {})) {
      const field = errorField(key, q);
      const text = (Array.isArray(messages) ? messages : [String(messages)]).join(' ');
      if (field) {
        errors[field] = text;
        fields.push(field);
      } else other.push(text);
    }
    // A refusal with a code (device-cap, invitation-expired, …) is shown in the server's words, title first.
    const reason = problem?.code;
    const head = reason ? said(problem) : (problem?.detail ?? (fields.length ? '' : problem?.title));
    const detail = [head, ...other].filter(Boolean).join(' ');
    const conflict = statusCode === 409 && (!reason || reason === 'id-conflict');
    alert = {
      message: conflict ? 'conflict' : statusCode === 413 ? 'tooLarge' : reason ? 'refused' : 'rejected',
      detail: detail || undefined,
      fields,
      action: conflict ? { label: 'sendAsNew', run: () => void send(true) } : undefined,
    };
    screen = { name: 'form' };
    draft.step = reviewStep();
    save();
    render(true);
  }

  function copy(text: string): void {
    const done = () => (status.textContent = t.copied);
    const fallback = () => {
      const el = view.querySelector('#receipt');
      const range = document.createRange();
      if (el) range.selectNodeContents(el);
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
      try {
        if (document.execCommand('copy')) done();
      } catch {
        // the number stays selected for a manual copy
      }
    };
    if (navigator.clipboard?.writeText) navigator.clipboard.writeText(text).then(done, fallback);
    else fallback();
  }

  async function load(): Promise<void> {
    if (!slot || !url) {
      screen = invite
        ? { name: 'unavailable', title: 'linkTitle', message: 'linkFailed' }
        : { name: 'unavailable', title: 'notFoundTitle', message: 'noCode' };
      return render(false);
    }
    screen = { name: 'loading' };
    render(false);
    const inPage = page.embedded;
    const fits = invite
      ? !!token && page.embeddedFor === token
      : !page.embeddedFor && inPage?.servicePoint?.code?.toUpperCase() === code?.toUpperCase();
    page.embedded = page.embeddedFor = undefined; // once: a reload asks the API
    const r: ApiResult<SurveyTarget> = inPage?.questionnaire && fits
      ? { ok: true, status: 200, data: inPage }
      : await getSurveyTarget(url, credentials.held());
    if (r.ok && r.data?.questionnaire) {
      target = r.data;
      offline = false;
      writeJson(store, targetKey(slot), r.data);
    } else if (!r.ok && r.kind === 'http' && r.status >= 400 && r.status < 500 && r.status !== 408 && r.status !== 429) {
      store.removeItem(targetKey(slot));
      const closed = r.status === 409;
      // An invitation unknown (404), expired (410) or used (409): the server's bilingual words.
      const detail = invite ? said(r.problem) : r.problem.detail;
      screen = invite
        ? { name: 'unavailable', title: 'linkTitle', message: detail ? undefined : 'linkFailed', detail }
        : {
            name: 'unavailable',
            title: closed ? 'closedTitle' : 'notFoundTitle',
            message: closed ? 'closed' : 'notFound',
            detail,
          };
      return render(true);
    } else {
      target = readJson<SurveyTarget>(store, targetKey(slot));
      offline = !!target;
      if (!target) {
        screen = { name: 'unavailable', title: 'loadFailedTitle', message: 'loadFailed', retry: true };
        return render(true);
      }
    }
    setUp(target);
  }

  function setUp(tg: SurveyTarget): void {
    const key = questionnaireKey(tg.questionnaire);
    const saved = slot ? loadDraft(store, slot, key) : undefined;
    draft = saved ?? emptyDraft(key);
    draft.step = Math.max(0, Math.min(draft.step, reviewStep()));
    restored = !!saved && hasAnswers(saved);
    screen = { name: 'form' };
    if (draft.clientId) {
      const sent = outbox.sent(draft.clientId);
      const entry = outbox.find(draft.clientId);
      if (sent && slot) {
        clearDraft(store, slot);
        draft = emptyDraft(key);
        screen = { name: 'thanks', receipt: sent.receipt };
      } else if (entry?.state === 'pending') {
        screen = { name: 'queued', reason: navigator.onLine === false ? 'network' : 'server' };
      } else if (entry?.state === 'failed') {
        return rejected(entry.status, entry.problem);
      }
    }
    render(false);
  }

  const flusher = keepFlushing(outbox, onDelivery);
  const reloadWhenOnline = () => {
    if (screen.name === 'unavailable' && screen.retry) void load();
  };
  window.addEventListener('online', reloadWhenOnline);
  const ready = load();
  // Have a credential in hand should the network drop later; never waited for.
  void credentials.refresh();
  return {
    ready,
    outbox,
    credentials,
    state: () => ({ screen, draft, errors, alert }),
    stop: () => {
      flusher.stop();
      window.removeEventListener('online', reloadWhenOnline);
    },
  };
}
