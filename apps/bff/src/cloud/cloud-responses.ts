import { z } from 'zod';
import { Alert, Balance, Identity, MetaData, Transaction, listEnvelope } from '@kyc-review/contracts';

// What Cloud answers, parsed once here. Tolerant exactly where the contract marks a
// gap (§6.2 detail bodies, §6.5 the alerts list) and strict everywhere else.

/** A detail route may answer the bare record or `{"data": record}` (docs/cloud-contract.md §6.2 [gap]). */
export const recordOrData = <T extends z.ZodType>(record: T) =>
  z.union([
    record,
    z
      .looseObject({ data: z.unknown() })
      .transform((wrapped) => wrapped.data)
      .pipe(record),
  ]);

/** The alerts list envelope is undocumented (§6.5 [gap]): `{data,total}` or a bare array. */
export const listOrArray = <T extends z.ZodType>(item: T) =>
  z.union([
    listEnvelope(item).transform((page) => ({ data: page.data, total: page.total })),
    z.array(item).transform((data) => ({ data, total: data.length })),
  ]);

/** The Data and Filters API list envelope (`stats` and other extras are ignored). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  listEnvelope(item).transform((page) => ({ data: page.data, total: page.total }));

export const IdentityPage = pageOf(Identity);

/** An identity row that did not parse: its id when it has a usable one (never its content). */
export interface UnreadableRow {
  readonly identityId: string | null;
}
export interface IdentityRows extends CloudPage<Identity> {
  readonly unreadable: readonly UnreadableRow[];
}
const RowId = z.looseObject({ identity_id: z.string().regex(/^idt_[A-Za-z0-9_-]{1,128}$/) });
/**
 * A page read row by row, for the sync: one record Cloud holds that we cannot read (another
 * app's 2,500-level metadata, a broken field) is reported, not a reason to drop the page.
 */
export const IdentityRowsPage = listEnvelope(z.unknown()).transform((page): IdentityRows => {
  const data: Identity[] = [];
  const unreadable: UnreadableRow[] = [];
  for (const row of page.data) {
    const parsed = Identity.safeParse(row);
    if (parsed.success) data.push(parsed.data);
    else unreadable.push({ identityId: RowId.safeParse(row).data?.identity_id ?? null });
  }
  return { data, total: page.total, unreadable };
});
export const IdentityDetail = recordOrData(Identity);
export const BalancePage = pageOf(Balance);
export const TransactionPage = pageOf(Transaction);
export const AlertPage = listOrArray(Alert);
export const AlertDetail = recordOrData(Alert);

/** Core: `{"tokenized_fields": ["FirstName", …]}`; null when nothing is tokenized. */
export const TokenizedFieldsReply = z
  .looseObject({ tokenized_fields: z.array(z.string().max(64)).max(64).nullish() })
  .transform((reply) => reply.tokenized_fields ?? []);

/** Core: `{"field": "FirstName", "value": "<original>"}`. */
export const DetokenizedReply = z
  .looseObject({ field: z.string(), value: z.string() })
  .transform((reply) => reply.value);

/** `POST /{id}/metadata` answers the merged metadata (docs/cloud-contract.md §6.4). */
export const MetadataReply = z.looseObject({ meta_data: MetaData }).transform((reply) => reply.meta_data);

const StatusKey = z.string().min(1).max(64);
/** A colour we may paint with: hex only, anything else is dropped rather than refused. */
const Colour = z
  .string()
  .regex(/^#[0-9A-Fa-f]{3,8}$/)
  .nullish()
  .catch(null)
  .transform((v) => v ?? null);
/** Today's docs answer status objects (docs/cloud-contract.md §6.5); older answers were bare keys. Both are read. */
const StatusEntry = z.union([
  StatusKey.transform((key): AlertStatus => ({ key, name: key, colour: null })),
  z
    .looseObject({ key: StatusKey, name: z.string().max(200).nullish(), colour: Colour })
    .transform((s): AlertStatus => ({ key: s.key, name: s.name?.trim() || s.key, colour: s.colour })),
]);
const StatusEntries = z.array(StatusEntry).max(500);
/** `{"data": [status…], "allowed_colours": […]}` (the colours are for managing statuses, not our concern). */
export const AlertStatusesReply = z.union([
  z.looseObject({ data: StatusEntries }).transform((reply) => reply.data),
  StatusEntries,
]);

export interface AlertStatus {
  readonly key: string;
  readonly name: string;
  readonly colour: string | null;
}

export interface CloudPage<T> {
  readonly data: T[];
  readonly total: number;
}
