import type { AnswerValue, ProblemDetails, QuestionnaireItem, SurveyTarget } from '../shared/api';
import { getSurveyTarget, submitResponse } from '../shared/api';
import { focusHeading, h, replaceChildren } from '../shared/dom';
import { isoWithOffset } from '../shared/format';
import { applyLang, bindLangSwitch, saveLang, savedLang, type Lang } from '../shared/i18n';
import { deviceToken, uuid } from '../shared/ids';
import { keepFlushing, Outbox, type Delivery } from '../shared/outbox';
import { readJson, writeJson, type KeyValueStore } from '../shared/storage';
import { clearDraft, emptyDraft, hasAnswers, loadDraft, saveDraft, type Draft } from './draft';
import { errorId, fieldId } from './render';
import { alertContent, screenContent, type Actions, type Alert, type Screen, type ViewState } from './screens';
import { strings } from './strings';
import { buildRequest, errorField, isEmpty, parseCode, questionnaireKey } from './submission';

export interface SurveyPage {
  store: KeyValueStore;
  main: HTMLElement;
  langButton: HTMLButtonElement;
  footer?: HTMLElement | null;
  pathname: string;
  search?: string;
}

const targetKey = (code: string) => `sipas.target.${code.toUpperCase()}`;

/** The citizen survey: load the questionnaire, one section per step, review, submit through the outbox. */
export function startSurvey(page: SurveyPage) {
  const { store, main } = page;
  let lang: Lang = savedLang(store);
  let t = strings[lang];
  const device = deviceToken(store);
  const outbox = new Outbox(store, (e) => submitResponse(e.code, e.body, device));
  const code = parseCode(page.pathname, page.search);

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
  const save = () => draft && code && saveDraft(store, code, draft);
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
      draft.startedAt ??= isoWithOffset(new Date());
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
    const state: ViewState = { t, lang, code, screen, target, draft, errors, alert, restored, offline, returnToReview };
    alertBox.className = alert ? 'alert' : '';
    replaceChildren(alertBox, ...alertContent(state, actions));
    replaceChildren(view, ...screenContent(state, actions));
    if (focus) focusHeading(view.querySelector('h1'));
  }

  function onAnswer(itemCode: string, value: AnswerValue | undefined, input: HTMLElement): void {
    if (!draft) return;
    if (value === undefined) delete draft.answers[itemCode];
    else draft.answers[itemCode] = value;
    draft.startedAt ??= isoWithOffset(new Date());
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
    if (draft.step === 0) draft.startedAt ??= isoWithOffset(new Date());
    goTo(to ?? (returnToReview ? reviewStep() : draft.step + 1));
  }

  function restart(): void {
    if (!code || !target) return;
    clearDraft(store, code);
    draft = emptyDraft(questionnaireKey(target.questionnaire));
    errors = {};
    restored = false;
    goTo(0);
  }

  async function send(asNew: boolean): Promise<void> {
    if (!draft || !target || !code) return;
    const missing = check(items());
    if (Object.keys(missing).length) {
      errors = { ...errors, ...missing };
      alert = { message: 'errSummary', fields: Object.keys(missing) };
      return render(true);
    }
    if (asNew || !draft.clientId) draft.clientId = uuid();
    draft.startedAt ??= isoWithOffset(new Date());
    save();
    const button = view.querySelector<HTMLButtonElement>('#submit');
    if (button) {
      button.disabled = true;
      button.textContent = t.sending;
    }
    status.textContent = t.sending;
    const delivery = await outbox.submit(code, buildRequest(draft, target.questionnaire, draft.clientId));
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
    if (!draft || !code || d.entry.clientId !== draft.clientId) return;
    if (d.kind === 'sent') {
      clearDraft(store, code);
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
    } else rejected(d.status, d.problem);
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
    const detail = [problem?.detail ?? (fields.length ? '' : problem?.title), ...other].filter(Boolean).join(' ');
    alert = {
      message: statusCode === 409 ? 'conflict' : statusCode === 413 ? 'tooLarge' : 'rejected',
      detail: detail || undefined,
      fields,
      action: statusCode === 409 ? { label: 'sendAsNew', run: () => void send(true) } : undefined,
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
    if (!code) {
      screen = { name: 'unavailable', title: 'notFoundTitle', message: 'noCode' };
      return render(false);
    }
    screen = { name: 'loading' };
    render(false);
    const r = await getSurveyTarget(code, device);
    if (r.ok && r.data?.questionnaire) {
      target = r.data;
      offline = false;
      writeJson(store, targetKey(code), r.data);
    } else if (!r.ok && r.kind === 'http' && r.status >= 400 && r.status < 500 && r.status !== 408 && r.status !== 429) {
      store.removeItem(targetKey(code));
      const closed = r.status === 409;
      screen = {
        name: 'unavailable',
        title: closed ? 'closedTitle' : 'notFoundTitle',
        message: closed ? 'closed' : 'notFound',
        detail: r.problem.detail,
      };
      return render(true);
    } else {
      target = readJson<SurveyTarget>(store, targetKey(code));
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
    const saved = code ? loadDraft(store, code, key) : undefined;
    draft = saved ?? emptyDraft(key);
    draft.step = Math.max(0, Math.min(draft.step, reviewStep()));
    restored = !!saved && hasAnswers(saved);
    screen = { name: 'form' };
    if (draft.clientId) {
      const sent = outbox.sent(draft.clientId);
      const entry = outbox.find(draft.clientId);
      if (sent && code) {
        clearDraft(store, code);
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
  return {
    ready,
    outbox,
    state: () => ({ screen, draft, errors, alert }),
    stop: () => {
      flusher.stop();
      window.removeEventListener('online', reloadWhenOnline);
    },
  };
}
