// Adds the jest-dom matchers (toBeInTheDocument, toHaveAccessibleName, …) to vitest's expect
// and unmounts rendered trees between tests.
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// jsdom has no layout, so no ResizeObserver; Radix's positioning (tooltips, popovers) needs
// one to exist. Nothing is ever resized in jsdom, so observing nothing is accurate.
class NoLayoutResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
if (!('ResizeObserver' in globalThis)) Object.assign(globalThis, { ResizeObserver: NoLayoutResizeObserver });

// jsdom has no media queries either; the charts ask for them (responsive options). With no
// viewport, no query matches.
if (typeof window.matchMedia !== 'function')
  Object.assign(window, {
    matchMedia: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });

// These tests wait on a real BFF and emulator; on a loaded 2-core CI machine an answer can
// take longer than Testing Library's 1 s default. This bounds a hang; it asserts no speed.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
});
