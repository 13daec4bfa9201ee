import type { Questionnaire } from '../../shared/api';
import { h, say } from '../../shared/dom';
import { fill } from '../../shared/i18n';
import { renderItem, LIKERT } from '../../survey/render';
import { strings as surveyStrings } from '../../survey/strings';
import { adminScreen } from './admin-screen';
import type { AdminApi } from './api';
import { button, date, field, grid, problemLines } from './ui';

export interface QuestionnaireRow {
  key: string;
  code: string;
  version: string;
  family: string;
  titleVi: string;
  titleEn: string | null;
  status: 'draft' | 'published' | 'retired';
  scoredItems: number;
  publishedAt: string | null;
}

const enc = encodeURIComponent;

/**
 * Questionnaires: upload (every fault listed with its JSON path), edit a draft, preview it as citizens (the
 * survey's own renderer) and surveyors (codes and keys) will see it, publish, copy into a new draft, retire.
 */
export function questionnairesScreen(doc: Document, api: AdminApi) {
  let rows: QuestionnaireRow[] | undefined;
  let json = '';
  let editing: string | undefined; // key of the draft being replaced
  let preview: Questionnaire | undefined;
  let copying: QuestionnaireRow | undefined;
  const s = adminScreen(doc, {
    section: 'questionnaires', id: 'q', title: (tx) => tx.qTitle, docTitle: (tx) => tx.qDocTitle, load,
    view: () => [uploadForm(), copying ? copyForm(copying) : null, preview ? previewView(preview) : null, table()],
    // A list that arrives while the admin is typing must not wipe what they typed.
    keep: () => {
      const typed = s.main.querySelector<HTMLTextAreaElement>('#q-json');
      if (typed) json = typed.value;
    },
  });
  const t = () => s.t;

  /** Sets the JSON text, in the state and in the text area on screen (which `paint` reads back). */
  function setJson(value: string): void {
    json = value;
    const area = s.main?.querySelector<HTMLTextAreaElement>('#q-json');
    if (area) area.value = value;
  }

  async function load(): Promise<void> {
    rows = s.read(await api.call<QuestionnaireRow[]>('GET', '/api/questionnaires')) ?? rows;
  }

  function uploadForm(): HTMLElement {
    const tx = t();
    const area = h('textarea', { id: 'q-json', rows: 12, spellcheck: 'false', class: 'code-text' }, json);
    return h(
      'section',
      { 'aria-labelledby': 'q-upload-title' },
      h('h2', { id: 'q-upload-title' }, editing ? fill(tx.qReplace, { key: editing }) : tx.qUpload),
      h('p', { class: 'hint' }, tx.qUploadHint),
      field('q-file', tx.qFile, h('input', {
        id: 'q-file', type: 'file', accept: 'application/json,.json',
        onchange: async (e: Event) => {
          const file = (e.currentTarget as HTMLInputElement).files?.[0];
          if (file) (s.main.querySelector('#q-json') as HTMLTextAreaElement).value = await file.text();
        },
      })),
      field('q-json', tx.qJson, area),
      h('div', { class: 'nav' },
        button(editing ? fill(tx.qReplace, { key: editing }) : tx.qSend, () => s.run(upload), 'btn primary', 'q-send'),
        editing ? button(tx.cancel, () => { editing = undefined; setJson(''); s.paint(); }) : null),
    );
  }

  async function upload(): Promise<void> {
    json = (s.main.querySelector('#q-json') as HTMLTextAreaElement).value;
    const tx = t();
    const [code, version] = editing?.split('@') ?? [];
    const r = editing
      ? await api.raw<QuestionnaireRow>('PUT', `/api/admin/questionnaires/${enc(code)}/${enc(version)}`, json)
      : await api.raw<QuestionnaireRow>('POST', '/api/admin/questionnaires', json);
    if (r.ok) {
      s.faults = [];
      s.notice = fill(tx.qStored, { key: r.data.key });
      editing = undefined;
      setJson('');
      await s.reload();
      await showPreview(r.data);
      return;
    }
    s.notice = '';
    const errors = r.kind === 'http' ? r.problem.errors : undefined;
    const count = errors ? Object.values(errors).reduce((n, m) => n + m.length, 0) : 0;
    s.faults = errors
      ? [fill(tx.qFaults, { count }), ...Object.entries(errors).flatMap(([path, ms]) => ms.map((m) => `${path} — ${m}`))]
      : problemLines(r, tx);
    s.paint(false, '#q-faults');
  }

  function table(): HTMLElement {
    const tx = t();
    if (!rows) return h('p', null, tx.loading);
    const status = (s: QuestionnaireRow['status']) => tx[s];
    return grid('q-rows', tx.qCaption, [tx.qKey, tx.qFamily, tx.name, tx.qItems, tx.status, tx.actions], rows.map((q) =>
      h('tr', { 'data-key': q.key },
        h('td', null, h('code', null, q.key)), h('td', null, q.family), h('td', null, say({ vi: q.titleVi, en: q.titleEn ?? undefined }, s.lang)),
        h('td', { class: 'num' }, q.scoredItems),
        h('td', null, status(q.status), q.publishedAt ? ` (${date(q.publishedAt)})` : ''),
        h('td', { class: 'actions' },
          button(tx.qPreview, () => s.run(() => showPreview(q)), 'btn small'),
          q.status === 'draft' ? button(tx.qEdit, () => s.run(() => edit(q)), 'btn small') : null,
          q.status === 'draft' ? button(tx.qPublish, () => s.run(() => act(q, 'publish', tx.qPublished)), 'btn small primary') : null,
          q.status !== 'draft' ? button(tx.qCopy, () => { copying = q; s.paint(false, '#q-copy-version'); }, 'btn small') : null,
          q.status === 'published' ? button(tx.qRetire, () => s.run(() => act(q, 'retire', tx.qRetiredDone)), 'btn small') : null))));
  }

  async function definition(q: QuestionnaireRow): Promise<Questionnaire | undefined> {
    const r = await api.call<Questionnaire>('GET', `/api/questionnaires/${enc(q.code)}/${enc(q.version)}`);
    if (!r.ok) s.faults = problemLines(r, t());
    return r.ok ? { ...r.data, key: q.key } : undefined;
  }

  async function edit(q: QuestionnaireRow): Promise<void> {
    const d = await definition(q);
    if (!d) return s.paint();
    editing = q.key;
    setJson(JSON.stringify(d, (k, v) => (k === 'key' ? undefined : v), 2));
    s.paint(false, '#q-json');
  }

  async function showPreview(q: QuestionnaireRow): Promise<void> {
    preview = await definition(q);
    s.paint(false, '#q-preview-title');
  }

  async function act(q: QuestionnaireRow, action: 'publish' | 'retire', done: string): Promise<void> {
    const r = await api.call<QuestionnaireRow>('POST', `/api/admin/questionnaires/${enc(q.code)}/${enc(q.version)}/${action}`);
    await s.settle(r, () => fill(done, { key: q.key }));
  }

  function copyForm(q: QuestionnaireRow): HTMLElement {
    const tx = t();
    return h('section', { 'aria-labelledby': 'q-copy-title' },
      h('h2', { id: 'q-copy-title' }, tx.qCopy),
      field('q-copy-version', fill(tx.qCopyVersion, { key: q.key }), h('input', { id: 'q-copy-version', type: 'text', autocomplete: 'off' })),
      h('div', { class: 'nav' },
        button(tx.qCopy, () => s.run(() => copy(q)), 'btn primary', 'q-copy-go'),
        button(tx.cancel, () => { copying = undefined; s.paint(); })));
  }

  async function copy(q: QuestionnaireRow): Promise<void> {
    const version = (s.main.querySelector('#q-copy-version') as HTMLInputElement).value.trim();
    const r = await api.call<QuestionnaireRow>('POST', `/api/admin/questionnaires/${enc(q.code)}/${enc(q.version)}/copy`, { version });
    await s.settle(r, (c) => fill(t().qCopied, { key: c.key }), { then: () => (copying = undefined) });
  }

  /** The citizen's view with the survey's own item renderer, and the surveyor's keying view (codes and keys). */
  function previewView(q: Questionnaire): HTMLElement {
    const tx = t();
    const st = surveyStrings[s.lang];
    const keys = (item: Questionnaire['sections'][number]['items'][number]) =>
      item.scale === 'likert5' ? tx.qKeysLikert
        : item.scale === 'text' ? tx.qKeysText
          : item.scale === 'number' ? tx.qKeysNumber
            : (item.options ?? []).map((o, i) => `${i + 1} = ${say(o.label, s.lang).textContent}`).join('; ');
    return h('section', { class: 'preview', 'aria-labelledby': 'q-preview-title' },
      h('h2', { id: 'q-preview-title', tabindex: '-1' }, fill(tx.qPreviewTitle, { key: q.key ?? `${q.code}@${q.version}` })),
      button(tx.qClosePreview, () => { preview = undefined; s.paint(); }),
      h('h3', null, tx.qCitizen),
      h('div', { class: 'citizen-preview', id: 'q-citizen' },
        h('p', { class: 'lead' }, say(q.title, s.lang)),
        q.sections.map((part, i) => h('div', { class: 'part' },
          h('h4', null, fill(tx.qPart, { n: i + 1, title: say(part.title, s.lang).textContent ?? '' })),
          part.items.map((item) => renderItem(item, undefined, undefined, s.lang, st, () => undefined))))),
      h('h3', null, tx.qSurveyor),
      h('table', { class: 'grid', id: 'q-surveyor' },
        h('thead', null, h('tr', null, [tx.code, tx.name, tx.qKeys].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, q.sections.flatMap((part) => part.items.map((item) =>
          h('tr', null, h('td', null, h('code', null, item.code)), h('td', null, say(item.text, s.lang)), h('td', null, keys(item))))))),
      h('p', { class: 'hint' }, LIKERT.map((v) => `${v} = ${st[`l${v}` as 'l0']}`).join('; ')));
  }

  return s.screen;
}
