import { Permission } from '@kyc-review/contracts';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { MAX_PAGE_SIZE } from '../query/parse';
import { addAlertStatus, ALLOWED_COLOURS, CreateStatusBody } from '../state/alert-statuses';
import { PORTAL_FIELD_MODES, type Store } from '../state/store';
import { ControlError, publicInstall, type Lifecycle } from './lifecycle';

// The control API under /_emulator: for tests, benchmarks, scripts and the dashboard.
// Local only, no auth: the emulator binds to loopback by default.

const ManifestInput = z.object({
  app_id: z
    .string()
    .regex(/^app_[A-Za-z0-9_-]{1,128}$/)
    .optional(),
  name: z.string().min(1).max(100).optional(),
  description: z.string().max(500).optional(),
  developer: z.string().max(100).optional(),
  logo_url: z.string().max(500).optional(),
  callback_url: z.url().nullish(),
  portal_generator_url: z.url().nullish(),
  permissions: z.array(Permission).max(4).optional(),
});
const InstallInput = z.object({ permissions: z.array(Permission).max(4), instance_id: z.string().optional() });
const LaunchInput = z.object({
  user_id: z.string().max(200).optional(),
  organization_id: z.string().max(200).optional(),
  portal_fields: z.enum(PORTAL_FIELD_MODES).optional(),
});
const PortalFieldsInput = z.object({ mode: z.enum(PORTAL_FIELD_MODES) });
const FaultInput = z.object({
  status: z.number().int().min(400).max(599).optional(),
  latency_ms: z.number().int().min(0).max(60_000).optional(),
  reset: z.boolean().optional(),
  // Up to decades: a confused Cloud's Retry-After must be survivable (the BFF caps it).
  retry_after: z.number().int().min(0).max(10_000_000_000).optional(),
  count: z.number().int().min(1).optional(),
  ratio: z.number().gt(0).max(1).optional(),
});
const ResetInput = z.object({
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
  identities: z.number().int().min(1).max(100_000).optional(),
});

async function parse<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let body: unknown = {};
  const text = await c.req.text();
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      throw new ControlError(400, 'the body must be JSON');
    }
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ControlError(400, issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid body');
  }
  return parsed.data;
}

// null restores the default cap (100).
const DataApiInput = z.strictObject({
  max_page_size: z.number().int().min(1).max(MAX_PAGE_SIZE).nullable().optional(),
  ignore_page: z.boolean().optional(),
});
const dataApiView = (store: Store) => ({
  max_page_size: store.dataApi.maxPageSize,
  ignore_page: store.dataApi.ignorePage,
});

export interface ControlDeps {
  readonly store: Store;
  readonly lifecycle: Lifecycle;
  readonly reseed: (seed: number, identities: number) => void;
}

