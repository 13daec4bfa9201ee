import type { StaffApi, StaffUser } from '../../shared/api';
import { h } from '../../shared/dom';
import type { Lang } from '../../shared/i18n';
import { EntryApi } from './api';
import { entryScreen } from './entry';
import { strings } from './strings';

/** The paper-form entry screen's one hook into the staff shell (staff.ts): a route and a link on the home screen. */
export const ENTRY_PATH = '/staff/entry';

export const isSurveyor = (u: StaffUser | undefined) => !!u?.roles.includes('surveyor') || !!u?.roles.includes('admin');

export function entryArea(doc: Document, staff: StaffApi) {
  let screen: ReturnType<typeof entryScreen> | undefined;
  const here = () => /^\/staff\/entry\/?$/.test(doc.location?.pathname ?? '');
  return {
    shows: (u: StaffUser) => isSurveyor(u) && here(),
    render: (main: HTMLElement, lang: Lang, focus = false) => (screen ??= entryScreen(doc, new EntryApi(staff))).render(main, lang, focus),
    link: (u: StaffUser, lang: Lang): Node[] =>
      isSurveyor(u)
        ? [h('p', null, h('a', { href: ENTRY_PATH, class: 'btn' }, strings[lang].link))]
        : here()
          ? [h('p', { class: 'err' }, strings[lang].notSurveyor)]
          : [],
    ready: () => screen?.ready() ?? Promise.resolve(),
  };
}
