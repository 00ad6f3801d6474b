import { z } from 'zod';
import type { Reviewer } from './review-session';
import type { Stack } from './stack';

// What Blnk Cloud (the emulator) holds after the BFF wrote back: each identity's
// meta_data and the alerts raised, read on Cloud's side, never through the BFF.

const IdentityPage = z.object({
  data: z.array(z.object({ identity_id: z.string(), meta_data: z.record(z.string(), z.unknown()) })),
  total: z.number(),
});
const Alerts = z.object({
  data: z.array(
    z.looseObject({ anomaly_id: z.string(), description: z.string(), affected_identities: z.array(z.string()) }),
  ),
});

/** Every identity of the install's instance with its meta_data, by id. */
export async function cloudMetadata(stack: Stack, who: Reviewer): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  for (let page = 1; ; page += 1) {
    const res = await fetch(
      `${stack.emulatorUrl}/data/identities?instance_id=${who.instanceId}&pageSize=100&page=${String(page)}`,
      {
        headers: { authorization: `Bearer ${who.apiKey}` },
      },
    );
    const body = IdentityPage.parse(await res.json());
    for (const row of body.data) out.set(row.identity_id, row.meta_data);
    if (body.data.length < 100) return out;
  }
}

export async function identityCount(stack: Stack, who: Reviewer): Promise<number> {
  const res = await fetch(`${stack.emulatorUrl}/data/identities?instance_id=${who.instanceId}&pageSize=1`, {
    headers: { authorization: `Bearer ${who.apiKey}` },
  });
  return IdentityPage.parse(await res.json()).total;
}

/** How many alerts in Cloud carry the write-back marker of each action id. */
export async function alertsByAction(stack: Stack): Promise<Map<string, number>> {
  const { data } = Alerts.parse(await stack.control('GET', '/alerts'));
  const counts = new Map<string, number>();
  for (const alert of data) {
    for (const [, actionId] of alert.description.matchAll(/\[kyc-review ([^\]]+)\]/g)) {
      if (actionId !== undefined) counts.set(actionId, (counts.get(actionId) ?? 0) + 1);
    }
  }
  return counts;
}

/** Polls until `done` holds, within a bound: a drain that never finishes fails with `describe()`. */
export async function eventually(
  done: () => boolean | Promise<boolean>,
  describe: () => string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`not reached within ${String(timeoutMs)} ms: ${describe()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
