import type { AnswerValue, ProblemDetails, QuestionnaireItem, ResponseReceipt, SurveyTarget } from '../shared/api';
import { getSurveyTarget, submitResponse } from '../shared/api';
import { focusHeading, h, replaceChildren, type Children } from '../shared/dom';
import { formatDate, formatDateTime, isoWithOffset } from '../shared/format';
import { applyLang, bindLangSwitch, fill, pick, saveLang, savedLang, type Lang } from '../shared/i18n';
import { deviceToken, uuid } from '../shared/ids';
import { keepFlushing, Outbox, type Delivery, type RetryReason } from '../shared/outbox';
import { readJson, writeJson, type KeyValueStore } from '../shared/storage';
import { clearDraft, emptyDraft, hasAnswers, loadDraft, saveDraft, type Draft } from './draft';
import { answerText, errorId, fieldId, renderItem } from './render';
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

type Screen =
  | { name: 'loading' }
  | { name: 'unavailable'; title: string; message: string; detail?: string; retry?: boolean }
  | { name: 'form' }
  | { name: 'queued'; reason: RetryReason }
  | { name: 'thanks'; receipt: ResponseReceipt };

interface Alert {
  message: string;
  detail?: string;
  fields?: string[];
  action?: { label: string; run: () => void };
}

