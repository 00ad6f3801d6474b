import { caseRowWriter, DEFAULT_IDS, type TestApp } from '@kyc-review/bff/test-support';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { bffFetch, gated, launch, startBff, unreachable } from '../../test/bff';
import { renderApp } from '../../test/render-app';

const A = DEFAULT_IDS.installed_app_id;

/** A small backlog on the BFF's fake clock (2026-11-22T09:00Z). */
function writeBacklog(t: TestApp) {
  const w = caseRowWriter(t.db);
  w.case({
    installedAppId: A,
    identityId: 'idt_d1',
    status: 'new',
    riskLevel: 'high',
    createdAt: '2026-11-22T08:00:00.000Z',
    openHits: 1,
  });
  w.case({
    installedAppId: A,
    identityId: 'idt_d2',
    status: 'new',
    riskLevel: 'high',
    createdAt: '2026-11-15T08:00:00.000Z',
  });
  w.case({
    installedAppId: A,
    identityId: 'idt_d3',
    status: 'approved',
    riskLevel: 'low',
    createdAt: '2026-11-01T08:00:00.000Z',
  });
  w.verdict(A, 'idt_d3', 'wl_1', 'false_positive');
  w.audit(A, 'user_lead', 'decision:approve', '2026-11-21T10:00:00.000Z');
  w.audit(A, 'user_lead', 'decision:reject', '2026-11-22T08:30:00.000Z');
  w.outbox(A, 'failing');
}

const region = (name: string) => screen.getByRole('region', { name });

describe('the dashboard', () => {
  it('shows a loading state, then the figures with a table beside every chart', async () => {
    const t = startBff();
    const cookie = await launch(t, { permissions: ['data:read'] });
    writeBacklog(t);
    const { fetch, release } = gated(bffFetch(t, cookie), /\/api\/dashboard$/);
    renderApp({ fetch });

    expect(await screen.findByLabelText('Loading the dashboard')).toHaveAttribute('aria-busy', 'true');
    release();

    const figures = await screen.findByLabelText('Key figures');
    expect(figures).toHaveTextContent(/Open cases\s*2/);
    expect(figures).toHaveTextContent(/Overdue\s*1/);
    expect(figures).toHaveTextContent('66.7 %');
    expect(figures).toHaveTextContent('1 of 1 verdicts');
    expect(figures).toHaveTextContent(/Write-backs pending\s*1\s*1 failing, retried/);

    const byStatus = within(region('Backlog by status')).getByRole('table', { name: 'Cases by status' });
    expect(byStatus).toHaveTextContent(/New\s*2/);
    // The sentence counts what the chart draws: every case, the open ones among them, then the decided ones.
    expect(within(region('Backlog by status')).getByRole('figure')).toHaveAccessibleDescription(
      '3 cases in all, 2 of them open: New 2, In review 0, Info requested 0, Escalated 0, Needs re-review 0. Decided: Approved 1, Rejected 0.',
    );
    expect(
      within(byStatus)
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['New', 'In review', 'Info requested', 'Escalated', 'Needs re-review', 'Approved', 'Rejected']);
    expect(within(region('Open cases by risk')).getByRole('table')).toHaveTextContent(/High\s*2/);
    const ageing = within(region('Ageing')).getByRole('table');
    expect(ageing).toHaveTextContent(/0–1 days\s*1/);
    expect(ageing).toHaveTextContent(/4–7 days\s*1/);
    const decisions = region('Decisions, last 30 days');
    expect(within(decisions).getByRole('figure')).toHaveAccessibleDescription(/2 decisions in the last 30 days/);
    expect(within(decisions).getByRole('table', { hidden: true })).toHaveTextContent(/Approved/);
    // An actor recorded before reviewers existed (a Cloud user id) is named by kind, not by its raw id.
    expect(within(region('Reviewers')).getByRole('table')).toHaveTextContent(/a Blnk Cloud user\s*0\s*2/);
    // The chart library arrives with the charts, after the figures.
    await waitFor(() => expect(document.querySelector('svg.ct-chart-bar')).not.toBeNull(), { timeout: 5_000 });
  });

  it('says when nothing has been decided, and folds the session details into About this install', async () => {
    const t = startBff();
    renderApp({ fetch: bffFetch(t, await launch(t, { permissions: ['data:read'] })) });
    expect(
      await screen.findByText('Nobody has open assigned cases or decided a case in the last 7 days.'),
    ).toBeInTheDocument();
    expect(within(region('Decisions, last 30 days')).getByRole('figure')).toHaveAccessibleDescription(
      'No decisions in the last 30 days.',
    );
    const about = screen.getByText('About this install');
    expect(screen.getByText(DEFAULT_IDS.installed_app_id)).not.toBeVisible();
    await userEvent.click(about);
    expect(screen.getByText(DEFAULT_IDS.installed_app_id)).toBeVisible();
  });

  it('shows an error with a retry when the figures cannot be read', async () => {
    const t = startBff();
    const fetch = unreachable(bffFetch(t, await launch(t, { permissions: ['data:read'] })), /\/api\/dashboard$/);
    renderApp({ fetch });
    expect(await screen.findByText('The dashboard could not be loaded', {}, { timeout: 5_000 })).toBeInTheDocument();
  });

  it('offers the audit export to leads, with the range checked before the download', async () => {
    const t = startBff();
    renderApp({ fetch: bffFetch(t, await launch(t, { permissions: ['data:read'] })) });
    const panel = await screen.findByRole('region', { name: 'Audit trail export' });
    expect(within(panel).getByRole('button', { name: 'Download audit CSV' })).toBeEnabled();

    const from = within(panel).getByLabelText('From');
    await userEvent.clear(from);
    await userEvent.type(from, '2020-01-01');
    expect(within(panel).getByText(/At most 366 days at a time/)).toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: 'Download audit CSV' })).toBeNull();
  });

  it('downloads the audit CSV through the session fetch as the file the BFF names (a cross-site frame cannot download by link)', async () => {
    const t = startBff();
    renderApp({ fetch: bffFetch(t, await launch(t, { permissions: ['data:read'] })) });
    const saved: Blob[] = [];
    Object.defineProperty(URL, 'createObjectURL', {
      configurable: true,
      value: (blob: Blob) => {
        saved.push(blob);
        return 'blob:audit';
      },
    });
    Object.defineProperty(URL, 'revokeObjectURL', { configurable: true, value: () => undefined });
    const names: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    try {
      const panel = await screen.findByRole('region', { name: 'Audit trail export' });
      await userEvent.click(within(panel).getByRole('button', { name: 'Download audit CSV' }));
      await waitFor(() => expect(names).toHaveLength(1));
      expect(names[0]).toMatch(/^kyc-audit-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
      expect(await saved[0]?.text()).toMatch(/^audit_id,at,actor/);
      expect(within(panel).queryByRole('alert')).toBeNull();
    } finally {
      click.mockRestore();
    }
  });
});
