import { TOKENIZABLE_FIELDS, ZERO_TIME, type TokenizableField } from '@kyc-review/contracts';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { blankIdentity, IDENTITY_TEXT_FIELDS, type IdentityRow } from '../state/records';
import type { Store } from '../state/store';
import { coreError, jsonBody, type ApiEnv } from './api-env';

// Core's identity routes behind `/proxy` (docs/cloud-contract.md §6.4), with Core's quirks kept:
// PUT is partial (empty strings are skipped) and a `meta_data` in it replaces the column.

const IdentityInput = z.looseObject({
  ...Object.fromEntries(IDENTITY_TEXT_FIELDS.map((f) => [f, z.string().max(500).optional()])),
  dob: z.string().max(40).optional(),
  meta_data: z.record(z.string(), z.unknown()).nullish(),
});

function parseInput(c: Context<ApiEnv>, body: unknown): z.infer<typeof IdentityInput> | Response {
  if (body === undefined) return coreError(c, 400, 'GEN_BAD_REQUEST', 'request body must be JSON');
  const parsed = IdentityInput.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return coreError(
      c,
      400,
      'IDT_VALIDATION_ERROR',
      `invalid identity: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'malformed'}`,
    );
  }
  if (parsed.data.dob !== undefined && parsed.data.dob !== '' && Number.isNaN(Date.parse(parsed.data.dob))) {
    return coreError(c, 400, 'IDT_VALIDATION_ERROR', 'invalid identity: dob must be an RFC 3339 date');
  }
  return parsed.data;
}

function textOf(input: Record<string, unknown>, field: string): string {
  const value = input[field];
  return typeof value === 'string' ? value : '';
}

function normaliseDob(dob: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(dob) ? `${dob}T00:00:00Z` : dob;
}

/** `firstName`, `first_name` and `FirstName` all name the same field (Core accepts each). */
export function pascalField(name: string): TokenizableField | null {
  const pascal = name.includes('_')
    ? name
        .split('_')
        .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
        .join('')
    : name.charAt(0).toUpperCase() + name.slice(1);
  return isTokenizable(pascal) ? pascal : null;
}

function isTokenizable(name: string): name is TokenizableField {
  return Object.hasOwn(TOKENIZABLE_FIELDS, name);
}

function tokenizedFields(identity: IdentityRow): TokenizableField[] {
  const flags = identity.meta_data['tokenized_fields'];
  if (typeof flags !== 'object' || flags === null) return [];
  return Object.entries(flags)
    .filter(([, on]) => on === true)
    .map(([name]) => pascalField(name))
    .filter((f): f is TokenizableField => f !== null);
}

const notFound = (c: Context<ApiEnv>): Response => coreError(c, 404, 'IDT_NOT_FOUND', 'identity not found');

export const proxyIdentityRoutes = (store: Store) =>
  new Hono<ApiEnv>()
    .post('/proxy/identities', async (c) => {
      const input = parseInput(c, await jsonBody(c));
      if (input instanceof Response) return input;
      const identity: IdentityRow = {
        ...blankIdentity(store.newId('idt_'), store.clock().toISOString()),
        dob: input.dob === undefined || input.dob === '' ? ZERO_TIME : normaliseDob(input.dob),
        meta_data: input.meta_data ?? {},
      };
      for (const field of IDENTITY_TEXT_FIELDS) identity[field] = textOf(input, field);
      c.var.instance.identities.insert(identity);
      store.changed();
      return c.json(identity, 201);
    })
    .get('/proxy/identities/:id', (c) => {
      const identity = c.var.instance.identities.get(c.req.param('id'));
      return identity ? c.json(identity, 200) : notFound(c);
    })
    .put('/proxy/identities/:id', async (c) => {
      const identity = c.var.instance.identities.get(c.req.param('id'));
      if (!identity) return notFound(c);
      const input = parseInput(c, await jsonBody(c));
      if (input instanceof Response) return input;
      for (const field of IDENTITY_TEXT_FIELDS) {
        const value = textOf(input, field);
        if (value !== '') identity[field] = value;
      }
      if (input.dob !== undefined && input.dob !== '') identity.dob = normaliseDob(input.dob);
      // Core replaces the whole column, erasing other apps' keys and tokenized_fields.
      if (input.meta_data !== undefined && input.meta_data !== null) identity.meta_data = input.meta_data;
      store.changed();
      return c.json({ message: 'Identity updated successfully' }, 200);
    })
    .get('/proxy/identities/:id/tokenized-fields', (c) => {
      const identity = c.var.instance.identities.get(c.req.param('id'));
      return identity ? c.json({ tokenized_fields: tokenizedFields(identity) }, 200) : notFound(c);
    })
    .get('/proxy/identities/:id/detokenize/:field', (c) => {
      const identity = c.var.instance.identities.get(c.req.param('id'));
      if (!identity) return notFound(c);
      const field = pascalField(c.req.param('field'));
      if (field === null) return coreError(c, 400, 'IDT_VALIDATION_ERROR', `field ${c.req.param('field')} not found`);
      const value = c.var.instance.secrets.get(identity.identity_id)?.[field];
      if (!tokenizedFields(identity).includes(field) || value === undefined)
        return coreError(c, 400, 'IDT_FIELD_NOT_TOKENIZED', `field ${field} is not tokenized`);
      return c.json({ field, value }, 200);
    })
    .post('/proxy/identities/:id/detokenize', async (c) => {
      const identity = c.var.instance.identities.get(c.req.param('id'));
      if (!identity) return notFound(c);
      const body = z
        .object({ fields: z.array(z.string().max(100)).max(20).nullish() })
        .safeParse((await jsonBody(c)) ?? {});
      if (!body.success) return coreError(c, 400, 'GEN_BAD_REQUEST', 'body must be {"fields": [names]}');
      const tokenized = tokenizedFields(identity);
      const wanted =
        body.data.fields && body.data.fields.length > 0 ? body.data.fields.map((f) => pascalField(f)) : tokenized;
      const secrets = c.var.instance.secrets.get(identity.identity_id) ?? {};
      const fields: Record<string, string> = {};
      for (const field of wanted) {
        const value = field === null ? undefined : secrets[field];
        if (field === null) return coreError(c, 400, 'IDT_VALIDATION_ERROR', 'unknown field name');
        if (!tokenized.includes(field) || value === undefined)
          return coreError(c, 400, 'IDT_FIELD_NOT_TOKENIZED', `field ${field} is not tokenized`);
        fields[field] = value;
      }
      return c.json({ fields }, 200);
    });
