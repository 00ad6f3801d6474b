import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support';

// The built SPA as the BFF serves it: hashed assets cached for a year as immutable, the
// precompressed copy the browser accepts (brotli before gzip), the plain file otherwise;
// index.html always revalidated.

const script = `console.log(${JSON.stringify('x'.repeat(4_000))});`;
let staticDir: string;
let t: TestApp;
beforeAll(() => {
  staticDir = mkdtempSync(join(tmpdir(), 'kyc-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>KYC Review</title><div id="root"></div>');
  mkdirSync(join(staticDir, 'assets'));
  const file = join(staticDir, 'assets', 'index-Ab12Cd34.js');
  writeFileSync(file, script);
  writeFileSync(`${file}.br`, brotliCompressSync(script));
  writeFileSync(`${file}.gz`, gzipSync(script));
  writeFileSync(join(staticDir, 'assets', 'plain-Zz99.js'), script);
});
afterAll(() => rmSync(staticDir, { recursive: true, force: true }));
afterEach(() => t.close());

const get = (path: string, encoding?: string) => {
  t = createTestApp({ env: { STATIC_DIR: staticDir } });
  return t.app.request(path, { headers: encoding === undefined ? {} : { 'Accept-Encoding': encoding } });
};
const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe('static assets', () => {
  it('sends brotli when the browser offers it, immutable for a year', async () => {
    const res = await get('/assets/index-Ab12Cd34.js', 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Encoding')).toBe('br');
    expect(res.headers.get('Vary')).toContain('Accept-Encoding');
    expect(res.headers.get('Content-Type')).toMatch(/javascript/);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(await bytes(res)).toString()).toBe(script);
  });

  it('sends gzip to a browser without brotli, and the plain file to one that takes neither', async () => {
    const gz = await get('/assets/index-Ab12Cd34.js', 'gzip');
    expect(gz.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(await bytes(gz)).toString()).toBe(script);
    const plain = await get('/assets/index-Ab12Cd34.js');
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
    expect(plain.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
  });

  it('sends a file without compressed copies as it is', async () => {
    const res = await get('/assets/plain-Zz99.js', 'br, gzip');
    expect(res.headers.get('Content-Encoding')).toBeNull();
    expect(await res.text()).toBe(script);
  });

  it('has index.html revalidated, for the root and for client routes', async () => {
    for (const path of ['/', '/queue']) {
      const res = await get(path, 'br, gzip');
      expect(res.status).toBe(200);
      expect(res.headers.get('Cache-Control')).toBe('no-cache');
      expect(await res.text()).toContain('<div id="root">');
    }
  });
});
