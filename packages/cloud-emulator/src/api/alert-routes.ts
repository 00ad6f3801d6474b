import { Hono } from 'hono';
import { z } from 'zod';
import {
  addAlertStatus,
  ALLOWED_COLOURS,
  BUILT_IN_ALERT_STATUSES,
  CreateStatusBody,
  UpdateStatusBody,
} from '../state/alert-statuses';
import type { InstanceData } from '../state/instance-data';
import type { AlertRow } from '../state/records';
import type { Store } from '../state/store';
import { cloudError, jsonBody, type ApiEnv } from './api-env';

// Cloud's own Alerts API (docs/cloud-contract.md §6.5), scoped to the key's instance.

const FlagBody = z.object({
  title: z.string().max(200).optional(),
  description: z.string().trim().min(1, 'description is required').max(5000),
});
const UpdateBody = z.object({
  title: z.string().max(200).optional(),
  description: z.string().max(5000).optional(),
  status: z.string().min(1).max(50).optional(),
});

/** The record flagged and who it affects: a balance's or transaction's owners are affected too. */
function affected(
  data: InstanceData,
  id: string,
): Pick<AlertRow, 'type' | 'affected_balances' | 'affected_identities' | 'affected_transactions'> | null {
  if (id.startsWith('idt_'))
    return data.identities.get(id)
      ? { type: 'Identity', affected_balances: [], affected_identities: [id], affected_transactions: [] }
      : null;
  if (id.startsWith('bln_')) {
    const balance = data.balances.get(id);
    return balance
      ? {
          type: 'Balance',
          affected_balances: [id],
          affected_identities: balance.identity_id === '' ? [] : [balance.identity_id],
          affected_transactions: [],
        }
      : null;
  }
  if (id.startsWith('txn_')) {
    const txn = data.transactions.get(id);
    if (!txn) return null;
    const balances = [txn.source, txn.destination];
    const identities = balances.map((b) => data.balances.get(b)?.identity_id ?? '').filter((i) => i !== '');
    return {
      type: 'Transaction',
      affected_balances: balances,
      affected_identities: [...new Set(identities)],
      affected_transactions: [id],
    };
  }
  return null;
}

function message(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid body';
}

export const alertRoutes = (store: Store) =>
  new Hono<ApiEnv>()
    .get('/alerts/statuses', (c) => c.json({ data: store.alertStatuses, allowed_colours: ALLOWED_COLOURS }, 200))
    .post('/alerts/statuses', async (c) => {
      const body = CreateStatusBody.safeParse(await jsonBody(c));
      if (!body.success) return cloudError(c, 400, message(body.error));
      const added = addAlertStatus(store.alertStatuses, body.data, store.organizationId, store.clock().toISOString());
      if (!added.ok) return cloudError(c, added.code, added.message);
      store.changed();
      return c.json(added.status, 201);
    })
    .put('/alerts/statuses/:key', async (c) => {
      const status = store.alertStatuses.find((s) => s.key === c.req.param('key'));
      if (!status) return cloudError(c, 404, 'status not found');
      const body = UpdateStatusBody.safeParse(await jsonBody(c));
      if (!body.success) return cloudError(c, 400, message(body.error));
      if (body.data.name !== undefined) status.name = body.data.name;
      if (body.data.colour !== undefined) status.colour = body.data.colour;
      status.updated_at = store.clock().toISOString();
      store.changed();
      return c.json(status, 200);
    })
    .delete('/alerts/statuses/:key', (c) => {
      const key = c.req.param('key');
      const index = store.alertStatuses.findIndex((s) => s.key === key);
      if (index === -1) return cloudError(c, 404, 'status not found');
      if (BUILT_IN_ALERT_STATUSES.includes(key))
        return cloudError(c, 400, `"${key}" is built in and cannot be deleted`);
      store.alertStatuses.splice(index, 1);
      store.changed();
      return c.json({ message: 'Status deleted successfully' }, 200);
    })
    .get('/alerts', (c) => {
      const identity =
        c.req.query('identity_id') ?? c.req.query('affected_identity') ?? c.req.query('affected_identities');
      const status = c.req.query('status');
      const all = c.var.instance.alerts
        .rows()
        .filter(
          (a) =>
            (identity === undefined || a.affected_identities.includes(identity)) &&
            (status === undefined || a.status === status),
        );
      const page = Math.max(1, Number(c.req.query('page') ?? 1) || 1);
      const size = Math.min(100, Math.max(1, Number(c.req.query('pageSize') ?? 20) || 20));
      // [gap] §6.5: the envelope is undocumented; the emulator answers {data, total}.
      return c.json({ data: all.slice((page - 1) * size, page * size), total: all.length }, 200);
    })
    .get('/alerts/:id', (c) => {
      const alert = c.var.instance.alerts.get(c.req.param('id'));
      return alert ? c.json(alert, 200) : cloudError(c, 404, 'alert not found');
    })
    .post('/alerts/flag/:id', async (c) => {
      const id = c.req.param('id');
      const target = affected(c.var.instance, id);
      if (target === null) return cloudError(c, 404, `no identity, balance or transaction ${id} in this instance`);
      const body = FlagBody.safeParse(await jsonBody(c));
      if (!body.success) return cloudError(c, 400, message(body.error));
      const now = store.clock().toISOString();
      const alert: AlertRow = {
        anomaly_id: store.newId('ano_'),
        title: body.data.title ?? `${target.type} flagged`,
        description: body.data.description,
        assigned_to: '',
        escalated_to: [],
        status: 'FLAGGED',
        created_at: now,
        updated_at: now,
        ...target,
      };
      c.var.instance.alerts.insert(alert);
      store.changed();
      return c.json(alert, 201);
    })
    .put('/alerts/flag/:id', async (c) => {
      const alert = c.var.instance.alerts.get(c.req.param('id'));
      if (!alert) return cloudError(c, 404, 'alert not found');
      const body = UpdateBody.safeParse(await jsonBody(c));
      if (!body.success) return cloudError(c, 400, message(body.error));
      if (body.data.status !== undefined && !store.alertStatuses.some((s) => s.key === body.data.status))
        return cloudError(c, 400, `unknown status "${body.data.status}"; see GET /alerts/statuses`);
      if (body.data.title !== undefined) alert.title = body.data.title;
      if (body.data.description !== undefined) alert.description = body.data.description;
      if (body.data.status !== undefined) alert.status = body.data.status;
      alert.updated_at = store.clock().toISOString();
      store.changed();
      return c.json(alert, 200);
    });
