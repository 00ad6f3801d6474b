import { z } from 'zod';
import { Alert, Balance, Identity, MetaData, Transaction, listEnvelope } from '@kyc-review/contracts';

// What Cloud answers, parsed once here. Tolerant exactly where the contract marks a
// gap (§6.2 detail bodies, §6.5 the alerts list) and strict everywhere else.

/** A detail route may answer the bare record or `{"data": record}` (contract §6.2 [gap]). */
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

/** `POST /{id}/metadata` answers the merged metadata (contract §6.4). */
export const MetadataReply = z.looseObject({ meta_data: MetaData }).transform((reply) => reply.meta_data);

export const AlertStatusesReply = z
  .looseObject({ data: z.array(z.string().min(1).max(64)) })
  .transform((reply) => reply.data);

export interface CloudPage<T> {
  readonly data: T[];
  readonly total: number;
}
