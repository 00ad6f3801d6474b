import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin, type Rollup } from 'vite';

// Dev only: the BFF the dev server forwards to, and who may frame the dev server (the
// local emulator's dashboard). Production headers come from the BFF, which serves dist/.
const bffUrl = process.env['BFF_URL'] ?? 'http://127.0.0.1:8787';
// WEB_PORT: scripts/dev.mjs picks it (a free one when 5173 is taken).
const webPort = Number(process.env['WEB_PORT'] ?? 5173);
const frameAncestors = process.env['FRAME_ANCESTORS'] ?? "'self' http://127.0.0.1:4000 http://localhost:4000";

// changeOrigin stays false so the BFF's same-origin check sees the browser's own origin.
const toBff = { target: bffUrl, changeOrigin: false };

const TEXT = /\.(?:js|css|html|svg|json)$/;
/** Below this a compressed copy saves too little to matter. */
const MIN_BYTES = 1024;

/** Writes `<file>.br` and `<file>.gz` beside every text file of the build. */
function precompress(dir: string) {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !TEXT.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    const body = readFileSync(path);
    if (body.length < MIN_BYTES) continue;
    const quality = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length };
    writeFileSync(`${path}.br`, brotliCompressSync(body, { params: quality }));
    writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
  }
}

/**
 * Brotli and gzip copies of the built assets, which the BFF serves as they are by the
 * browser's Accept-Encoding (serveStatic `precompressed`, decision 019): no per-request work.
 */
const precompressed = (): Plugin => {
  let outDir = 'dist';
  return {
    name: 'kyc-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      precompress(outDir);
    },
  };
};

type ModuleGraph = Parameters<Rollup.GetManualChunk>[1];

/** The modules the entry imports statically (they load with it, whatever chunk they are in). */
function entryModules(graph: ModuleGraph): Set<string> {
  const seen = new Set<string>();
  const next = [...graph.getModuleIds()].filter((id) => graph.getModuleInfo(id)?.isEntry === true);
  for (let id = next.pop(); id !== undefined; id = next.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    next.push(...(graph.getModuleInfo(id)?.importedIds ?? []));
  }
  return seen;
}

const LAUNCH_CHUNKS: readonly [name: string, test: RegExp][] = [
  ['contracts', /[\\/]packages[\\/]contracts[\\/]|[\\/]node_modules[\\/]\.pnpm[\\/]zod@/],
  ['router', /[\\/]node_modules[\\/]\.pnpm[\\/]react-router@/],
  ['shell', /[\\/]node_modules[\\/]\.pnpm[\\/]@?radix-ui|[\\/]src[\\/](?:components|shell)[\\/]/],
];

/**
 * The lazy code every signed-in launch runs, in three chunks (contracts and zod, the router,
 * the shell with the shared components and Radix) instead of ~20 small ones: a launch over
 * HTTP/1.1 (six connections per host) waited for those in rounds (decision 019,
 * `bench/first-load.ts`). What the entry imports statically goes to `boot`, which loads
 * with the entry (in a launch chunk, the entry would import that whole chunk); screens and
 * the chart stay chunks of their own.
 */
function launchChunks(): Rollup.GetManualChunk {
  let inEntry: Set<string> | undefined;
  return (id, graph) => {
    inEntry ??= entryModules(graph);
    // Named, so that a launch chunk does not take in the React or query client it uses.
    if (inEntry.has(id)) return graph.getModuleInfo(id)?.isEntry === true ? undefined : 'boot';
    return LAUNCH_CHUNKS.find(([, test]) => test.test(id))?.[0];
  };
}

export default defineConfig({
  plugins: [react(), precompressed()],
  server: {
    port: webPort,
    strictPort: true,
    headers: { 'Content-Security-Policy': `frame-ancestors ${frameAncestors}` },
    proxy: {
      '/api': toBff,
      '/portal': toBff,
      '/cloud': toBff,
      '/healthz': toBff,
      '/readyz': toBff,
    },
  },
  preview: {
    port: 4173,
    headers: { 'Content-Security-Policy': `frame-ancestors ${frameAncestors}` },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Screens are lazy routes (src/router.tsx), so each lands in its own chunk. The budget
    // that matters is gzip size of the initial JS: `pnpm --filter @kyc-review/web size`.
    chunkSizeWarningLimit: 500,
    // One stylesheet (≈ 10 kB brotli), linked from index.html: a lazy chunk then waits for no CSS of its own.
    cssCodeSplit: false,
    rollupOptions: { output: { manualChunks: launchChunks(), experimentalMinChunkSize: 20_000 } },
  },
});
