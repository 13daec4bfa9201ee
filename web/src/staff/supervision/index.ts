import type { StaffApi, StaffUser } from '../../shared/api';
import { h } from '../../shared/dom';
import type { Lang } from '../../shared/i18n';
import { SupervisionApi } from './api';
import { supervisionScreen } from './screen';
import { strings } from './strings';
import './supervision.css';

/** The supervisors' screen's one hook into the staff shell (staff.ts): a route and a link on the home screen. */
export const SUPERVISION_PATH = '/staff/supervision';

export const isSupervisor = (u: StaffUser | undefined) => !!u?.roles.includes('supervisor') || !!u?.roles.includes('admin');

export function supervisionArea(doc: Document, staff: StaffApi) {
  let screen: ReturnType<typeof supervisionScreen> | undefined;
  const here = () => /^\/staff\/supervision\/?$/.test(doc.location?.pathname ?? '');
  return {
    shows: (u: StaffUser) => isSupervisor(u) && here(),
    render: (main: HTMLElement, lang: Lang, focus = false) => (screen ??= supervisionScreen(doc, new SupervisionApi(staff))).render(main, lang, focus),
    link: (u: StaffUser, lang: Lang): Node[] =>
      isSupervisor(u)
        ? [h('p', null, h('a', { href: SUPERVISION_PATH, class: 'btn' }, strings[lang].link))]
        : here()
          ? [h('p', { class: 'err' }, strings[lang].notSupervisor)]
          : [],
    ready: () => screen?.ready() ?? Promise.resolve(),
  };
}
