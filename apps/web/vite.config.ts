import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Dev only: the BFF the dev server forwards to, and who may frame the dev server (the
// local emulator's dashboard). Production headers come from the BFF, which serves dist/.
const bffUrl = process.env['BFF_URL'] ?? 'http://127.0.0.1:8787';
// WEB_PORT: scripts/dev.mjs picks it (a free one when 5173 is taken).
const webPort = Number(process.env['WEB_PORT'] ?? 5173);
const frameAncestors = process.env['FRAME_ANCESTORS'] ?? "'self' http://127.0.0.1:4000 http://localhost:4000";

// changeOrigin stays false so the BFF's same-origin check sees the browser's own origin.
const toBff = { target: bffUrl, changeOrigin: false };

export default defineConfig({
  plugins: [react()],
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
  },
});
