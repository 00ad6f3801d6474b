import type { WriteBackDto } from '@kyc-review/contracts';
import { describe, expect, it } from 'vitest';
import { writeBackPollMs } from './case-queries';

const step = (state: WriteBackDto['metadata']['state'], next: string | null = null) => ({
  state,
  reason: null,
  attempts: 1,
  last_error_code: null,
  next_attempt_at: next,
  done_at: null,
});
const writeBack = (metadata: ReturnType<typeof step>, alert: ReturnType<typeof step>): WriteBackDto => ({
  decision_id: 'dec_1',
  metadata,
  alert: { ...alert, anomaly_id: null },
});
const NOW = Date.parse('2026-11-22T12:00:00Z');

describe('how often an open case looks at its write-back again', () => {
  it('polls while a step is pending and stops once everything landed or was skipped', () => {
    expect(writeBackPollMs(writeBack(step('pending'), step('not_needed')), NOW)).toBe(2_000);
    expect(writeBackPollMs(writeBack(step('done'), step('skipped')), NOW)).toBe(false);
    expect(writeBackPollMs(null, NOW)).toBe(false);
  });

  it('while failing, looks again just after the next attempt, and not at all when that is far off', () => {
    expect(writeBackPollMs(writeBack(step('failing', '2026-11-22T12:00:30Z'), step('done')), NOW)).toBe(30_500);
    expect(writeBackPollMs(writeBack(step('failing', '2026-11-22T11:59:00Z'), step('done')), NOW)).toBe(2_000);
    expect(writeBackPollMs(writeBack(step('failing', '2026-11-22T12:30:00Z'), step('done')), NOW)).toBe(false);
  });
});
