import { DEFAULT_KYC_SETTINGS, type ReviewerRole } from '@kyc-review/contracts';

// Every /api route, written out by hand, with how the security suite exercises it and the
// role it needs. The suite checks this table against the app's real route list (Hono's
// `app.routes`), so a new route without a row here fails it: no route escapes the tenancy,
// CSRF, body and role tests (roles.test.ts checks each `role` against the running app).

/** Another install's records, as install A would try to reach them. */
export type ForeignIds = {
  readonly identityId: string;
  readonly hitId: string;
  readonly alertId: string;
  /** An identity with tokenized fields (first_name always is): what reveal works on. */
  readonly tokenizedId: string;
  /** A text only B's identity carries (for search terms). */
  readonly marker: string;
  /** A reviewer of the install (its admin), an open invitation, and a remembered browser of that admin. */
  readonly reviewerId: string;
  readonly invitationId: string;
  readonly deviceId: string;
  /** A staged watchlist import waiting for confirmation, and a restorable earlier watchlist version (not A's). */
  readonly importId: string;
  readonly watchlistVersion: string;
  /** A saved queue view of the install's signed-in reviewer. */
  readonly savedViewId: string;
};

export type Body = { readonly contentType: 'application/json' | 'text/csv'; readonly text: string };

export type ApiRoute = {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route as Hono registers it. */
  readonly pattern: string;
  /**
   * `foreign-id`: the path names B's records and must answer 404 with nothing of B.
   * `own-scope`: the path takes no record id (the tenant is the session); it must answer
   * 2xx with nothing of B, B's marker being the search term where the route searches.
   * `session`: a sign-in step on the caller's own launch (/api/session/*) or a change to the
   * caller's own account (/api/account/*): no record of the install is named.
   */
  readonly tenancy: 'foreign-id' | 'own-scope' | 'session';
  readonly path: (ids: ForeignIds) => string;
  /** A well-formed body, for routes that take one. */
  readonly body?: Body;
  /**
   * Who may call it (decision 017): `launched` works on a launch with nobody signed in
   * (the /api/session routes); otherwise a signed-in reviewer with at least this role.
   */
  readonly role: 'launched' | ReviewerRole;
  /** What a genuine call by the suite's signed-in admin answers, when not 2xx (a sign-in step with made-up credentials). */
  readonly genuineStatus?: number;
};

const json = (value: unknown): Body => ({ contentType: 'application/json', text: JSON.stringify(value) });
const csv = (text: string): Body => ({ contentType: 'text/csv', text });

/** Well-formed, but no invitation has it. */
const UNKNOWN_INVITATION_CODE = 'x'.repeat(43);

export const WATCHLIST_CSV =
  'name,aliases,dob,country,list,topic\nTestperson Securitysuite,,1970-01-01,,Security Suite List,pep\n';

