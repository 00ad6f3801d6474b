import type { Permission } from '@kyc-review/contracts';
import type { InstallRef } from '../../src/cloud/cloud-client';
import { CloudError } from '../../src/cloud/cloud-errors';
import { AppError } from '../../src/errors';
import { browserErrorOf } from '../../src/http/cloud-error-response';

/** A syntactically real key; tests look for it in every error and log line. */
export const TEST_KEY = 'blnk_test_7f3a9c0e5b1d4f2a8c6e0b9d7f5a3c1e';

export function installRef(overrides: Partial<InstallRef> = {}): InstallRef {
  return {
    installedAppId: 'instapp_standin',
    instanceId: 'inst_standin',
    grantedPermissions: ['data:read', 'data:write', 'alerts:read', 'alerts:write'] satisfies Permission[],
    apiKey: () => TEST_KEY,
    ...overrides,
  };
}

/** An identity as Core stores it (docs/cloud-contract.md §7). */
export function identityRecord(id: string): Record<string, unknown> {
  return {
    identity_id: id,
    identity_type: 'individual',
    organization_name: '',
    category: '',
    first_name: 'Ada',
    last_name: 'Obi',
    other_names: '',
    gender: '',
    email_address: 'ada@example.com',
    phone_number: '',
    nationality: 'Nigerian',
    street: '',
    country: 'Nigeria',
    state: '',
    post_code: '',
    city: 'Lagos',
    dob: '0001-01-01T00:00:00Z',
    created_at: '2026-01-02T03:04:05.123456789Z',
    meta_data: { kyc_status: 'approved' },
  };
}

export function alertRecord(id: string): Record<string, unknown> {
  return {
    anomaly_id: id,
    title: 'Watchlist hit',
    description: 'Possible match',
    type: 'Identity',
    assigned_to: '',
    escalated_to: [],
    status: 'FLAGGED',
    created_at: '2026-01-02T03:04:05Z',
    updated_at: '2026-01-02T03:04:05Z',
    affected_balances: [],
    affected_identities: ['idt_1'],
    affected_transactions: [],
  };
}

/** Captures what the client logs, to check nothing secret is in it. */
export function captureLogger(): { warn(entry: Record<string, unknown>): void; lines: string[] } {
  const lines: string[] = [];
  return { lines, warn: (entry) => lines.push(JSON.stringify(entry)) };
}

/** Everything an error exposes: message, code, details, and its JSON form. */
export function exposed(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return [error.message, error.stack ?? '', JSON.stringify(error), JSON.stringify(Object.entries(error))].join('\n');
}

/** Awaits a call that must fail with an AppError, and returns that error. */
/** The call's failure as the browser would get it (Cloud's facts through the one mapping). */
export async function failure(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    () => new Error('expected the call to fail, it succeeded'),
    (error: unknown) => error,
  );
  if (outcome instanceof CloudError) return browserErrorOf(outcome);
  if (outcome instanceof AppError) return outcome;
  throw outcome instanceof Error ? outcome : new Error(String(outcome));
}
