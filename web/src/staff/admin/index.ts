import type { StaffUser } from '../../shared/api';
import { h } from '../../shared/dom';
import type { Lang } from '../../shared/i18n';
import './admin.css';
import type { Screen } from './admin-screen';
import { AdminApi } from './api';
import { cs } from './console-strings';
import { unitsScreen, targetsScreen } from './reference';
import { parRulesScreen } from './par-rules';
import { auditScreen, clientsScreen, usersScreen } from './people';
import { questionnairesScreen } from './questionnaires';
import { servicePointsScreen } from './service-points';
import { strings } from './strings';
import { SECTIONS, sectionPath, type Section } from './ui';
import { wavesScreen } from './waves';

/** The admin screens' one hook into the staff shell (staff.ts): routes under /staff/admin/… and links on the home screen. */
export const SERVICE_POINTS_PATH = sectionPath('service-points');

export const isAdmin = (u: StaffUser | undefined) => !!u?.roles.includes('admin');

export function adminArea(doc: Document, api?: AdminApi) {
  const screens = new Map<Section, Screen>();
  const shared = api ?? new AdminApi();
  const section = (): Section | undefined => {
    const m = /^\/staff\/admin\/([a-z-]+)\/?$/.exec(doc.location?.pathname ?? '');
    return SECTIONS.find(([s]) => s === m?.[1])?.[0];
  };
  const make = (s: Section): Screen => {
    switch (s) {
      case 'service-points': return servicePointsScreen(doc, api);
      case 'questionnaires': return questionnairesScreen(doc, shared);
      case 'waves': return wavesScreen(doc, shared);
      case 'targets': return targetsScreen(doc, shared);
      case 'par-rules': return parRulesScreen(doc, shared);
      case 'agencies': return unitsScreen(doc, shared, 'agencies');
      case 'communes': return unitsScreen(doc, shared, 'communes');
      case 'users': return usersScreen(doc, shared);
      case 'audit': return auditScreen(doc, shared);
      case 'clients': return clientsScreen(doc, shared);
    }
  };
  const screen = (s: Section) => screens.get(s) ?? screens.set(s, make(s)).get(s)!;
  return {
    /** True when the signed-in user is an admin at an admin address: the shell then lets `render` draw. */
    shows: (u: StaffUser) => isAdmin(u) && !!section(),
    render: (main: HTMLElement, lang: Lang, focus = false) => screen(section()!).render(main, lang, focus),
    /** For the home screen: the links for admins; for anyone else who followed one, why there is no screen. */
    link: (u: StaffUser, lang: Lang): Node[] =>
      isAdmin(u)
        ? [h('nav', { 'aria-label': cs[lang].navLabel, class: 'admin-links' },
            h('ul', null, SECTIONS.map(([s, key]) =>
              h('li', null, h('a', { href: sectionPath(s), class: 'btn' }, s === 'service-points' ? strings[lang].link : cs[lang][key])))))]
        : section()
          ? [h('p', { class: 'err' }, strings[lang].notAdmin)]
          : [],
    ready: () => {
      const s = section();
      return s && screens.has(s) ? screens.get(s)!.ready() : Promise.resolve();
    },
  };
}
