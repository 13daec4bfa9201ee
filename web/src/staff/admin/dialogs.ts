import { h, say } from '../../shared/dom';
import { fill, type Lang } from '../../shared/i18n';
import { qrUrl, type ServicePointRow } from './api';
import type { AdminText } from './strings';
import { localized } from './text';

export interface DialogState {
  kind: 'retire' | 'qr';
  row: ServicePointRow;
  busy?: boolean;
  error?: string;
}

export interface DialogActions {
  close: () => void;
  retire: (row: ServicePointRow) => void;
  copy: (link: string) => void;
}

/**
 * A native <dialog>: shown modal where the browser supports it (focus stays inside, Escape closes),
 * otherwise simply open. Escape is handled here too, for the browsers (and jsdom) without showModal.
 */
export function dialog(s: DialogState, t: AdminText, lang: Lang, on: DialogActions): HTMLDialogElement {
  const { row } = s;
  const name = say(localized(row.nameVi, row.nameEn), lang).textContent ?? row.nameVi;
  const body =
    s.kind === 'retire'
      ? [
          h('h2', { id: 'sp-dialog-title' }, fill(t.retireTitle, { code: row.code })),
          h('p', { id: 'sp-dialog-text' }, fill(t.retireText, { name })),
          s.error ? h('p', { class: 'err', role: 'alert' }, s.error) : null,
          h(
            'div',
            { class: 'nav' },
            h(
              'button',
              { type: 'button', class: 'btn danger', id: 'sp-confirm', disabled: !!s.busy, onclick: () => on.retire(row) },
              s.busy ? t.retiring : t.retireConfirm,
            ),
            h('button', { type: 'button', class: 'btn', id: 'sp-dialog-cancel', onclick: on.close }, t.cancel),
          ),
        ]
      : [
          h('h2', { id: 'sp-dialog-title' }, fill(t.qrTitle, { code: row.code })),
          h('p', { id: 'sp-dialog-text' }, say(localized(row.nameVi, row.nameEn), lang)),
          h('img', { class: 'qr', src: qrUrl(row.code), alt: fill(t.qrAlt, { link: row.link }), width: 240, height: 240 }),
          h(
            'div',
            { class: 'field' },
            h('label', { for: 'sp-link' }, t.linkLabel),
            h('input', { id: 'sp-link', type: 'text', readOnly: true, value: row.link }),
          ),
          h('p', { id: 'sp-copy-status', role: 'status' }),
          h(
            'div',
            { class: 'nav' },
            h('button', { type: 'button', class: 'btn primary', id: 'sp-copy', onclick: () => on.copy(row.link) }, t.copyLink),
            h('a', { class: 'btn', href: qrUrl(row.code), download: `sipas-${row.code}.svg` }, t.download),
            h('button', { type: 'button', class: 'btn', id: 'sp-dialog-cancel', onclick: on.close }, t.close),
          ),
        ];
  const el = h(
    'dialog',
    {
      id: 'sp-dialog',
      class: 'sp-dialog',
      'aria-labelledby': 'sp-dialog-title',
      'aria-describedby': 'sp-dialog-text',
      oncancel: (e: Event) => {
        e.preventDefault();
        on.close();
      },
      onkeydown: (e: KeyboardEvent) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          on.close();
        }
      },
    },
    body,
  );
  return el;
}

/** Opens the dialog once it is in the document, then focuses its safe button (Cancel / Copy). */
export function show(el: HTMLDialogElement): void {
  if (typeof el.showModal === 'function') {
    if (!el.open) el.showModal();
  } else el.setAttribute('open', '');
  el.querySelector<HTMLElement>('#sp-dialog-cancel')?.focus();
}
