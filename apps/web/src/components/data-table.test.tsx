import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ColumnDef } from '@tanstack/react-table';
import { DataTable } from './data-table';

interface Row {
  id: string;
  name: string;
  amount: number;
}

const COLUMNS: ColumnDef<Row>[] = [
  { id: 'name', header: 'Name', accessorFn: (row) => row.name, cell: ({ row }) => row.original.name },
  { id: 'amount', header: 'Amount', accessorFn: (row) => row.amount, cell: ({ row }) => row.original.amount },
];
const ROWS: Row[] = [
  { id: 'a', name: 'Beta', amount: 2 },
  { id: 'b', name: 'Alpha', amount: 3 },
  { id: 'c', name: 'Gamma', amount: 1 },
];
const column = (index: number) =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[index]?.textContent);
const names = () => column(0);

describe('DataTable', () => {
  it('sorts on the client from a header button and says so with aria-sort', async () => {
    render(<DataTable label="Things" columns={COLUMNS} data={ROWS} getRowId={(r) => r.id} />);

    const name = screen.getByRole('columnheader', { name: /Name/ });
    await userEvent.click(within(name).getByRole('button'));
    const first = name.getAttribute('aria-sort');
    expect(names()).toEqual(first === 'ascending' ? ['Alpha', 'Beta', 'Gamma'] : ['Gamma', 'Beta', 'Alpha']);
    await userEvent.click(within(name).getByRole('button'));
    expect(name).toHaveAttribute('aria-sort', first === 'ascending' ? 'descending' : 'ascending');
    expect(names()).toEqual(first === 'ascending' ? ['Gamma', 'Beta', 'Alpha'] : ['Alpha', 'Beta', 'Gamma']);

    await userEvent.click(screen.getByRole('button', { name: /Amount/ }));
    expect(name).toHaveAttribute('aria-sort', 'none');
    const amounts = column(1).map(Number);
    const direction = screen.getByRole('columnheader', { name: /Amount/ }).getAttribute('aria-sort');
    expect(amounts).toEqual(direction === 'ascending' ? [1, 2, 3] : [3, 2, 1]);
  });

  it('gives the body one tab stop and moves with Home, End and the arrows', async () => {
    const open = vi.fn<(row: Row) => void>();
    render(
      <>
        <button type="button">before</button>
        <DataTable
          label="Things"
          columns={COLUMNS.map((c) => ({ ...c, enableSorting: false }))}
          data={ROWS}
          getRowId={(r) => r.id}
          onRowOpen={open}
          rowLabel={(r) => r.name}
        />
      </>,
    );
    screen.getByRole('button', { name: 'before' }).focus();

    await userEvent.tab();
    expect(screen.getByRole('row', { name: 'Beta' })).toHaveFocus();
    await userEvent.keyboard('{End}');
    expect(screen.getByRole('row', { name: 'Gamma' })).toHaveFocus();
    await userEvent.keyboard('{Home}{ArrowDown}{Enter}');

    expect(open).toHaveBeenCalledExactlyOnceWith(ROWS[1]);
    await userEvent.tab();
    expect(document.body).toHaveFocus();
  });

  it('shows skeleton rows while loading and the empty state when there is nothing', () => {
    const { rerender } = render(
      <DataTable
        label="Things"
        columns={COLUMNS}
        data={[]}
        getRowId={(r) => r.id}
        loading
        skeletonRows={3}
        empty={<p>Nothing here</p>}
      />,
    );
    expect(screen.getByRole('table')).toHaveAttribute('aria-busy', 'true');
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(4);
    expect(screen.queryByText('Nothing here')).toBeNull();

    rerender(
      <DataTable label="Things" columns={COLUMNS} data={[]} getRowId={(r) => r.id} empty={<p>Nothing here</p>} />,
    );
    expect(screen.getByText('Nothing here')).toBeInTheDocument();
  });

  it('keeps the previous rows while the next answer loads, and says it is busy until it arrives', () => {
    const { rerender } = render(<DataTable label="Things" columns={COLUMNS} data={ROWS} getRowId={(r) => r.id} />);
    expect(screen.getByRole('table')).toHaveAttribute('aria-busy', 'false');

    rerender(<DataTable label="Things" columns={COLUMNS} data={ROWS} getRowId={(r) => r.id} refreshing />);
    expect(screen.getByRole('table')).toHaveAttribute('aria-busy', 'true');
    expect(names()).toEqual(['Beta', 'Alpha', 'Gamma']);

    rerender(<DataTable label="Things" columns={COLUMNS} data={ROWS.slice(0, 1)} getRowId={(r) => r.id} />);
    expect(screen.getByRole('table')).toHaveAttribute('aria-busy', 'false');
    expect(names()).toEqual(['Beta']);
  });
});
