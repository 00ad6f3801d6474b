import {
  WatchlistAppliedDto,
  WatchlistImportPreviewDto,
  type WatchlistImportFormat,
  type WatchlistImportMode,
} from '@kyc-review/contracts';
import type { EmulatorBackedApp, InstalledSession } from '../../support/emulator-app';
import { apiHeaders } from '../../support/lifecycle';
import type { ApiAnswer } from '../../support/rpc';

/** What a test uploads: one raw file with its content type, or several files as multipart parts. */
export type Upload =
  | { readonly raw: string; readonly type?: string; readonly filename?: string }
  | { readonly files: Readonly<Record<string, string>> };

export type UploadOptions = {
  readonly mode?: WatchlistImportMode | null;
  readonly format?: WatchlistImportFormat;
  readonly headers?: Record<string, string>;
};

/** POST /api/watchlist/import as the Settings control (multipart) or a script (raw file) sends it. */
export function uploadWatchlist(
  env: EmulatorBackedApp,
  installed: InstalledSession,
  upload: Upload,
  { mode = 'replace', format, headers = {} }: UploadOptions = {},
): Promise<Response> {
  const query = new URLSearchParams();
  if (mode !== null) query.set('mode', mode);
  if (format !== undefined) query.set('format', format);
  if ('raw' in upload && upload.filename !== undefined) query.set('filename', upload.filename);
  const path = `/api/watchlist/import?${query.toString()}`;
  if ('raw' in upload) {
    return Promise.resolve(
      env.t.app.request(path, {
        method: 'POST',
        headers: { ...apiHeaders(installed.session), 'Content-Type': upload.type ?? 'text/csv', ...headers },
        body: upload.raw,
      }),
    );
  }
  const form = new FormData();
  for (const [name, text] of Object.entries(upload.files))
    form.append('file', new Blob([text], { type: 'text/csv' }), name);
  // The browser sets the multipart Content-Type with its boundary.
  const { 'Content-Type': _json, ...session } = apiHeaders(installed.session);
  return Promise.resolve(env.t.app.request(path, { method: 'POST', headers: { ...session, ...headers }, body: form }));
}

/** Uploads and expects a preview. */
export async function previewWatchlist(
  env: EmulatorBackedApp,
  installed: InstalledSession,
  upload: Upload,
  options?: UploadOptions,
): Promise<WatchlistImportPreviewDto> {
  const res = await uploadWatchlist(env, installed, upload, options);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`the import answered ${String(res.status)}: ${text}`);
  return WatchlistImportPreviewDto.parse(JSON.parse(text));
}

export function confirmImport(installed: InstalledSession, importId: string): Promise<ApiAnswer> {
  return installed.rpc.api.watchlist.imports[':importId'].confirm.$post({ param: { importId } });
}

/** Uploads, confirms the preview, and answers both. */
export async function importWatchlist(
  env: EmulatorBackedApp,
  installed: InstalledSession,
  upload: Upload,
  options?: UploadOptions,
): Promise<{ preview: WatchlistImportPreviewDto; applied: WatchlistAppliedDto }> {
  const preview = await previewWatchlist(env, installed, upload, options);
  const res = await confirmImport(installed, preview.import_id);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`the confirmation answered ${String(res.status)}: ${text}`);
  return { preview, applied: WatchlistAppliedDto.parse(JSON.parse(text)) };
}
