import type { Page } from 'playwright-core';

// Counts what a page asks of the app, so a test can prove an ended session does not loop
// (docs/cloud-contract.md §5: "notice and explain, never loop").

export type Traffic = {
  /** Requests whose path is exactly `path`, on the app's origin. */
  count(path: string): number;
  /** Navigations of any frame onto the app's origin (a redirect loop shows up here). */
  navigations(): number;
};

export function watchTraffic(page: Page, appUrl: string): Traffic {
  const paths: string[] = [];
  let navigations = 0;
  page.on('request', (request) => {
    if (request.url().startsWith(appUrl)) paths.push(new URL(request.url()).pathname);
  });
  page.on('framenavigated', (frame) => {
    if (frame.url().startsWith(appUrl)) navigations += 1;
  });
  return {
    count: (path) => paths.filter((p) => p === path).length,
    navigations: () => navigations,
  };
}
