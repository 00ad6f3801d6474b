import { describe, expect, it } from 'vitest';
import { formatDateTime, formatRelative } from './time';

const now = Date.parse('2026-11-22T12:00:00Z');

describe('formatRelative', () => {
  it('picks the largest whole unit, past and future', () => {
    expect(formatRelative('2026-11-22T11:55:00Z', now)).toMatch(/5 min\.? ago/);
    expect(formatRelative('2026-11-22T15:00:00Z', now)).toMatch(/in 3 hr/);
    expect(formatRelative('2026-11-20T12:00:00Z', now)).toMatch(/2 days ago/);
    expect(formatRelative('2026-11-22T11:59:50Z', now)).toBe('now');
  });

  it('shows an unparseable value as given', () => {
    expect(formatRelative('soon', now)).toBe('soon');
    expect(formatDateTime('soon')).toBe('soon');
  });
});