const targetKey = (code: string) => `sipas.target.${code.toUpperCase()}`;
const REASONS = { network: 'reasonNetwork', timeout: 'reasonTimeout', busy: 'reasonBusy', server: 'reasonServer' } as const;

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
  const itemByCode = (c: string) => items().find((i) => i.code === c);

  applyLang(lang);
  bindLangSwitch(page.langButton, () => lang, (l) => {
    lang = l;
    t = strings[l];
    saveLang(store, l);
    applyLang(l);
    render(false);
  });

  function render(focus: boolean): void {
    document.title = t.docTitle;
    if (page.footer) page.footer.textContent = t.footer;
    renderAlert();
    replaceChildren(view, ...screenContent());
    if (focus) focusHeading(view.querySelector('h1'));
  }

  function renderAlert(): void {
    alertBox.className = alert ? 'alert' : '';
    if (!alert) return replaceChildren(alertBox);
    const a = alert;
    replaceChildren(
      alertBox,
      h('p', { class: 'alert-msg' }, a.message),
      a.detail ? h('p', null, a.detail) : null,
      a.fields?.length
        ? h(
            'ul',
            null,
            a.fields.map((f) =>
              h(
                'li',
                null,
                h(
                  'a',
                  { href: `#${f === 'dossier' ? f : fieldId(f) + '-set'}`, onclick: (e: Event) => (e.preventDefault(), goToField(f)) },
                  `${f === 'dossier' ? t.dossierLabel : pick(itemByCode(f)?.text, lang) || f}: ${errors[f] ?? ''}`,
                ),
              ),
            ),
          )
        : null,
      a.action ? h('button', { type: 'button', class: 'btn', onclick: a.action.run }, a.action.label) : null,
    );
  }

  function screenContent(): Children[] {
    switch (screen.name) {
      case 'loading':
        return [h('h1', null, t.introTitle), h('p', null, t.loading)];
      case 'unavailable':
        return [
          h('h1', null, screen.title),
          h('p', null, screen.message),
          screen.detail ? h('p', null, screen.detail) : null,
          screen.retry ? h('button', { type: 'button', class: 'btn primary', onclick: () => void load() }, t.retry) : null,
          h('p', null, h('a', { href: '/' }, t.home)),
        ];
      case 'queued':
        return queuedScreen(screen.reason);
      case 'thanks':
        return thanksScreen(screen.receipt);
      default:
        return formScreen();
    }
  }

  function formScreen(): Children[] {
    if (!draft || !target) return [];
    const step = draft.step;
    if (step === 0) return introStep(target, draft);
    if (step >= reviewStep()) return reviewStep_(draft);
    const section = sections()[step - 1];
    const d = draft;
    return [
      progress(step),
      h('h1', null, pick(section.title, lang)),
      restoredNote(),
      section.scored ? h('p', { class: 'hint' }, t.scaleHint) : null,
      h(
        'form',
        { novalidate: true, onsubmit: (e: Event) => (e.preventDefault(), next()) },
        section.items.map((item) => renderItem(item, d.answers[item.code], errors[item.code], lang, t, onAnswer)),
        h(
          'div',
          { class: 'nav' },
          h('button', { type: 'button', class: 'btn', onclick: () => goTo(step - 1) }, t.back),
          h('button', { type: 'submit', class: 'btn primary' }, step === sections().length ? t.toReview : t.next),
          returnToReview
            ? h('button', { type: 'button', class: 'btn', onclick: () => next(reviewStep()) }, t.backToReview)
            : null,
        ),
      ),
    ];
  }

  function progress(step: number): Node {
    const total = sections().length;
    const label = step > total ? t.toReview : fill(t.part, { n: step, total });
    return h(
      'div',
      { class: 'progress' },
      h('span', { id: 'part' }, label),
      h('progress', { max: total, value: Math.min(step, total), 'aria-labelledby': 'part' }),
    );
  }

  function restoredNote(): Node | null {
    return restored || offline
      ? h('p', { class: 'note' }, [restored ? t.restored : '', offline ? t.offlineCopy : ''].filter(Boolean).join(' '))
      : null;
  }

  function introStep(tg: SurveyTarget, d: Draft): Children[] {
    const sp = tg.servicePoint;
    const anyRequired = items().some((i) => i.required);
    const err = errors.dossier;
    return [
      h('h1', null, t.introTitle),
      h(
        'p',
        { class: 'place' },
        h('strong', null, pick(sp.name, lang)),
        h('br'),
        pick(sp.agency.name, lang),
        sp.unit ? ` · ${sp.unit.name}` : '',
      ),
      restoredNote(),
      h('p', null, fill(t.introWho, { agency: pick(sp.agency.name, lang), place: pick(sp.name, lang) })),
      h('p', null, t.introWhy),
      h('p', null, h('strong', null, t.introAnon)),
      h('p', null, fill(t.introTime, { count: items().length }), anyRequired ? '' : ` ${t.introSkip}`),
      h(
        'p',
        { class: 'hint' },
        fill(t.wave, {
          name: pick(tg.wave.name, lang),
          from: formatDate(tg.wave.startsOn, lang),
          to: formatDate(tg.wave.endsOn, lang),
        }),
      ),
      h(
        'form',
        { novalidate: true, onsubmit: (e: Event) => (e.preventDefault(), next()) },
        h(
          'div',
          { class: err ? 'field invalid' : 'field' },
          h('label', { for: 'dossier' }, t.dossierLabel),
          h('input', {
            id: 'dossier',
            name: 'dossier',
            type: 'text',
            autocomplete: 'off',
            maxlength: 100,
            value: d.dossierCode,
            'aria-describedby': err ? 'dossier-hint dossier-err' : 'dossier-hint',
            'aria-invalid': err ? 'true' : undefined,
            oninput: (e: Event) => {
              d.dossierCode = (e.currentTarget as HTMLInputElement).value;
              save();
            },
          }),
          h('p', { class: 'hint', id: 'dossier-hint' }, t.dossierHint),
          err ? h('p', { class: 'err', id: 'dossier-err' }, err) : null,
        ),
        h(
          'div',
          { class: 'nav' },
          h('button', { type: 'submit', class: 'btn primary' }, hasAnswers(d) ? t.next : t.start),
          restored ? h('button', { type: 'button', class: 'btn', onclick: restart }, t.restart) : null,
        ),
      ),
    ];
  }

  function reviewStep_(d: Draft): Children[] {
    const editButton = (name: string, onclick: () => void) =>
      h('button', { type: 'button', class: 'link', 'aria-label': fill(t.editSection, { name }), onclick }, t.edit);
    return [
      progress(reviewStep()),
      h('h1', null, t.reviewTitle),
      h('p', { class: 'hint' }, t.reviewHint),
      h(
        'section',
        { class: 'rv' },
        h('div', { class: 'rv-head' }, h('h2', null, t.dossierLabel), editButton(t.dossierLabel, () => goToField('dossier'))),
        h('p', null, d.dossierCode.trim() || t.none),
      ),
      sections().map((s, i) =>
        h(
          'section',
          { class: 'rv' },
          h('div', { class: 'rv-head' }, h('h2', null, pick(s.title, lang)), editButton(pick(s.title, lang), () => goTo(i + 1, true))),
          h(
            'dl',
            null,
            s.items.map((item) => [
              h('dt', null, pick(item.text, lang)),
              h('dd', { class: isEmpty(d.answers[item.code]) ? 'muted' : errors[item.code] ? 'err' : null }, answerText(item, d.answers[item.code], lang, t)),
            ]),
          ),
        ),
      ),
      h(
        'div',
        { class: 'nav' },
        h('button', { type: 'button', class: 'btn', onclick: () => goTo(reviewStep() - 1) }, t.back),
        h('button', { type: 'button', class: 'btn primary', id: 'submit', onclick: () => void send(false) }, t.submit),
      ),
    ];
  }

  function queuedScreen(reason: RetryReason): Node[] {
    return [
      h('h1', null, t.queuedTitle),
      h('p', { class: 'notice' }, t.queued),
      h('p', null, t[REASONS[reason]]),
      h('p', null, t.keepPage),
      h('button', { type: 'button', class: 'btn primary', id: 'retry', onclick: retryNow }, t.retryNow),
    ];
  }

  function thanksScreen(r: ResponseReceipt): Node[] {
    return [
      h('h1', null, t.thanksTitle),
      h('p', null, fill(t.thanks, { time: formatDateTime(r.receivedAt, lang) })),
      h(
        'div',
        { class: 'receipt' },
        h('p', { id: 'receipt-label' }, t.receipt),
        h('p', { class: 'code', id: 'receipt', 'aria-describedby': 'receipt-label' }, r.receipt),
        h('button', { type: 'button', class: 'btn', onclick: () => copy(r.receipt) }, t.copy),
      ),
      h('p', null, h('a', { href: '/' }, t.home)),
    ];
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
      if (el?.validity?.badInput) found[item.code] = t.errNumber;
      else if (item.required && isEmpty(draft?.answers[item.code])) found[item.code] = t.errRequired;
    }
    return found;
  }

  function showErrors(found: Record<string, string>): boolean {
    const fields = Object.keys(found);
    if (!fields.length) return false;
    errors = { ...errors, ...found };
    alert = { message: t.errSummary, fields };
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
      alert = { message: t.errSummary, fields: Object.keys(missing) };
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
      message: statusCode === 409 ? t.conflict : statusCode === 413 ? t.tooLarge : t.rejected,
      detail: detail || undefined,
      fields,
      action: statusCode === 409 ? { label: t.sendAsNew, run: () => void send(true) } : undefined,
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
      screen = { name: 'unavailable', title: t.notFoundTitle, message: t.noCode };
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
        title: closed ? t.closedTitle : t.notFoundTitle,
        message: closed ? t.closed : fill(t.notFound, { code }),
        detail: r.problem.detail,
      };
      return render(true);
    } else {
      target = readJson<SurveyTarget>(store, targetKey(code));
      offline = !!target;
      if (!target) {
        screen = { name: 'unavailable', title: t.loadFailedTitle, message: t.loadFailed, retry: true };
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
