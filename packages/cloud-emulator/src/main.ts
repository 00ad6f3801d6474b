// Entry point of `pnpm emulator`: read env, seed or restore, serve, print the URL.
import { createCloudEmulator } from './emulator';
import { readEnv } from './env';

let env;
try {
  env = readEnv();
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}

const emulator = createCloudEmulator({
  seed: env.EMULATOR_SEED,
  identitiesPerInstance: env.EMULATOR_IDENTITIES,
  callbackTimeoutMs: env.EMULATOR_CALLBACK_TIMEOUT_MS,
  ...(env.EMULATOR_DATA_DIR === undefined ? {} : { dataDir: env.EMULATOR_DATA_DIR }),
  ...(env.EMULATOR_GENERATED_IDENTITIES === undefined
    ? {}
    : { generatedIdentities: env.EMULATOR_GENERATED_IDENTITIES }),
  ...(env.EMULATOR_PORTAL_FIELDS === undefined ? {} : { portalFields: env.EMULATOR_PORTAL_FIELDS }),
});
emulator.store.dataApi = { maxPageSize: env.EMULATOR_MAX_PAGE_SIZE, ignorePage: env.EMULATOR_IGNORE_PAGE };
if (
  env.EMULATOR_MANIFEST_CALLBACK_URL !== undefined ||
  env.EMULATOR_MANIFEST_PORTAL_URL !== undefined ||
  env.EMULATOR_MANIFEST_PERMISSIONS !== undefined
) {
  const m = emulator.store.manifest;
  emulator.store.manifest = {
    ...m,
    callback_url: env.EMULATOR_MANIFEST_CALLBACK_URL ?? m.callback_url,
    portal_generator_url: env.EMULATOR_MANIFEST_PORTAL_URL ?? m.portal_generator_url,
    permissions: env.EMULATOR_MANIFEST_PERMISSIONS ?? m.permissions,
  };
  emulator.store.changed();
}

const running = await emulator.listen(env.EMULATOR_PORT, env.EMULATOR_HOST);
process.stdout.write(`Blnk Cloud emulator listening on ${running.url}\n`);

const stop = (): void => {
  void running.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