export function controlRoutes({ store, lifecycle, reseed }: ControlDeps) {
  const control = new Hono();
  control.onError((err, c) => {
    if (err instanceof ControlError) return c.json({ error: err.message }, err.status);
    process.stderr.write(`[emulator] control API error: ${err.stack ?? err.message}\n`);
    return c.json({ error: 'internal error' }, 500);
  });
  return (
    control
      .get('/manifest', (c) => c.json(store.manifest, 200))
      .put('/manifest', async (c) => {
        const input = await parse(c, ManifestInput);
        store.manifest = {
          app_id: input.app_id ?? store.manifest.app_id,
          name: input.name ?? store.manifest.name,
          description: input.description ?? store.manifest.description,
          developer: input.developer ?? store.manifest.developer,
          logo_url: input.logo_url ?? store.manifest.logo_url,
          callback_url: input.callback_url ?? null,
          portal_generator_url: input.portal_generator_url ?? null,
          permissions: [...new Set(input.permissions ?? store.manifest.permissions)],
        };
        store.changed();
        return c.json(store.manifest, 200);
      })
      // Which portal request launches send: today's three fields or the older five (docs/cloud-contract.md §3).
      .get('/portal-fields', (c) => c.json({ mode: store.portalFields }, 200))
      .put('/portal-fields', async (c) => {
        store.portalFields = (await parse(c, PortalFieldsInput)).mode;
        store.changed();
        return c.json({ mode: store.portalFields }, 200);
      })
      .get('/instances', (c) =>
        c.json(
          store.instances.map((i) => i.info),
          200,
        ),
      )
      .get('/installs', (c) => {
        const instanceId = c.req.query('instance_id');
        const installs = [...store.installs.values()].filter(
          (i) => instanceId === undefined || i.instance_id === instanceId,
        );
        return c.json(installs.map(publicInstall), 200);
      })
      .post('/installs', async (c) => {
        const input = await parse(c, InstallInput);
        const { install, callback } = await lifecycle.install(input.permissions, input.instance_id);
        return c.json({ install: { ...install }, callback }, 200);
      })
      .post('/installs/:id/launch', async (c) => {
        const input = await parse(c, LaunchInput);
        return c.json(await lifecycle.launch(c.req.param('id'), input), 200);
      })
      .post('/installs/:id/uninstall', async (c) => {
        const { install, callback } = await lifecycle.uninstall(c.req.param('id'));
        return c.json({ install: publicInstall(install), callback }, 200);
      })
      .get('/alert-statuses', (c) => c.json({ data: store.alertStatuses, allowed_colours: ALLOWED_COLOURS }, 200))
      .post('/alert-statuses', async (c) => {
        const input = await parse(c, CreateStatusBody);
        const added = addAlertStatus(store.alertStatuses, input, store.organizationId, store.clock().toISOString());
        if (!added.ok) throw new ControlError(added.code, added.message);
        store.changed();
        return c.json(added.status, 201);
      })
      .get('/data-api', (c) => c.json(dataApiView(store), 200))
      .put('/data-api', async (c) => {
        const input = await parse(c, DataApiInput);
        store.dataApi = {
          maxPageSize:
            input.max_page_size === undefined ? store.dataApi.maxPageSize : (input.max_page_size ?? MAX_PAGE_SIZE),
          ignorePage: input.ignore_page ?? store.dataApi.ignorePage,
        };
        return c.json(dataApiView(store), 200);
      })
      .get('/faults', (c) => c.json({ data: store.faults }, 200))
      .post('/faults', async (c) => {
        const input = await parse(c, FaultInput);
        const fault = {
          id: store.nextSeq(),
          status: input.status ?? null,
          latency_ms: input.latency_ms ?? 0,
          reset: input.reset ?? false,
          retry_after: input.retry_after ?? null,
          remaining: input.count ?? null,
          ratio: input.ratio ?? null,
        };
        if (fault.status === null && fault.latency_ms === 0 && !fault.reset)
          throw new ControlError(400, 'a fault needs status, latency_ms or reset');
        store.faults = [...store.faults, fault];
        return c.json({ fault }, 201);
      })
      .delete('/faults', (c) => {
        const cleared = store.faults.length;
        store.faults = [];
        return c.json({ cleared }, 200);
      })
      .get('/identities/:id', (c) => {
        const id = c.req.param('id');
        for (const instance of store.instances) {
          const identity = instance.identities.get(id);
          if (identity) return c.json(identity, 200);
        }
        return c.json({ error: 'identity not found' }, 404);
      })
      .get('/alerts', (c) => {
        const identityId = c.req.query('identity_id');
        const alerts = store.instances
          .flatMap((i) => i.alerts.rows())
          .filter((a) => identityId === undefined || a.affected_identities.includes(identityId));
        return c.json({ data: alerts, total: alerts.length }, 200);
      })
      .get('/callbacks', (c) => {
        const since = Number(c.req.query('since') ?? 0) || 0;
        return c.json({ data: store.callbacks.filter((e) => e.id > since) }, 200);
      })
      .get('/calls', (c) => c.json({ data: store.calls }, 200))
      .delete('/calls', (c) => {
        store.calls.length = 0;
        return c.json({ cleared: true }, 200);
      })
      .post('/reset', async (c) => {
        const input = await parse(c, ResetInput);
        reseed(input.seed ?? store.seed, input.identities ?? store.identitiesPerInstance);
        return c.json(
          { seed: store.seed, identities: store.identitiesPerInstance, instances: store.instances.map((i) => i.info) },
          200,
        );
      })
  );
}
