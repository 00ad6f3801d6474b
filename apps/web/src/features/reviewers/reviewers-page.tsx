import { REVIEWER_ROLES, type InvitationDto, type ReviewerDto, type ReviewerListDto } from '@kyc-review/contracts';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { DataTable } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { QueryErrorState } from '../../components/error-state';
import { cx } from '../../components/class-names';
import { controlClass } from '../../components/field';
import { MutationFeedback } from '../../components/mutation-feedback';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { TimeText } from '../../components/time-text';
import { useSession } from '../../session/session-context';
import { InvitePanel } from './invite-panel';
import { ROLE_LABEL } from './role-label';
import styles from './reviewers.module.css';
import {
  reviewersQueryOptions,
  useForgetBrowsers,
  useRevokeInvitation,
  useSetPolicy,
  useUpdateReviewer,
} from './reviewers-queries';

type Pending = { kind: 'disable' | 'forget'; reviewer: ReviewerDto } | { kind: 'revoke'; invitation: InvitationDto };

const INVITATION_STATE = {
  pending: { tone: 'accent', text: 'Pending' },
  expired: { tone: 'warning', text: 'Expired' },
  redeemed: { tone: 'success', text: 'Accepted' },
  revoked: { tone: 'neutral', text: 'Revoked' },
} as const;

/**
 * The admin page (decision 017): the install's reviewers with their roles and status, open
 * invitations, and the sign-in policy. The BFF checks the role, the last active admin and
 * step-up on every change; this page shows its answers.
 */
