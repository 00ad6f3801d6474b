import { fileURLToPath, pathToFileURL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineProject, type Plugin } from 'vitest/config';

/**
 * The tests run the real BFF in-process. In a jsdom project Vite compiles modules for the
 * browser, which rewrites the BFF's `new URL('./migrations/', import.meta.url)` into an
 * http URL (vitest-dev/vitest#3988); give BFF files their Node meaning back.
 */
const bffImportMetaUrl = (): Plugin => ({
  name: 'bff-import-meta-url',
  enforce: 'pre',
  transform(code, id) {
    if (!id.includes('/apps/bff/src/') || !code.includes('import.meta.url')) return null;
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
  },
});
