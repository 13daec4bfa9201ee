import type { ResponseReceipt, SurveyTarget } from '../shared/api';
import { h, say as localized, type Children } from '../shared/dom';
import { formatDate, formatDateTime } from '../shared/format';
import { fill, pick, type Lang } from '../shared/i18n';
import type { RetryReason } from '../shared/outbox';
import { hasAnswers, type Draft } from './draft';
import { answerText, fieldId, renderItem, type OnAnswer } from './render';
import type { SurveyText } from './strings';
import { isEmpty } from './submission';

// What the survey page shows for a given state. No state lives here: app.ts owns it and re-renders.

export type Key = keyof SurveyText;

export type Screen =
  | { name: 'loading' }
  | { name: 'unavailable'; title: Key; message?: Key; detail?: string; retry?: boolean }
  | { name: 'form' }
  | { name: 'queued'; reason: RetryReason }
  | { name: 'thanks'; receipt: ResponseReceipt };

/** Texts are kept as keys (and '@key' among server messages) so that a language switch re-words them. */
export interface Alert {
  message: Key;
  detail?: string;
  fields?: string[];
  action?: { label: Key; run: () => void };
}

export interface ViewState {
  t: SurveyText;
  lang: Lang;
  code?: string;
  /** Opened from an invitation link /r/{token}: no dossier code to ask for. */
  invite?: boolean;
  screen: Screen;
  target?: SurveyTarget;
  draft?: Draft;
  /** Field ("dossier" or an item code) → message: server text, or '@key' for one of ours. */
  errors: Record<string, string>;
  alert?: Alert;
  restored: boolean;
  offline: boolean;
  returnToReview: boolean;
}

export interface Actions {
  answer: OnAnswer;
  dossier: (value: string) => void;
  next: (to?: number) => void;
  goTo: (step: number, fromReview?: boolean) => void;
  goToField: (field: string) => void;
  restart: () => void;
  send: () => void;
  retryNow: () => void;
  copy: (text: string) => void;
  reload: () => void;
}

const REASONS = { network: 'reasonNetwork', timeout: 'reasonTimeout', busy: 'reasonBusy', server: 'reasonServer' } as const;

export const message = (t: SurveyText, s: string | undefined) => (s?.startsWith('@') ? t[s.slice(1) as Key] : s);

const onSubmit = (run: () => void) => (e: Event) => {
  e.preventDefault();
  run();
};

export function alertContent(s: ViewState, on: Actions): Children[] {
  const { t, lang, alert: a } = s;
  if (!a) return [];
  const items = s.target?.questionnaire.sections.flatMap((x) => x.items) ?? [];
  const name = (f: string) => (f === 'dossier' ? t.dossierLabel : pick(items.find((i) => i.code === f)?.text, lang) || f);
  return [
    h('p', { class: 'alert-msg' }, t[a.message]),
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
                { href: `#${f === 'dossier' ? f : fieldId(f) + '-set'}`, onclick: onSubmit(() => on.goToField(f)) },
                `${name(f)}: ${message(t, s.errors[f]) ?? ''}`,
              ),
            ),
          ),
        )
      : null,
    a.action ? h('button', { type: 'button', class: 'btn', onclick: a.action.run }, t[a.action.label]) : null,
  ];
}

export function screenContent(s: ViewState, on: Actions): Children[] {
  const { t, screen } = s;
  switch (screen.name) {
    case 'loading':
      return [h('h1', null, t.introTitle), h('p', null, t.loading)];
    case 'unavailable':
      return [
        h('h1', null, t[screen.title]),
        screen.message ? h('p', null, fill(t[screen.message], { code: s.code ?? '' })) : null,
        screen.detail ? h('p', null, screen.detail) : null,
        screen.retry ? h('button', { type: 'button', class: 'btn primary', onclick: on.reload }, t.retry) : null,
        h('p', null, h('a', { href: '/' }, t.home)),
      ];
    case 'queued':
      return [
        h('h1', null, t.queuedTitle),
        h('p', { class: 'notice' }, t.queued),
        h('p', null, t[REASONS[screen.reason]]),
        h('p', null, t.keepPage),
        h('button', { type: 'button', class: 'btn primary', id: 'retry', onclick: on.retryNow }, t.retryNow),
      ];
    case 'thanks':
      return thanks(s, screen.receipt, on);
    default:
      if (!s.draft || !s.target) return [];
      if (s.draft.step === 0) return intro(s, s.target, s.draft, on);
      if (s.draft.step > s.target.questionnaire.sections.length) return review(s, s.target, s.draft, on);
      return section(s, s.target, s.draft, on);
  }
}

function progress(t: SurveyText, step: number, total: number): Node {
  return h(
    'div',
    { class: 'progress' },
    h('span', { id: 'part' }, step > total ? t.toReview : fill(t.part, { n: step, total })),
    h('progress', { max: total, value: Math.min(step, total), 'aria-labelledby': 'part' }),
  );
}

function notes({ t, restored, offline }: ViewState): Node | null {
  const text = [restored ? t.restored : '', offline ? t.offlineCopy : ''].filter(Boolean).join(' ');
  return text ? h('p', { class: 'note' }, text) : null;
}

