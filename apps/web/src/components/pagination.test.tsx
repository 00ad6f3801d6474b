import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Pagination } from './pagination';

describe('Pagination', () => {
  it('reads the range of an exact total and stops at its last page', () => {
    render(<Pagination label="Pages" page={3} pageSize={20} total={57} onPageChange={() => undefined} />);
    expect(screen.getByRole('navigation', { name: 'Pages' })).toHaveTextContent('41–57 of 57');
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Previous' })).toBeEnabled();
  });

  it('with a lower bound reads "of at least N" and goes on while a next page exists', async () => {
    const onPageChange = vi.fn();
    const { rerender } = render(
      <Pagination
        label="Pages"
        page={2}
        pageSize={20}
        total={30}
        atLeast={{ hasNext: true }}
        onPageChange={onPageChange}
      />,
    );
    // The bound is never below the rows already shown.
    expect(screen.getByRole('navigation', { name: 'Pages' })).toHaveTextContent('21–40 of at least 40');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(onPageChange).toHaveBeenCalledWith(3);
    rerender(
      <Pagination
        label="Pages"
        page={2}
        pageSize={20}
        total={5000}
        atLeast={{ hasNext: false }}
        onPageChange={onPageChange}
      />,
    );
    expect(screen.getByRole('navigation', { name: 'Pages' })).toHaveTextContent('21–40 of at least 5000');
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
  });
});
