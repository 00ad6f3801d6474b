import type { Frame, FrameLocator, Locator, Page } from 'playwright-core';

// The KYC Review SPA inside the dashboard's iframe, reached by role and accessible name
// (apps/web/src), so every step here also checks the screens are labelled for assistive tech.

/** The iframe's document as a Frame (for evaluate and its URL); the app is on `appUrl`. */
export function appDocument(page: Page, appUrl: string): Frame {
  const frame = page.frames().find((f) => f.url().startsWith(appUrl));
  if (frame === undefined)
    throw new Error(
      `no frame on ${appUrl}; frames: ${page
        .frames()
        .map((f) => f.url())
        .join(', ')}`,
    );
  return frame;
}

export function casesTable(app: FrameLocator): Locator {
  return app.getByRole('table', { name: 'Cases' });
}

/** What the queue says while identities are being read from Cloud (apps/web queue-page.tsx). */
const SYNCING = 'Syncing identities from Blnk Cloud…';

/**
 * The queue through the main navigation, once its rows have loaded and the sync the launch
 * started has finished: while it runs, the first page can hold only the identities read so far.
 */
export async function openQueue(app: FrameLocator): Promise<Locator> {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }).click();
  await app.getByRole('heading', { name: 'Review queue', level: 1 }).waitFor();
  const rows = casesTable(app).locator('tbody > tr[aria-label]');
  await rows.first().waitFor();
  await app.getByText(SYNCING).waitFor({ state: 'hidden', timeout: 60_000 });
  await queueSettled(app);
  return rows;
}

/** Until the queue shows the answer to its current filters, not the previous one kept while loading. */
export async function queueSettled(app: FrameLocator): Promise<void> {
  await app.locator('table[aria-label="Cases"][aria-busy="false"]').waitFor();
}

/** The first row whose "Open hits" cell is a positive number, or null when none is on the page. */
export async function firstRowWithOpenHits(app: FrameLocator, rows: Locator): Promise<Locator | null> {
  const headers = (await casesTable(app).getByRole('columnheader').allInnerTexts()).map((h) => h.trim().toLowerCase());
  const column = headers.indexOf('open hits');
  if (column < 0) throw new Error(`the queue has no "Open hits" column: ${headers.join(', ')}`);
  const count = await rows.count();
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    const hits = Number((await row.getByRole('cell').nth(column).innerText()).trim());
    if (hits > 0) return row;
  }
  return null;
}

/** Searches the queue the way a reviewer types into the search box. */
export async function searchQueue(app: FrameLocator, text: string): Promise<void> {
  const search = app.getByRole('search', { name: 'Search and filter the queue' });
  await search.getByRole('searchbox', { name: 'Search' }).fill(text);
  await search.getByRole('button', { name: 'Search' }).click();
}

export function panel(app: FrameLocator, title: string): Locator {
  return app.getByRole('region', { name: title, exact: true });
}

/** The case's identity id, from the address the SPA shows it under (/cases/<id>). */
export function caseIdFromUrl(frame: Frame): string {
  const match = /\/cases\/(idt_[0-9a-f-]+)/.exec(new URL(frame.url()).pathname);
  if (match?.[1] === undefined) throw new Error(`not on a case page: ${frame.url()}`);
  return match[1];
}

export const SESSION_ENDED = 'Your session has ended';
