import { h, replaceChildren } from '../shared/dom';
import { applyLang, bindLangSwitch, fill, saveLang, savedLang, type Lang } from '../shared/i18n';
import { citizenOutbox, keepFlushing } from '../shared/outbox';
import { browserStore } from '../shared/storage';
import { strings } from './strings';

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** "xd-01 " → "/s/XD-01"; undefined when the text cannot be a service point code. */
export function surveyPath(input: string): string | undefined {
  const code = input.trim().toUpperCase();
  return CODE.test(code) ? `/s/${encodeURIComponent(code)}` : undefined;
}

export function startLanding(doc: Document = document) {
  const store = browserStore();
  let lang: Lang = savedLang(store);
  const main = doc.getElementById('main') as HTMLElement;
  const footer = doc.getElementById('footer');
  const outbox = citizenOutbox(store);
  const note = h('p', { id: 'outbox', role: 'status' });
  let error = '';
  let lastSent = '';

  function render(): void {
    // Re-rendering (language switch, outbox progress) must never wipe what the person is typing.
    const previous = doc.getElementById('code') as HTMLInputElement | null;
    const typed = previous?.value ?? '';
    const focused = previous !== null && doc.activeElement === previous;
    const t = strings[lang];
    doc.title = t.docTitle;
    if (footer) footer.textContent = t.footer;
    const waiting = outbox.pending().length;
    note.textContent = lastSent ? fill(t.sent, { receipt: lastSent }) : waiting ? fill(t.pending, { count: waiting }) : '';
    note.className = note.textContent ? 'note' : '';
    const input = h('input', {
      id: 'code',
      name: 'code',
      type: 'text',
      autocomplete: 'off',
      autocapitalize: 'characters',
      spellcheck: 'false',
      maxlength: 64,
      'aria-describedby': error ? 'code-hint code-err' : 'code-hint',
      'aria-invalid': error ? 'true' : undefined,
    });
    replaceChildren(
      main,
      h('h1', null, t.title, h('span', { class: 'sr' }, ' — '), h('span', { class: 'lead' }, t.lead)),
      h('p', null, t.about),
      note,
      h(
        'section',
        { 'aria-labelledby': 'rate' },
        h('h2', { id: 'rate' }, t.rateTitle),
        h('p', null, t.rateText),
        h(
          'form',
          { class: 'code-form', novalidate: true, onsubmit: (e: Event) => go(e, input) },
          h('label', { for: 'code' }, t.codeLabel),
          h('p', { class: 'hint', id: 'code-hint' }, t.codeHint),
          h('div', { class: 'row' }, input, h('button', { type: 'submit', class: 'btn primary' }, t.go)),
          h('p', { id: 'code-err', class: 'err', role: 'alert' }, error),
        ),
      ),
      h(
        'section',
        { 'aria-labelledby': 'staff' },
        h('h2', { id: 'staff' }, t.staffTitle),
        h('ul', { class: 'links' }, h('li', null, h('a', { href: '/staff' }, t.staff)), h('li', null, h('a', { href: '/api-docs' }, t.apiDocs))),
      ),
    );
    input.value = typed;
    if (focused) input.focus();
  }

  function go(e: Event, input: HTMLInputElement): void {
    e.preventDefault();
    const t = strings[lang];
    const path = surveyPath(input.value);
    if (path) return void doc.location.assign(path);
    error = input.value.trim() ? t.codeInvalid : t.codeMissing;
    render();
    doc.getElementById('code')?.focus();
  }

  applyLang(lang, doc);
  bindLangSwitch(doc.getElementById('lang') as HTMLButtonElement, () => lang, (l) => {
    lang = l;
    saveLang(store, l);
    applyLang(l, doc);
    error = '';
    render();
  });
  render();
  // Responses left waiting by the survey page are sent from any citizen page.
  keepFlushing(outbox, (d) => {
    if (d.kind === 'sent') lastSent = d.receipt.receipt;
    render();
  });
}