function intro(s: ViewState, tg: SurveyTarget, d: Draft, on: Actions): Children[] {
  const { t, lang } = s;
  const sp = tg.servicePoint;
  const items = tg.questionnaire.sections.flatMap((x) => x.items);
  const err = message(t, s.errors.dossier);
  return [
    h('h1', null, t.introTitle),
    h(
      'p',
      { class: 'place' },
      h('strong', null, localized(sp.name, lang)),
      h('br'),
      localized(sp.agency.name, lang),
      sp.unit ? ` · ${sp.unit.name}` : '',
    ),
    notes(s),
    h('p', null, fill(t.introWho, { agency: pick(sp.agency.name, lang), place: pick(sp.name, lang) })),
    h('p', null, t.introWhy),
    h('p', null, h('strong', null, t.introAnon)),
    h('p', null, fill(t.introTime, { count: items.length }), items.some((i) => i.required) ? '' : ` ${t.introSkip}`),
    h(
      'p',
      { class: 'hint' },
      fill(t.wave, {
        name: pick(tg.wave.name, lang),
        from: formatDate(tg.wave.startsOn, lang),
        to: formatDate(tg.wave.endsOn, lang),
      }),
    ),
    s.invite ? h('p', null, t.inviteNote) : null,
    h(
      'form',
      { novalidate: true, onsubmit: onSubmit(() => on.next()) },
      s.invite
        ? null
        : h(
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
              oninput: (e: Event) => on.dossier((e.currentTarget as HTMLInputElement).value),
            }),
            h('p', { class: 'hint', id: 'dossier-hint' }, t.dossierHint),
            err ? h('p', { class: 'err', id: 'dossier-err' }, err) : null,
          ),
      h(
        'div',
        { class: 'nav' },
        h('button', { type: 'submit', class: 'btn primary' }, hasAnswers(d) ? t.next : t.start),
        s.restored ? h('button', { type: 'button', class: 'btn', onclick: on.restart }, t.restart) : null,
      ),
    ),
  ];
}

function section(s: ViewState, tg: SurveyTarget, d: Draft, on: Actions): Children[] {
  const { t, lang } = s;
  const step = d.step;
  const total = tg.questionnaire.sections.length;
  const sec = tg.questionnaire.sections[step - 1];
  return [
    progress(t, step, total),
    h('h1', null, localized(sec.title, lang)),
    notes(s),
    sec.scored ? h('p', { class: 'hint' }, t.scaleHint) : null,
    h(
      'form',
      { novalidate: true, onsubmit: onSubmit(() => on.next()) },
      sec.items.map((item) =>
        renderItem(item, d.answers[item.code], message(t, s.errors[item.code]), lang, t, on.answer),
      ),
      h(
        'div',
        { class: 'nav' },
        h('button', { type: 'button', class: 'btn', onclick: () => on.goTo(step - 1) }, t.back),
        h('button', { type: 'submit', class: 'btn primary' }, step === total ? t.toReview : t.next),
        s.returnToReview
          ? h('button', { type: 'button', class: 'btn', onclick: () => on.next(total + 1) }, t.backToReview)
          : null,
      ),
    ),
  ];
}

function review(s: ViewState, tg: SurveyTarget, d: Draft, on: Actions): Children[] {
  const { t, lang } = s;
  const sections = tg.questionnaire.sections;
  const edit = (name: string, onclick: () => void) =>
    h('button', { type: 'button', class: 'link', 'aria-label': fill(t.editSection, { name }), onclick }, t.edit);
  const head = (title: Node | string, name: string, onclick: () => void) =>
    h('div', { class: 'rv-head' }, h('h2', null, title), edit(name, onclick));
  return [
    progress(t, sections.length + 1, sections.length),
    h('h1', null, t.reviewTitle),
    h('p', { class: 'hint' }, t.reviewHint),
    s.invite
      ? null
      : h(
          'section',
          { class: 'rv' },
          head(t.dossierLabel, t.dossierLabel, () => on.goToField('dossier')),
          h('p', null, d.dossierCode.trim() || t.none),
        ),
    sections.map((sec, i) =>
      h(
        'section',
        { class: 'rv' },
        head(localized(sec.title, lang), pick(sec.title, lang), () => on.goTo(i + 1, true)),
        h(
          'dl',
          null,
          sec.items.map((item) => [
            h('dt', null, localized(item.text, lang)),
            h(
              'dd',
              { class: isEmpty(d.answers[item.code]) ? 'muted' : s.errors[item.code] ? 'err' : null },
              answerText(item, d.answers[item.code], lang, t),
            ),
          ]),
        ),
      ),
    ),
    h(
      'div',
      { class: 'nav' },
      h('button', { type: 'button', class: 'btn', onclick: () => on.goTo(sections.length) }, t.back),
      h('button', { type: 'button', class: 'btn primary', id: 'submit', onclick: on.send }, t.submit),
    ),
  ];
}

function thanks({ t, lang }: ViewState, r: ResponseReceipt, on: Actions): Children[] {
  return [
    h('h1', null, t.thanksTitle),
    h('p', null, fill(t.thanks, { time: formatDateTime(r.receivedAt, lang) })),
    r.receipt
      ? h(
          'div',
          { class: 'receipt' },
          h('p', { id: 'receipt-label' }, t.receipt),
          h('p', { class: 'code', id: 'receipt', 'aria-describedby': 'receipt-label' }, r.receipt),
          h('button', { type: 'button', class: 'btn', onclick: () => on.copy(r.receipt) }, t.copy),
        )
      : null,
    h('p', null, h('a', { href: '/' }, t.home)),
  ];
}
