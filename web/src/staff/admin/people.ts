import { h, type Children } from '../../shared/dom';
import { fill } from '../../shared/i18n';
import { adminScreen } from './admin-screen';
import type { AdminApi } from './api';
import type { ConsoleText } from './console-strings';
import { button, checked, checks, field, grid, list, problemLines, text, time, valueOf } from './ui';

interface UserRow {
  userName: string;
  displayName: string;
  roles: string[];
  createdAt: string;
  disabledAt: string | null;
  mustChangePassword: boolean;
}

const ROLES = ['admin', 'analyst', 'supervisor', 'surveyor'] as const;
const enc = encodeURIComponent;

/** Staff accounts: create (one-time password shown once), disable and enable, reset a password. */
export function usersScreen(doc: Document, api: AdminApi) {
  let rows: UserRow[] | undefined;
  let secret: { userName: string; password: string } | undefined;
  const s = adminScreen(doc, { section: 'users', id: 'p', title: (tx) => tx.uTitle, docTitle: (tx) => tx.uDocTitle, load, view });

  async function load(): Promise<void> {
    rows = s.read(await api.call<UserRow[]>('GET', '/api/admin/users')) ?? rows;
  }

  function view(tx: ConsoleText): Children[] {
    return [
      secret ? h('div', { class: 'secret', id: 'p-secret', tabindex: '-1' },
        h('p', null, h('strong', null, fill(tx.uOneTime, { userName: secret.userName, password: '' })), h('code', { id: 'p-password' }, secret.password)),
        h('p', { class: 'hint' }, tx.uOneTimeHint)) : null,
      h('section', { 'aria-labelledby': 'p-form-title' }, h('h2', { id: 'p-form-title' }, tx.uCreate),
        field('p-userName', tx.uUserName, text('p-userName')), field('p-displayName', tx.uDisplayName, text('p-displayName')),
        checks('p-roles', tx.uRoles, ROLES.map((r) => [r, tx[r]]), []),
        h('div', { class: 'nav' }, button(tx.uCreate, () => s.run(create), 'btn primary', 'p-create'))),
      !rows ? h('p', null, tx.loading) : grid('p-rows', tx.uCaption, [tx.uUserName, tx.uDisplayName, tx.uRoles, tx.status, tx.actions],
        rows.map((u) => h('tr', { 'data-user': u.userName },
          h('td', null, h('code', null, u.userName)), h('td', null, u.displayName),
          h('td', null, u.roles.map((r) => (ROLES as readonly string[]).includes(r) ? tx[r as (typeof ROLES)[number]] : r).join(', ')),
          h('td', null, u.disabledAt ? tx.uDisabled : u.mustChangePassword ? tx.uMustChange : tx.uActive),
          h('td', { class: 'actions' },
            button(u.disabledAt ? tx.uEnable : tx.uDisable, () => s.run(() => act(u, u.disabledAt ? 'enable' : 'disable')), 'btn small'),
            button(tx.uReset, () => s.run(() => act(u, 'reset-password')), 'btn small'))))),
    ];
  }

  async function create(): Promise<void> {
    const root = s.main;
    const r = await api.call<{ user: UserRow; password: string }>('POST', '/api/admin/users', {
      userName: valueOf(root, 'p-userName'), displayName: valueOf(root, 'p-displayName'), roles: checked(root, 'p-roles'),
    });
    await after(r.ok ? { userName: r.data.user.userName, password: r.data.password } : undefined, r.ok ? [] : [s.t.errSummary, ...problemLines(r, s.t)]);
  }

  async function act(u: UserRow, action: 'enable' | 'disable' | 'reset-password'): Promise<void> {
    const r = await api.call<{ password?: string }>('POST', `/api/admin/users/${enc(u.userName)}/${action}`);
    await after(r.ok && r.data.password ? { userName: u.userName, password: r.data.password } : undefined, r.ok ? [] : problemLines(r, s.t));
  }

  /** The one-time password, shown once and focused; or the faults. */
  async function after(shown: typeof secret, problems: string[]): Promise<void> {
    secret = shown;
    s.faults = problems;
    s.notice = '';
    if (!problems.length) await load();
    s.paint(false, problems.length ? '#p-faults' : shown ? '#p-secret' : undefined);
  }

  return s.screen;
}

