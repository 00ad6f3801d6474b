import type { BrowserContext } from 'playwright-core';

// When the app's frame first shows the Queue link and then the first queue row, seen from the
// page itself on every animation frame, and the click on Queue made by the page as soon as
// the link has been painted. Playwright's own waits poll at 0, 20, 50, 100 and 100 ms and
// then every 500 ms, so a launch timed by them is rounded up to the next poll (the same build
// measured 1 013 and 1 239 ms by where the polls fell), and its click on a fresh frame costs
// 300-450 ms here of its own round trips (decision 019): neither is the app's time.

/** The Queue link of the main navigation, and a queue row with data (skeleton rows have no name). */
export const MARKS = {
  nav: 'nav[aria-label="Main"] a[href="/queue"]',
  row: 'table[aria-label="Cases"] > tbody > tr[aria-label]',
} as const;

export type Mark = keyof typeof MARKS;

const BINDING = '__firstLoadMark';

/**
 * The page side, as source text (a function would carry tsx's helpers into the page): in a
 * document of the app's origin, each animation frame checks the next mark's selector for an
 * element with a box and reports it once through the binding; the Queue link is then clicked.
 */
const pageScript = (port: string) => `(() => {
  if (location.port !== ${JSON.stringify(port)}) return;
  const marks = ${JSON.stringify(Object.entries(MARKS))};
  let next = 0;
  const shown = (selector) => {
    const element = document.querySelector(selector);
    if (element === null) return false;
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const tick = () => {
    while (next < marks.length && shown(marks[next][1])) {
      window[${JSON.stringify(BINDING)}](marks[next][0]);
      // A task queued in an animation frame runs after that frame's paint: the link is on screen.
      if (marks[next][0] === 'nav') setTimeout(() => document.querySelector(${JSON.stringify(MARKS.nav)}).click(), 0);
      next += 1;
    }
    if (next < marks.length) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

export interface FirstLoadMarks {
  /** Forgets the marks of the last launch (call before each one). */
  reset(): void;
  /** `performance.now()` of this process when the frame reported `mark` (at once if it already has). */
  waitFor(mark: Mark, timeoutMs: number): Promise<number>;
}

const isMark = (value: unknown): value is Mark => typeof value === 'string' && value in MARKS;

/** Installs the marks in every document `context` opens on the app's port. */
export async function firstLoadMarks(context: BrowserContext, appPort: number): Promise<FirstLoadMarks> {
  const seen = new Map<Mark, number>();
  const waiting = new Map<Mark, (at: number) => void>();
  await context.exposeBinding(BINDING, (_source, mark: unknown) => {
    if (!isMark(mark) || seen.has(mark)) return;
    const at = performance.now();
    seen.set(mark, at);
    waiting.get(mark)?.(at);
  });
  await context.addInitScript({ content: pageScript(String(appPort)) });
  return {
    reset() {
      seen.clear();
      waiting.clear();
    },
    waitFor(mark, timeoutMs) {
      const at = seen.get(mark);
      if (at !== undefined) return Promise.resolve(at);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`the app did not show its ${mark} in ${String(timeoutMs)} ms`)),
          timeoutMs,
        );
        waiting.set(mark, (seenAt) => {
          clearTimeout(timer);
          resolve(seenAt);
        });
      });
    },
  };
}
