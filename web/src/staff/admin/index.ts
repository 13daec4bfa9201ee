import type { StaffUser } from '../../shared/api';
import { h } from '../../shared/dom';
import type { Lang } from '../../shared/i18n';
import './admin.css';
import type { AdminApi } from './api';
import { servicePointsScreen } from './service-points';
import { strings } from './strings';

/** The admin screens' one hook into the staff shell (staff.ts): a route and a link on the home screen. */
export const SERVICE_POINTS_PATH = '/staff/admin/service-points';

export const isAdmin = (u: StaffUser | undefined) => !!u?.roles.includes('admin');

export function adminArea(doc: Document, api?: AdminApi) {
  let screen: ReturnType<typeof servicePointsScreen> | undefined;
  const here = () => /^\/staff\/admin\/service-points\/?$/.test(doc.location?.pathname ?? '');
  return {
    /** True when the signed-in user is an admin at the admin address: the shell then lets `render` draw. */
    shows: (u: StaffUser) => isAdmin(u) && here(),
    render: (main: HTMLElement, lang: Lang, focus = false) => (screen ??= servicePointsScreen(doc, api)).render(main, lang, focus),
    /** For the home screen: the link for admins; for anyone else who followed it, why there is no screen. */
    link: (u: StaffUser, lang: Lang): Node[] =>
      isAdmin(u)
        ? [h('p', null, h('a', { href: SERVICE_POINTS_PATH, class: 'btn' }, strings[lang].link))]
        : here()
          ? [h('p', { class: 'err' }, strings[lang].notAdmin)]
          : [],
    ready: () => screen?.ready() ?? Promise.resolve(),
  };
}
