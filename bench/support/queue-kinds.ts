// The queue pages bench/queue-page.ts measures: every view the SPA offers
// (features/queue/queue-views.tsx), each status tab, each sort, saved-view combinations, and
// deep pages reached by cursor and by number.

export type QueueKind = {
  readonly label: string;
  readonly query: string;
  /** May be empty on the bench's data (its latency is still measured: it walks its index). */
  readonly mayBeEmpty?: boolean;
};

const STATUSES = ['new', 'in_review', 'info_requested', 'escalated', 'needs_rereview', 'approved', 'rejected'];

export function queueKinds(o: {
  pageSize: number;
  deepPage: number;
  middlePage: number;
  deepCursor: string;
  country: string;
  /** Whether the data has assigned, overdue and second-approval cases (seeded: yes; a first sync: no). */
  worked: boolean;
}): QueueKind[] {
  const size = `pageSize=${String(o.pageSize)}`;
  const idle = !o.worked;
  return [
    { label: 'first page (risk order)', query: `page=1&${size}` },
    { label: `deep page ${String(o.deepPage)} by cursor`, query: `${size}&cursor=${encodeURIComponent(o.deepCursor)}` },
    { label: `deep page ${String(o.deepPage)} by number`, query: `page=${String(o.deepPage)}&${size}` },
    // Deeper than OFFSET_MAX rows from both ends: answered with the nearest page within it (decision 019).
    { label: `middle page ${String(o.middlePage)} by number`, query: `page=${String(o.middlePage)}&${size}` },
    // The views of queue-views.tsx.
    { label: 'my open work', query: `assignee=me&open=true&sort=due_at_asc&${size}`, mayBeEmpty: idle },
    { label: 'unassigned open work', query: `assignee=none&open=true&sort=due_at_asc&${size}` },
    {
      label: 'awaiting my second approval',
      query: `second_approval=awaiting&sort=due_at_asc&${size}`,
      mayBeEmpty: idle,
    },
    { label: 'overdue', query: `overdue=true&sort=due_at_asc&${size}`, mayBeEmpty: idle },
    { label: 'needs re-review', query: `status=needs_rereview&sort=due_at_asc&${size}`, mayBeEmpty: true },
    // Each status tab, in the default order.
    ...STATUSES.map((s) => ({ label: `tab ${s}`, query: `status=${s}&${size}`, mayBeEmpty: true })),
    { label: 'tab never reviewed', query: `status=never_reviewed&${size}` },
    // Each sort.
    { label: 'sorted created_at_desc', query: `sort=created_at_desc&${size}` },
    { label: 'sorted created_at_asc', query: `sort=created_at_asc&${size}` },
    { label: 'sorted updated_at_desc', query: `sort=updated_at_desc&${size}` },
    { label: 'sorted due_at_asc', query: `sort=due_at_asc&${size}` },
    // Saved-view combinations.
    { label: 'risk_level=high', query: `risk_level=high&${size}` },
    { label: 'status=new & type=organization', query: `status=new&identity_type=organization&${size}` },
    {
      label: `country=${o.country}, newest first`,
      query: `country=${encodeURIComponent(o.country)}&sort=created_at_desc&${size}`,
    },
    {
      label: 'unassigned & open & high risk',
      query: `assignee=none&open=true&risk_level=high&sort=due_at_asc&${size}`,
    },
    { label: 'overdue & in review', query: `overdue=true&status=in_review&sort=due_at_asc&${size}`, mayBeEmpty: idle },
    { label: 'overdue & high risk, risk order', query: `overdue=true&risk_level=high&${size}`, mayBeEmpty: idle },
    { label: 'search "person 12"', query: `q=${encodeURIComponent('person 12')}&${size}`, mayBeEmpty: true },
    // Decision 019 "Search": a rare text (few candidates, exact figures), a broad one (more than the
    // BFF reads: lower bounds, the sort's index walked) and two characters (a prefix).
    { label: 'search "person 4711"', query: `q=${encodeURIComponent('person 4711')}&${size}`, mayBeEmpty: true },
    { label: 'search "son"', query: `q=son&${size}`, mayBeEmpty: true },
    { label: 'search "se" (a prefix)', query: `q=se&${size}`, mayBeEmpty: true },
  ];
}

/** The few kinds sampled while a sync runs (the first screens a reviewer opens). */
export const DURING_SYNC_LABELS = ['first page (risk order)', 'my open work', 'unassigned open work', 'overdue'];
