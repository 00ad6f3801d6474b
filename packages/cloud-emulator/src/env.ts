import { Permission } from '@kyc-review/contracts';
import { z } from 'zod';
import { PORTAL_FIELD_MODES } from './state/store';

// The only reader of process.env in this package. Fails fast with a readable message.

const Env = z.object({
  EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  EMULATOR_HOST: z.string().min(1).default('127.0.0.1'),
  EMULATOR_DATA_DIR: z.string().min(1).optional(),
  EMULATOR_SEED: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(1),
  EMULATOR_IDENTITIES: z.coerce.number().int().min(1).max(100_000).default(200),
  /** The 1M-identity bench: the first instance's identities, generated on demand (not with EMULATOR_DATA_DIR). */
  EMULATOR_GENERATED_IDENTITIES: z.coerce.number().int().min(1).max(10_000_000).optional(),
  EMULATOR_CALLBACK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  // The Data API's paging, to test a client against a Cloud that pages differently.
  EMULATOR_MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(100).default(100),
  EMULATOR_IGNORE_PAGE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  EMULATOR_MANIFEST_CALLBACK_URL: z.url().optional(),
  EMULATOR_MANIFEST_PORTAL_URL: z.url().optional(),
  /** `legacy` sends the older five-field portal request (organization_id, user_id); default today's three. */
  EMULATOR_PORTAL_FIELDS: z.enum(PORTAL_FIELD_MODES).optional(),
  EMULATOR_MANIFEST_PERMISSIONS: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.split(',').map((p) => p.trim())))
    .pipe(z.array(Permission).optional()),
});
export type EmulatorEnv = z.infer<typeof Env>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): EmulatorEnv {
  const parsed = Env.safeParse(source);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`Invalid emulator environment:\n${lines.join('\n')}`);
}
