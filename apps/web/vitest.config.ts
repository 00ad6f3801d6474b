import { fileURLToPath, pathToFileURL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineProject, type Plugin } from 'vitest/config';

/**
 * The tests run the real BFF in-process, and the Cloud emulator on loopback. In a jsdom
 * project Vite compiles modules for the browser, which rewrites `new URL('./migrations/',
 * import.meta.url)` (the BFF) and `new URL('./assets/…', import.meta.url)` (the emulator)
 * into http URLs (vitest-dev/vitest#3988); give those Node files their Node meaning back.
 */
const NODE_SOURCES = ['/apps/bff/src/', '/packages/cloud-emulator/src/'];

const bffImportMetaUrl = (): Plugin => ({
  name: 'bff-import-meta-url',
  enforce: 'pre',
  transform(code, id) {
    if (!NODE_SOURCES.some((dir) => id.includes(dir)) || !code.includes('import.meta.url')) return null;
    return { code: code.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(id).href)), map: null };
  },
});

// Node's own resolution (ESM builds) for the router and its DOM bindings, so both share one
// router context; the test resolver otherwise mixed react-router's CommonJS and ESM copies.
const nodeResolved = (specifier: string) => fileURLToPath(import.meta.resolve(specifier));

export default defineProject({
  plugins: [react(), bffImportMetaUrl()],
  resolve: {
    alias: [
      { find: /^react-router$/, replacement: nodeResolved('react-router') },
      { find: /^react-router\/dom$/, replacement: nodeResolved('react-router/dom') },
    ],
  },
  test: {
    name: 'web',
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    // Screen tests run the BFF and the Cloud emulator for real; on a busy machine that takes seconds.
    testTimeout: 20_000,
  },
});
