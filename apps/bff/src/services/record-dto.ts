import {
  ZERO_TIME,
  type Alert,
  type AlertDto,
  type Balance,
  type BalanceDto,
  type Identity,
  type IdentityDto,
  type Transaction,
  type TransactionDto,
} from '@kyc-review/contracts';
import { TEXT_FIELDS, tokenizedFields as tokenizedTextFields } from '@kyc-review/kyc';
import { alertPerson } from './alert-person';

// Cloud records → the DTOs the SPA reads. Only the documented fields go out: Cloud may
// add fields to its records (they are loose objects) and none of them reach the browser.

/**
 * DTO field names that hold a `FPT:` token instead of the data: the same rule the checks
 * use (`packages/kyc`), so the SPA and the checks never disagree about one identity.
 */
export function tokenizedFields(identity: Identity): string[] {
  const tokenized = tokenizedTextFields(identity);
  return TEXT_FIELDS.filter((field) => tokenized.has(field));
}

/** Blnk's unset dob is the zero time (or, tolerated, an empty string). */
function dobOrNull(dob: string): string | null {
  return dob === '' || dob === ZERO_TIME || dob.startsWith('0001-01-01') ? null : dob;
}

export function toIdentityDto(identity: Identity): IdentityDto {
  return {
    identity_id: identity.identity_id,
    identity_type: identity.identity_type,
    organization_name: identity.organization_name,
    category: identity.category,
    first_name: identity.first_name,
    last_name: identity.last_name,
    other_names: identity.other_names,
    gender: identity.gender,
    email_address: identity.email_address,
    phone_number: identity.phone_number,
    nationality: identity.nationality,
    street: identity.street,
    country: identity.country,
    state: identity.state,
    post_code: identity.post_code,
    city: identity.city,
    dob: dobOrNull(identity.dob),
    created_at: identity.created_at,
    meta_data: identity.meta_data,
    tokenized_fields: tokenizedFields(identity),
  };
}

export function toBalanceDto(balance: Balance, precision: number | null): BalanceDto {
  return {
    balance_id: balance.balance_id,
    ledger_id: balance.ledger_id,
    identity_id: balance.identity_id,
    indicator: balance.indicator,
    currency: balance.currency,
    balance: balance.balance,
    credit_balance: balance.credit_balance,
    debit_balance: balance.debit_balance,
    inflight_balance: balance.inflight_balance ?? null,
    precision,
    created_at: balance.created_at,
  };
}

export function toTransactionDto(txn: Transaction): TransactionDto {
  return {
    transaction_id: txn.transaction_id,
    parent_transaction: txn.parent_transaction,
    source: txn.source,
    destination: txn.destination,
    reference: txn.reference,
    precise_amount: txn.precise_amount,
    precision: txn.precision,
    currency: txn.currency,
    description: txn.description,
    status: txn.status,
    created_at: txn.created_at,
    effective_date: txn.effective_date,
  };
}

/** The names the install knows for what an alert names: its affected identities, and the Cloud users linked to reviewers. */
export type AlertNames = {
  readonly identities: ReadonlyMap<string, string>;
  readonly reviewers: ReadonlyMap<string, string>;
};

export function toAlertDto(alert: Alert, names: AlertNames): AlertDto {
  return {
    anomaly_id: alert.anomaly_id,
    title: alert.title,
    description: alert.description,
    type: alert.type,
    assigned_to: alert.assigned_to,
    escalated_to: alert.escalated_to,
    assignee: alert.assigned_to.trim() === '' ? null : alertPerson(alert.assigned_to, names.reviewers),
    escalated: alert.escalated_to.map((id) => alertPerson(id, names.reviewers)),
    status: alert.status,
    created_at: alert.created_at,
    updated_at: alert.updated_at,
    affected_balances: alert.affected_balances,
    affected_identities: alert.affected_identities,
    identity_names: Object.fromEntries(
      alert.affected_identities.flatMap((id) => {
        const name = names.identities.get(id);
        return name === undefined ? [] : [[id, name]];
      }),
    ),
    affected_transactions: alert.affected_transactions,
  };
}

/** Newest first by `created_at`; RFC 3339 with the same offset compares as text. */
export const newestFirst = <T extends { readonly created_at: string }>(a: T, b: T): number =>
  Date.parse(b.created_at) - Date.parse(a.created_at) ||
  (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0);
