import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { QueueStatusTabs } from './queue-status-tabs';

const COUNTS = { new: 4000, approved: 1000, rejected: 0, never_reviewed: 1200 };

describe('the queue status tabs', () => {
  it('show exact counts as they are, and lower bounds as "N+" (a broad search)', () => {
    const { rerender } = render(
      <QueueStatusTabs status={undefined} counts={COUNTS} onStatusChange={() => undefined}>
        rows
      </QueueStatusTabs>,
    );
    const tabs = () => screen.getByRole('tablist', { name: 'Cases by status' });
    expect(within(tabs()).getByRole('tab', { name: /^All/ })).toHaveTextContent('All5000');
    expect(within(tabs()).getByRole('tab', { name: /^New/ })).toHaveAccessibleName('New, 4000 cases');
    rerender(
      <QueueStatusTabs status={undefined} counts={COUNTS} atLeast onStatusChange={() => undefined}>
        rows
      </QueueStatusTabs>,
    );
    expect(within(tabs()).getByRole('tab', { name: /^All/ })).toHaveTextContent('All5000+');
    expect(within(tabs()).getByRole('tab', { name: /^New/ })).toHaveAccessibleName('New, at least 4000 cases');
    expect(within(tabs()).getByRole('tab', { name: /^Rejected/ })).toHaveTextContent('Rejected0+');
  });
});
