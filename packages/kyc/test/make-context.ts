import { DEFAULT_KYC_SETTINGS } from '@kyc-review/contracts';
import type { Identity } from '@kyc-review/contracts';
import type { CheckContext } from '../src/checks/check-context';
import { tokenizedFields } from '../src/identity/tokenized';

/** The context a check gets in production, for one identity, on 2026-11-22. */
export function contextFor(identity: Identity, overrides: Partial<CheckContext> = {}): CheckContext {
  return {
    settings: DEFAULT_KYC_SETTINGS,
    today: new Date('2026-11-22T10:00:00Z'),
    candidates: [],
    tokenized: tokenizedFields(identity),
    revealed: new Set(),
    ...overrides,
  };
}
