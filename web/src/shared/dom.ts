import { pick, type Lang, type LocalizedText } from './i18n';

type Child = Node | string | number | null | undefined | false;
export type Children = Child | Children[];
type Attrs = Record<string, unknown> | null;

const PROPS = new Set(['checked', 'disabled', 'required', 'hidden', 'value', 'multiple', 'readOnly']);

/**
 * A small element builder: h('p', { class: 'x', onclick: f }, 'text', child).
 * `on…` attributes become listeners, a few names are set as properties, the rest as attributes.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs,
  ...children: Children[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value == null || value === false) continue;
      if (name.startsWith('on') && typeof value === 'function') {
        el.addEventListener(name.slice(2), value as EventListener);
      } else if (PROPS.has(name)) {
        (el as unknown as Record<string, unknown>)[name] = value;
      } else {
        el.setAttribute(name, value === true ? '' : String(value));
      }
    }
  }
  append(el, children);
  return el;
}

function append(el: Node, children: Children[]): void {
  for (const c of children) {
    if (Array.isArray(c)) append(el, c);
    else if (c != null && c !== false) el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

export function replaceChildren(el: Element, ...children: Children[]): void {
  while (el.firstChild) el.removeChild(el.firstChild);
  append(el, children);
}

/** Moves focus to a heading (made focusable for that) so screen readers announce the new step. */
export function focusHeading(el: HTMLElement | null): void {
  if (!el) return;
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.focus();
  const page = document.scrollingElement ?? document.documentElement;
  page.scrollTop = 0;
}

/**
 * Server text in the page's language; when English is missing the Vietnamese text is marked
 * lang="vi" so that a screen reader reading an English page pronounces it as Vietnamese.
 */
export function say(text: LocalizedText | string | null | undefined, lang: Lang): Node {
  const s = pick(text, lang);
  const fallback = lang === 'en' && text != null && typeof text === 'object' && !text.en;
  return fallback ? h('span', { lang: 'vi' }, s) : document.createTextNode(s);
}