export function ReviewersPage() {
  const query = useQuery(reviewersQueryOptions(useApi()));
  const me = useSession().session.reviewer?.reviewer_id;
  const update = useUpdateReviewer();
  const forget = useForgetBrowsers();
  const revoke = useRevokeInvitation();
  const policy = useSetPolicy();
  const [confirming, setConfirming] = useState<Pending | null>(null);

  const people: ColumnDef<ReviewerDto>[] = [
    {
      id: 'name',
      header: 'Name',
      accessorFn: (r) => r.display_name,
      cell: ({ row: { original: r } }) => (
        <span className={styles.who}>
          <span>
            {r.display_name}
            {r.reviewer_id === me && <span className={styles.you}>(you)</span>}
          </span>
          <span className={styles.email}>{r.email}</span>
        </span>
      ),
    },
    {
      id: 'role',
      header: 'Role',
      accessorFn: (r) => r.role,
      cell: ({ row: { original: r } }) => (
        <select
          className={cx(controlClass, styles.role)}
          aria-label={`Role of ${r.display_name}`}
          value={r.role}
          disabled={update.isPending}
          onChange={(e) => {
            const role = REVIEWER_ROLES.find((x) => x === e.target.value);
            if (role !== undefined) update.mutate({ reviewerId: r.reviewer_id, role });
          }}
        >
          {REVIEWER_ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABEL[role]}
            </option>
          ))}
        </select>
      ),
    },
    {
      id: 'status',
      header: 'Status',
      accessorFn: (r) => r.status,
      cell: ({ row: { original: r } }) =>
        r.status === 'active' ? (
          <Badge tone="success" dot>
            Active
          </Badge>
        ) : (
          <Badge tone="neutral" dot>
            Disabled
          </Badge>
        ),
    },
    {
      id: 'totp',
      header: 'Authenticator',
      accessorFn: (r) => r.totp_enabled,
      cell: ({ row: { original: r } }) => (r.totp_enabled ? 'On' : 'Not set up'),
    },
    {
      id: 'created',
      header: 'Created',
      accessorFn: (r) => r.created_at,
      cell: ({ row: { original: r } }) => <TimeText iso={r.created_at} format="date" />,
    },
    {
      id: 'last',
      header: 'Last sign-in',
      accessorFn: (r) => r.last_sign_in_at ?? '',
      cell: ({ row: { original: r } }) =>
        r.last_sign_in_at === null ? 'Never' : <TimeText iso={r.last_sign_in_at} format="absolute" />,
    },
    {
      id: 'actions',
      header: () => <span className="visually-hidden">Actions</span>,
      enableSorting: false,
      cell: ({ row: { original: r } }) => (
        <span className={styles.actions}>
          {r.status === 'active' ? (
            <Button onClick={() => setConfirming({ kind: 'disable', reviewer: r })}>Disable</Button>
          ) : (
            <Button onClick={() => update.mutate({ reviewerId: r.reviewer_id, status: 'active' })}>Re-enable</Button>
          )}
          <Button onClick={() => setConfirming({ kind: 'forget', reviewer: r })}>Forget browsers</Button>
        </span>
      ),
    },
  ];

  const invitations: ColumnDef<InvitationDto>[] = [
    {
      id: 'name',
      header: 'Invited',
      accessorFn: (i) => i.display_name,
      cell: ({ row: { original: i } }) => (
        <span className={styles.who}>
          <span>{i.display_name}</span>
          <span className={styles.email}>{i.email}</span>
        </span>
      ),
    },
    { id: 'role', header: 'Role', accessorFn: (i) => ROLE_LABEL[i.role] },
    { id: 'by', header: 'Invited by', accessorFn: (i) => i.created_by_name },
    {
      id: 'expires',
      header: 'Valid until',
      accessorFn: (i) => i.expires_at,
      cell: ({ row: { original: i } }) => <TimeText iso={i.expires_at} format="absolute" />,
    },
    {
      id: 'state',
      header: 'State',
      accessorFn: (i) => i.state,
      cell: ({ row: { original: i } }) => (
        <Badge tone={INVITATION_STATE[i.state].tone}>{INVITATION_STATE[i.state].text}</Badge>
      ),
    },
    {
      id: 'actions',
      header: () => <span className="visually-hidden">Actions</span>,
      enableSorting: false,
      cell: ({ row: { original: i } }) =>
        i.state === 'pending' || i.state === 'expired' ? (
          <Button onClick={() => setConfirming({ kind: 'revoke', invitation: i })}>Revoke</Button>
        ) : null,
    },
  ];

  const confirm = () => {
    if (confirming === null) return;
    if (confirming.kind === 'revoke') revoke.mutate(confirming.invitation.invitation_id);
    else if (confirming.kind === 'disable')
      update.mutate({ reviewerId: confirming.reviewer.reviewer_id, status: 'disabled' });
    else forget.mutate(confirming.reviewer.reviewer_id);
  };

  return (
    <div className={styles.page}>
      <PageHeader
        title="Reviewers"
        subtitle="Who can sign in to KYC Review on this install, and what each may do. Changes ask for your authenticator code when your last one is older than 15 minutes."
      />
      <Panel title="People">
        {query.isError ? (
          <QueryErrorState title="The reviewers could not be loaded" query={query} />
        ) : (
          <DataTable
            label="Reviewers"
            columns={people}
            data={query.data?.reviewers ?? []}
            getRowId={(r) => r.reviewer_id}
            loading={query.isPending}
            skeletonRows={3}
          />
        )}
        <MutationFeedback mutation={update} pending="Saving…" success="Saved." />
        <MutationFeedback
          mutation={forget}
          pending="Forgetting their browsers…"
          success={`Forgotten: ${forget.data?.browsers_forgotten ?? 0} remembered browser(s).`}
        />
      </Panel>
      <div className={styles.layout}>
        <div className={styles.side}>
          <Panel title="Invitations">
            {query.data !== undefined && query.data.invitations.length === 0 ? (
              <EmptyState title="No open invitations">
                Invitations you create appear here until they are accepted.
              </EmptyState>
            ) : (
              <DataTable
                label="Open invitations"
                columns={invitations}
                data={query.data?.invitations ?? []}
                getRowId={(i) => i.invitation_id}
                loading={query.isPending}
                skeletonRows={1}
              />
            )}
            <MutationFeedback mutation={revoke} pending="Revoking…" success="The invitation was revoked." />
          </Panel>
        </div>
        <div className={styles.side}>
          <InvitePanel />
          <PolicyPanel list={query.data} policy={policy} />
        </div>
      </div>
      <ConfirmDialog
        open={confirming !== null}
        onOpenChange={(open) => !open && setConfirming(null)}
        tone={confirming?.kind === 'revoke' ? 'neutral' : 'danger'}
        title={
          confirming === null
            ? ''
            : confirming.kind === 'revoke'
              ? `Revoke the invitation for ${confirming.invitation.display_name}?`
              : confirming.kind === 'disable'
                ? `Disable ${confirming.reviewer.display_name}?`
                : `Forget the browsers of ${confirming.reviewer.display_name}?`
        }
        confirmLabel={
          confirming?.kind === 'revoke' ? 'Revoke' : confirming?.kind === 'disable' ? 'Disable' : 'Forget browsers'
        }
        onConfirm={confirm}
      >
        {confirming?.kind === 'revoke'
          ? 'The code stops working at once. You can invite them again afterwards.'
          : confirming?.kind === 'disable'
            ? 'They are signed out everywhere at once and their remembered browsers are forgotten. Their decisions stay in the history. You can re-enable them later.'
            : 'Every browser they asked KYC Review to remember will ask for their password again.'}
      </ConfirmDialog>
    </div>
  );
}

function PolicyPanel({ list, policy }: { list: ReviewerListDto | undefined; policy: ReturnType<typeof useSetPolicy> }) {
  const on = list?.require_totp_for_all ?? false;
  return (
    <Panel title="Sign-in policy">
      <label className={styles.check}>
        <input
          type="checkbox"
          checked={on}
          disabled={list === undefined || policy.isPending}
          onChange={(e) => policy.mutate(e.target.checked)}
        />
        <span>
          Require an authenticator app for everyone
          <span className={styles.muted}>
            Leads and admins always need one. Turned on, reviewers without one are signed out and set one up at their
            next sign-in.
          </span>
        </span>
      </label>
      <MutationFeedback mutation={policy} pending="Saving…" success="Saved." />
    </Panel>
  );
}
