import type { Clock } from '../../src/clock';

/** A clock tests move by hand: token TTL and session expiry without waiting. */
export class FakeClock implements Clock {
  private current: number;

  constructor(start: Date | string = '2026-11-22T09:00:00.000Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advanceSeconds(seconds: number): void {
    this.current += seconds * 1000;
  }

  advanceMs(ms: number): void {
    this.current += ms;
  }

  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }
}