interface AuditRow {
  id: number;
  at: string;
  userName: string | null;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

const ENTITIES = ['questionnaire', 'wave', 'target', 'par_scoring_rule', 'agency', 'commune', 'service_point', 'user', 'client_system', 'snapshot',
  'paper_keying', 'response'];

/** Who did what, newest first, filtered by kind of entity or by user, a page at a time. */
export function auditScreen(doc: Document, api: AdminApi) {
  let rows: AuditRow[] = [];
  let next: number | null = null;
  let loadedOnce = false;
  let filter = { entity: '', user: '' };
  const s = adminScreen(doc, { section: 'audit', id: 'l', title: (tx) => tx.lTitle, docTitle: (tx) => tx.lDocTitle, load: () => load(), view });

  async function load(more = false): Promise<void> {
    const q = new URLSearchParams();
    if (filter.entity) q.set('entity', filter.entity);
    if (filter.user) q.set('user', filter.user);
    if (more && next) q.set('before', String(next));
    const page = s.read(await api.call<{ entries: AuditRow[]; nextBefore: number | null }>('GET', `/api/admin/audit?${q}`));
    loadedOnce = true;
    if (page) {
      rows = more ? rows.concat(page.entries) : page.entries;
      next = page.nextBefore;
      s.faults = [];
    }
  }

  const short = (v: unknown) => (v == null ? '' : JSON.stringify(v).slice(0, 300));

  function view(tx: ConsoleText): Children[] {
    return [
      h('div', { class: 'filters' },
        field('l-entity', tx.lFilterEntity, h('select', { id: 'l-entity' }, h('option', { value: '' }, tx.lAll),
          ENTITIES.map((e) => h('option', { value: e, selected: e === filter.entity }, e)))),
        field('l-user', tx.lFilterUser, text('l-user', filter.user)),
        button(tx.lApply, () => {
          filter = { entity: valueOf(s.main, 'l-entity'), user: valueOf(s.main, 'l-user') };
          s.run(s.reload);
        }, 'btn', 'l-apply')),
      !loadedOnce ? h('p', null, tx.loading) : grid('l-rows', tx.lCaption, [tx.lAt, tx.lUser, tx.lEntity, tx.lAction, tx.lChange],
        rows.map((a) => h('tr', null, h('td', null, time(a.at)), h('td', null, a.userName ?? ''),
          h('td', null, `${a.entity} `, h('code', null, a.entityId)), h('td', null, a.action),
          h('td', { class: 'json' }, [short(a.before), short(a.after)].filter(Boolean).join(' → '))))),
      next ? button(tx.lMore, () => s.run(async () => { await load(true); s.paint(); }), 'btn', 'l-more') : null,
    ];
  }

  return s.screen;
}

interface ClientRow {
  code: string;
  name: string;
  keyPrefix: string;
  agencyCodes: string[];
  webhookUrl: string | null;
  createdAt: string;
  revokedAt: string | null;
}

interface DeliveryRow {
  id: number;
  snapshotId: number;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
}

/** Machine clients: register (API key and webhook secret shown once), revoke, and the webhook deliveries of each. */
export function clientsScreen(doc: Document, api: AdminApi) {
  let rows: ClientRow[] | undefined;
  let secret: { key: string; webhook: string | null } | undefined;
  let deliveries: { code: string; rows: DeliveryRow[] } | undefined;
  const s = adminScreen(doc, { section: 'clients', id: 'k', title: (tx) => tx.kTitle, docTitle: (tx) => tx.kDocTitle, load, view });

  async function load(): Promise<void> {
    rows = s.read(await api.call<ClientRow[]>('GET', '/api/admin/clients')) ?? rows;
  }

  function view(tx: ConsoleText): Children[] {
    return [
      secret ? h('div', { class: 'secret', id: 'k-secret', tabindex: '-1' },
        h('p', null, fill(tx.kKey, { key: '' }), h('code', { id: 'k-key' }, secret.key)),
        secret.webhook ? h('p', null, fill(tx.kSecret, { secret: '' }), h('code', null, secret.webhook)) : null) : null,
      h('section', { 'aria-labelledby': 'k-form-title' }, h('h2', { id: 'k-form-title' }, tx.kCreate),
        field('k-code', tx.code, text('k-code')), field('k-name', tx.name, text('k-name')),
        field('k-agencies', tx.kAgencies, text('k-agencies')), field('k-webhook', tx.kWebhook, text('k-webhook', '', 'url')),
        h('div', { class: 'nav' }, button(tx.kCreate, () => s.run(create), 'btn primary', 'k-create'))),
      !rows ? h('p', null, tx.loading) : grid('k-rows', tx.kCaption, [tx.code, tx.name, tx.kPrefix, tx.navAgencies, tx.kWebhook, tx.status, tx.actions],
        rows.map((c) => h('tr', null, h('td', null, h('code', null, c.code)), h('td', null, c.name), h('td', null, h('code', null, c.keyPrefix)),
          h('td', null, c.agencyCodes.join(', ')), h('td', null, c.webhookUrl ?? ''),
          h('td', null, c.revokedAt ? `${tx.kRevoked} ${time(c.revokedAt)}` : tx.uActive),
          h('td', { class: 'actions' }, button(tx.kDeliveries, () => s.run(() => showDeliveries(c)), 'btn small'),
            c.revokedAt ? null : button(tx.kRevoke, () => s.run(() => revoke(c)), 'btn small danger'))))),
      deliveries ? grid('k-deliveries', `${tx.kDeliveries}: ${deliveries.code}`, ['#', 'Snapshot', tx.status, 'HTTP', tx.lAt],
        deliveries.rows.map((d) => h('tr', null, h('td', null, d.id), h('td', null, d.snapshotId),
          h('td', null, `${d.status} (${d.attempts})`), h('td', null, d.lastStatusCode ?? d.lastError ?? ''), h('td', null, time(d.createdAt))))) : null,
    ];
  }

  async function create(): Promise<void> {
    const root = s.main;
    const r = await api.call<{ apiKey: string; webhookSecret: string | null }>('POST', '/api/admin/clients', {
      code: valueOf(root, 'k-code'), name: valueOf(root, 'k-name'), agencyCodes: list(valueOf(root, 'k-agencies')),
      webhookUrl: valueOf(root, 'k-webhook') || null,
    });
    secret = r.ok ? { key: r.data.apiKey, webhook: r.data.webhookSecret } : undefined;
    s.faults = r.ok ? [] : [s.t.errSummary, ...problemLines(r, s.t)];
    if (r.ok) await s.reload();
    s.paint(false, r.ok ? '#k-secret' : '#k-faults');
  }

  async function revoke(c: ClientRow): Promise<void> {
    const r = await api.call('POST', `/api/admin/clients/${enc(c.code)}/revoke`);
    s.faults = r.ok ? [] : problemLines(r, s.t);
    await s.reload();
  }

  async function showDeliveries(c: ClientRow): Promise<void> {
    const r = await api.call<DeliveryRow[]>('GET', `/api/admin/clients/${enc(c.code)}/deliveries`);
    deliveries = r.ok ? { code: c.code, rows: r.data } : undefined;
    s.faults = r.ok ? [] : problemLines(r, s.t);
    s.paint(false, '#k-deliveries');
  }

  return s.screen;
}