export const API_ROUTES: readonly ApiRoute[] = [
  { method: 'GET', pattern: '/api/session', tenancy: 'own-scope', role: 'launched', path: () => '/api/session' },
  {
    method: 'POST',
    pattern: '/api/session/totp-enrolment',
    tenancy: 'session',
    role: 'launched',
    path: () => '/api/session/totp-enrolment',
    body: json({ label: 'someone@example.test' }),
  },
  {
    method: 'POST',
    pattern: '/api/session/bootstrap',
    tenancy: 'session',
    role: 'launched',
    path: () => '/api/session/bootstrap',
    body: json({
      display_name: 'Second Admin',
      email: 'second@example.test',
      password: 'a fine long password',
      totp_code: '123456',
    }),
    genuineStatus: 409,
  },
  {
    method: 'POST',
    pattern: '/api/session/sign-in',
    tenancy: 'session',
    role: 'launched',
    path: () => '/api/session/sign-in',
    body: json({ email: 'nobody@example.test', password: 'not the password' }),
    genuineStatus: 401,
  },
  {
    method: 'POST',
    pattern: '/api/session/second-factor',
    tenancy: 'session',
    role: 'launched',
    path: () => '/api/session/second-factor',
    body: json({ code: '000000' }),
    genuineStatus: 401,
  },
  {
    method: 'POST',
    pattern: '/api/session/step-up',
    tenancy: 'session',
    role: 'launched',
    path: () => '/api/session/step-up',
    body: json({ code: '000000' }),
    genuineStatus: 401,
  },
  {
    method: 'POST',
    pattern: '/api/session/totp-setup',
    tenancy: 'session',
    role: 'launched',
    path: () => '/api/session/totp-setup',
    body: json({ totp_code: '123456' }),
    genuineStatus: 401,
  },
  {
    method: 'POST',
    pattern: '/api/session/invitation',
    tenancy: 'session',
    role: 'launched',
    path: () => '/api/session/invitation',
    body: json({ code: UNKNOWN_INVITATION_CODE }),
    genuineStatus: 404,
  },
  {
    method: 'POST',
    pattern: '/api/session/invitation/redeem',
    tenancy: 'session',
    role: 'launched',
    path: () => '/api/session/invitation/redeem',
    body: json({ code: UNKNOWN_INVITATION_CODE, password: 'a fine long password' }),
    genuineStatus: 404,
  },
  {
    method: 'GET',
    pattern: '/api/identities',
    tenancy: 'own-scope',
    role: 'reviewer',
    path: (ids) => `/api/identities?q=${encodeURIComponent(ids.marker)}`,
  },
  {
    method: 'GET',
    pattern: '/api/identities/:identityId',
    tenancy: 'foreign-id',
    role: 'reviewer',
    path: (ids) => `/api/identities/${ids.identityId}`,
  },
  {
    method: 'GET',
    pattern: '/api/identities/:identityId/balances',
    tenancy: 'foreign-id',
    role: 'reviewer',
    path: (ids) => `/api/identities/${ids.identityId}/balances`,
  },
  {
    method: 'GET',
    pattern: '/api/identities/:identityId/transactions',
    tenancy: 'foreign-id',
    role: 'reviewer',
    path: (ids) => `/api/identities/${ids.identityId}/transactions`,
  },
  {
    method: 'POST',
    pattern: '/api/identities/:identityId/alerts',
    tenancy: 'foreign-id',
    role: 'reviewer',
    path: (ids) => `/api/identities/${ids.identityId}/alerts`,
    body: json({ title: 'Raised by A', description: 'A was here' }),
  },
  {
    method: 'GET',
    pattern: '/api/alerts',
    tenancy: 'foreign-id',
    role: 'reviewer',
    path: (ids) => `/api/alerts?identity_id=${ids.identityId}`,
  },
  {
    method: 'GET',
    pattern: '/api/alerts/statuses',
    tenancy: 'own-scope',
    role: 'reviewer',
    path: () => '/api/alerts/statuses',
  },
  {
    method: 'GET',
    pattern: '/api/alerts/:alertId',
    tenancy: 'foreign-id',
    role: 'reviewer',
    path: (ids) => `/api/alerts/${ids.alertId}`,
  },
  {
    method: 'PATCH',
    pattern: '/api/alerts/:alertId',
    tenancy: 'foreign-id',
    role: 'reviewer',
    path: (ids) => `/api/alerts/${ids.alertId}`,
    body: json({ status: 'RESOLVED', description: 'A was here' }),
  },
  {
    method: 'GET',
    pattern: '/api/cases',
    tenancy: 'own-scope',
    role: 'reviewer',
    path: (ids) => `/api/cases?q=${encodeURIComponent(ids.marker)}`,
  },
  {
    method: 'POST',
    pattern: '/api/cases/refresh',
    tenancy: 'own-scope',
    role: 'reviewer',
    path: () => '/api/cases/refresh',
  },
  {
    method: 'GET',
    pattern: '/api/cases/:identityId',
    tenancy: 'foreign-id',
    role: 'reviewer',
    path: (ids) => `/api/cases/${ids.identityId}`,
  },
  {
    method: 'POST',
    pattern: '/api/cases/:identityId/decisions',
    tenancy: 'foreign-id',
    role: 'reviewer',
    path: (ids) => `/api/cases/${ids.identityId}/decisions`,
    body: json({ action: 'escalate', note: 'A was here' }),
  },
  {
    method: 'POST',
    pattern: '/api/cases/:identityId/hits/:hitId',
    tenancy: 'foreign-id',
    role: 'reviewer',
    path: (ids) => `/api/cases/${ids.identityId}/hits/${ids.hitId}`,
    body: json({ disposition: 'confirmed', reason_code: 'confirmed_same_person', note: 'A was here' }),
  },
  {
    method: 'POST',
    pattern: '/api/cases/:identityId/override',
    tenancy: 'foreign-id',
    role: 'lead',
    // The tokenized identity: its skipped screening is a blocker a lead can override.
    path: (ids) => `/api/cases/${ids.tokenizedId}/override`,
    body: json({ reason_code: 'other', note: 'A was here' }),
  },
  {
    method: 'POST',
    pattern: '/api/cases/:identityId/hits/:hitId/reversal',
    tenancy: 'foreign-id',
    role: 'lead',
    path: (ids) => `/api/cases/${ids.identityId}/hits/${ids.hitId}/reversal`,
    body: json({ note: 'A was here' }),
  },
  {
    method: 'POST',
    pattern: '/api/cases/:identityId/reveal',
    tenancy: 'foreign-id',
    role: 'reviewer',
    path: (ids) => `/api/cases/${ids.tokenizedId}/reveal`,
    body: json({ field: 'first_name' }),
  },
  {
    method: 'GET',
    pattern: '/api/cases/:identityId/history',
    tenancy: 'foreign-id',
    role: 'reviewer',
    path: (ids) => `/api/cases/${ids.identityId}/history`,
  },
  {
    method: 'GET',
    pattern: '/api/cases/:identityId/notes',
    tenancy: 'foreign-id',
    role: 'reviewer',
    path: (ids) => `/api/cases/${ids.identityId}/notes`,
  },
  {
    method: 'POST',
    pattern: '/api/cases/:identityId/notes',
    tenancy: 'foreign-id',
    role: 'reviewer',
    path: (ids) => `/api/cases/${ids.identityId}/notes`,
    body: json({ text: 'A was here' }),
  },
  {
    method: 'GET',
    pattern: '/api/cases/:identityId/info-requests',
    tenancy: 'foreign-id',
    role: 'reviewer',
    path: (ids) => `/api/cases/${ids.identityId}/info-requests`,
  },
  {
    method: 'POST',
    pattern: '/api/cases/:identityId/info-requests',
    tenancy: 'foreign-id',
    role: 'reviewer',
    path: (ids) => `/api/cases/${ids.identityId}/info-requests`,
    body: json({ text: 'A was here', items: ['Proof of address'] }),
  },
  {
    method: 'POST',
    pattern: '/api/cases/:identityId/info-requests/received',
    tenancy: 'foreign-id',
    role: 'reviewer',
    path: (ids) => `/api/cases/${ids.identityId}/info-requests/received`,
    body: json({ answer: 'A was here' }),
  },
  {
    method: 'POST',
    pattern: '/api/cases/:identityId/claim',
    tenancy: 'foreign-id',
    role: 'reviewer',
    path: (ids) => `/api/cases/${ids.identityId}/claim`,
  },
  {
    method: 'PUT',
    pattern: '/api/cases/:identityId/assignee',
    tenancy: 'foreign-id',
    role: 'lead',
    path: (ids) => `/api/cases/${ids.identityId}/assignee`,
    body: json({ reviewer_id: null }),
  },
  { method: 'GET', pattern: '/api/team', tenancy: 'own-scope', role: 'reviewer', path: () => '/api/team' },
  // Saved views are keyed by install and reviewer: another's view id is a 404 like an unknown one.
  {
    method: 'GET',
    pattern: '/api/saved-views',
    tenancy: 'own-scope',
    role: 'reviewer',
    path: () => '/api/saved-views',
  },
  {
    method: 'POST',
    pattern: '/api/saved-views',
    tenancy: 'own-scope',
    role: 'reviewer',
    path: () => '/api/saved-views',
    body: json({ name: 'Mine', filters: { assignee: 'me' } }),
  },
  {
    method: 'DELETE',
    pattern: '/api/saved-views/:viewId',
    tenancy: 'foreign-id',
    role: 'reviewer',
    path: (ids) => `/api/saved-views/${ids.savedViewId}`,
  },
  // Bulk approval names cases in its body: an id the install does not have is refused per case, never decided.
  {
    method: 'POST',
    pattern: '/api/bulk-approvals/preview',
    tenancy: 'own-scope',
    role: 'reviewer',
    path: () => '/api/bulk-approvals/preview',
    body: json({ identity_ids: ['idt_not_in_this_install'] }),
  },
  {
    method: 'POST',
    pattern: '/api/bulk-approvals',
    tenancy: 'own-scope',
    role: 'reviewer',
    path: () => '/api/bulk-approvals',
    body: json({ cases: [{ identity_id: 'idt_not_in_this_install', version: 0 }] }),
  },
  {
    method: 'GET',
    pattern: '/api/exports/queue.csv',
    tenancy: 'own-scope',
    role: 'reviewer',
    path: (ids) => `/api/exports/queue.csv?q=${encodeURIComponent(ids.marker)}`,
  },
  {
    method: 'GET',
    pattern: '/api/exports/audit.csv',
    tenancy: 'own-scope',
    role: 'lead',
    path: () => '/api/exports/audit.csv?from=2020-01-01&to=2020-12-31',
  },
  {
    method: 'GET',
    pattern: '/api/exports/cases/:identityId',
    tenancy: 'foreign-id',
    role: 'reviewer',
    path: (ids) => `/api/exports/cases/${ids.identityId}`,
  },
  { method: 'GET', pattern: '/api/dashboard', tenancy: 'own-scope', role: 'reviewer', path: () => '/api/dashboard' },
  { method: 'GET', pattern: '/api/settings', tenancy: 'own-scope', role: 'reviewer', path: () => '/api/settings' },
  {
    method: 'PUT',
    pattern: '/api/settings',
    tenancy: 'own-scope',
    role: 'lead',
    path: () => '/api/settings',
    body: json({ ...DEFAULT_KYC_SETTINGS, min_age: 21 }),
  },
  {
    method: 'POST',
    pattern: '/api/settings/impact',
    tenancy: 'own-scope',
    role: 'lead',
    path: () => '/api/settings/impact',
    body: json({ ...DEFAULT_KYC_SETTINGS, min_age: 21 }),
  },
  {
    method: 'GET',
    pattern: '/api/settings/history',
    tenancy: 'own-scope',
    role: 'lead',
    path: () => '/api/settings/history',
  },
  { method: 'GET', pattern: '/api/watchlist', tenancy: 'own-scope', role: 'reviewer', path: () => '/api/watchlist' },
  {
    method: 'GET',
    pattern: '/api/watchlist/versions',
    tenancy: 'own-scope',
    role: 'reviewer',
    path: () => '/api/watchlist/versions',
  },
  {
    method: 'GET',
    pattern: '/api/watchlist/imports/pending',
    tenancy: 'own-scope',
    role: 'reviewer',
    path: () => '/api/watchlist/imports/pending',
  },
  // Before the import row: a genuine upload replaces the pending import these name.
  {
    method: 'POST',
    pattern: '/api/watchlist/imports/:importId/confirm',
    tenancy: 'foreign-id',
    role: 'lead',
    path: (ids) => `/api/watchlist/imports/${ids.importId}/confirm`,
  },
  {
    method: 'DELETE',
    pattern: '/api/watchlist/imports/:importId',
    tenancy: 'foreign-id',
    role: 'lead',
    path: (ids) => `/api/watchlist/imports/${ids.importId}`,
    // After the genuine confirmation above, nothing is pending any more.
    genuineStatus: 404,
  },
  {
    method: 'POST',
    pattern: '/api/watchlist/versions/:version/rollback',
    tenancy: 'foreign-id',
    role: 'lead',
    path: (ids) => `/api/watchlist/versions/${ids.watchlistVersion}/rollback`,
  },
  {
    method: 'POST',
    pattern: '/api/watchlist/import',
    tenancy: 'own-scope',
    role: 'lead',
    path: () => '/api/watchlist/import?mode=append',
    body: csv(WATCHLIST_CSV),
  },
  { method: 'GET', pattern: '/api/account', tenancy: 'own-scope', role: 'reviewer', path: () => '/api/account' },
  {
    method: 'POST',
    pattern: '/api/account/devices/:deviceId/forget',
    tenancy: 'foreign-id',
    role: 'reviewer',
    path: (ids) => `/api/account/devices/${ids.deviceId}/forget`,
  },
  // The admin routes after the account ones: a genuine forget-browsers call forgets the suite's device.
  {
    method: 'POST',
    pattern: '/api/account/totp',
    tenancy: 'session',
    role: 'reviewer',
    path: () => '/api/account/totp',
    body: json({ totp_code: '123456' }),
    // No authenticator is being enrolled on the suite's launch.
    genuineStatus: 400,
  },
  {
    method: 'POST',
    pattern: '/api/account/recovery-codes',
    tenancy: 'session',
    role: 'reviewer',
    path: () => '/api/account/recovery-codes',
  },
  {
    method: 'POST',
    pattern: '/api/account/cloud-user',
    tenancy: 'session',
    role: 'reviewer',
    path: () => '/api/account/cloud-user',
    // Today's three-field launches name no Cloud user: nothing to link.
    genuineStatus: 409,
  },
  {
    method: 'POST',
    pattern: '/api/account/cloud-user/unlink',
    tenancy: 'session',
    role: 'reviewer',
    path: () => '/api/account/cloud-user/unlink',
  },
  { method: 'GET', pattern: '/api/reviewers', tenancy: 'own-scope', role: 'admin', path: () => '/api/reviewers' },
  {
    method: 'POST',
    pattern: '/api/reviewers/invitations',
    tenancy: 'own-scope',
    role: 'admin',
    path: () => '/api/reviewers/invitations',
    body: json({ display_name: 'Invited By Suite', email: 'invited.by.suite@example.test', role: 'reviewer' }),
  },
  {
    method: 'POST',
    pattern: '/api/reviewers/invitations/:invitationId/revoke',
    tenancy: 'foreign-id',
    role: 'admin',
    path: (ids) => `/api/reviewers/invitations/${ids.invitationId}/revoke`,
  },
  {
    method: 'PUT',
    pattern: '/api/reviewers/policy',
    tenancy: 'own-scope',
    role: 'admin',
    path: () => '/api/reviewers/policy',
    body: json({ require_totp_for_all: false }),
  },
  {
    method: 'PATCH',
    pattern: '/api/reviewers/:reviewerId',
    tenancy: 'foreign-id',
    role: 'admin',
    path: (ids) => `/api/reviewers/${ids.reviewerId}`,
    body: json({ role: 'admin' }),
  },
  {
    method: 'POST',
    pattern: '/api/reviewers/:reviewerId/forget-browsers',
    tenancy: 'foreign-id',
    role: 'admin',
    path: (ids) => `/api/reviewers/${ids.reviewerId}/forget-browsers`,
  },
  // Last on purpose: a genuine call signs the suite's reviewer out of the launch.
  {
    method: 'POST',
    pattern: '/api/session/sign-out',
    tenancy: 'session',
    role: 'launched',
    path: () => '/api/session/sign-out',
  },
];

export const routeKey = (r: Pick<ApiRoute, 'method' | 'pattern'>) => `${r.method} ${r.pattern}`;

/** The /api routes the app really serves: Hono lists middleware as ALL and each validator separately. */
export function servedApiRoutes(routes: readonly { method: string; path: string }[]): string[] {
  return [
    ...new Set(
      routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path}`),
    ),
  ].sort();
}

/** Routes that change state: the ones the CSRF checks guard. */
export const stateChanging = API_ROUTES.filter((r) => r.method !== 'GET');
