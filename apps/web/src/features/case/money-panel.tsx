import type { BalanceDto, TransactionDto } from '@kyc-review/contracts';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useApi } from '../../api/api-context';
import { cx } from '../../components/class-names';
import { DataTable } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { QueryErrorState } from '../../components/error-state';
import { formatMoney } from '../../components/money';
import { Panel } from '../../components/panel';
import { TimeText } from '../../components/time-text';
import styles from './case-page.module.css';
import { balancesQueryOptions, RECENT_TRANSACTIONS, transactionsQueryOptions } from './case-queries';

const Amount = ({ minor, precision, currency }: { minor: string; precision: number | null; currency: string }) => {
  const money = formatMoney(minor, precision, currency);
  return (
    <span className={styles.amount} title={money.exact ? undefined : 'Precision unknown: shown in minor units'}>
      {money.text}
    </span>
  );
};

const BALANCE_COLUMNS: ColumnDef<BalanceDto>[] = [
  {
    id: 'balance_id',
    header: 'Balance',
    cell: ({ row }) => {
      const name = row.original.indicator || row.original.balance_id;
      return (
        <span className={cx(styles.mono, styles.counterparty)} title={name}>
          {name}
        </span>
      );
    },
  },
  { id: 'currency', header: 'Currency', cell: ({ row }) => row.original.currency },
  {
    id: 'balance',
    header: 'Balance',
    cell: ({ row }) => (
      <Amount minor={row.original.balance} precision={row.original.precision} currency={row.original.currency} />
    ),
  },
  {
    id: 'credit',
    header: 'Credits',
    cell: ({ row }) => (
      <Amount minor={row.original.credit_balance} precision={row.original.precision} currency={row.original.currency} />
    ),
  },
  {
    id: 'debit',
    header: 'Debits',
    cell: ({ row }) => (
      <Amount minor={row.original.debit_balance} precision={row.original.precision} currency={row.original.currency} />
    ),
  },
];

/** Direction is relative to the identity: money leaving one of its balances is "Out". */
const transactionColumns = (own: ReadonlySet<string>): ColumnDef<TransactionDto>[] => [
  {
    id: 'created',
    header: 'Date',
    cell: ({ row }) => (
      <span className={styles.nowrap}>
        <TimeText iso={row.original.created_at} format="date" />
      </span>
    ),
  },
  {
    id: 'direction',
    header: 'Direction',
    cell: ({ row }) => (own.has(row.original.source) ? 'Out' : own.has(row.original.destination) ? 'In' : '—'),
  },
  {
    id: 'description',
    header: 'Description',
    cell: ({ row }) => (
      <div className={styles.stack}>
        <span>{row.original.description || '—'}</span>
        <span className={cx(styles.mono, styles.counterparty, styles.muted)} title={row.original.reference}>
          {row.original.reference}
        </span>
      </div>
    ),
  },
  {
    id: 'counterparty',
    header: 'Counterparty',
    cell: ({ row }) => {
      const other = own.has(row.original.source) ? row.original.destination : row.original.source;
      return (
        <span className={cx(styles.mono, styles.counterparty)} title={other}>
          {other}
        </span>
      );
    },
  },
  {
    id: 'amount',
    header: 'Amount',
    cell: ({ row }) => (
      <Amount minor={row.original.precise_amount} precision={row.original.precision} currency={row.original.currency} />
    ),
  },
];

/** The money linked to the identity: its balances and its most recent applied transactions. */
export function MoneyPanel({ identityId }: { identityId: string }) {
  const api = useApi();
  const balances = useQuery(balancesQueryOptions(api, identityId));
  const transactions = useQuery(transactionsQueryOptions(api, identityId));
  const balanceIds = balances.data?.items;
  const columns = useMemo(() => transactionColumns(new Set(balanceIds?.map((b) => b.balance_id))), [balanceIds]);
  return (
    <Panel title="Balances and transactions">
      {balances.isError ? (
        <QueryErrorState title="Balances could not be loaded" query={balances} />
      ) : (
        <DataTable
          label="Linked balances"
          columns={BALANCE_COLUMNS}
          data={balances.data?.items ?? []}
          getRowId={(b) => b.balance_id}
          loading={balances.isPending}
          skeletonRows={2}
          empty={<EmptyState title="No balance is linked to this identity" />}
        />
      )}
      <h3 className={styles.subheading}>Recent applied transactions</h3>
      {transactions.isError ? (
        <QueryErrorState title="Transactions could not be loaded" query={transactions} />
      ) : (
        <>
          <DataTable
            label="Recent applied transactions"
            columns={columns}
            data={transactions.data?.items ?? []}
            getRowId={(t) => t.transaction_id}
            loading={transactions.isPending}
            skeletonRows={3}
            empty={<EmptyState title="No applied transaction on these balances" />}
          />
          {transactions.data !== undefined && transactions.data.total > RECENT_TRANSACTIONS && (
            <p className={styles.muted}>
              The {RECENT_TRANSACTIONS} most recent of {transactions.data.total}.
            </p>
          )}
        </>
      )}
    </Panel>
  );
}
