import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchIdle } from '../src/lib/idle';

class FakeTarget {
  listeners = new Map<string, Set<() => void>>();
  addEventListener(type: string, fn: () => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(fn);
  }
  removeEventListener(type: string, fn: () => void) {
    this.listeners.get(type)?.delete(fn);
  }
  fire(type: string) {
    for (const fn of this.listeners.get(type) ?? []) fn();
  }
  count() {
    return [...this.listeners.values()].reduce((n, s) => n + s.size, 0);
  }
}

describe('auto-lock clock', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('locks after the set minutes without input, and input postpones it', () => {
    const target = new FakeTarget();
    const onIdle = vi.fn();
    const onActivity = vi.fn();
    watchIdle(15, onIdle, onActivity, target as unknown as Window, () => Date.now());
    vi.advanceTimersByTime(14 * 60_000);
    target.fire('keydown');
    expect(onActivity).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(14 * 60_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000 + 1000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    // Stopped after locking: no listeners left behind.
    expect(target.count()).toBe(0);
  });

  it('tells the core of activity at most every 30 seconds', () => {
    const target = new FakeTarget();
    const onActivity = vi.fn();
    const w = watchIdle(15, () => {}, onActivity, target as unknown as Window, () => Date.now());
    for (let i = 0; i < 10; i++) {
      target.fire('pointermove');
      vi.advanceTimersByTime(5_000);
    }
    expect(onActivity).toHaveBeenCalledTimes(2);
    w.stop();
    expect(target.count()).toBe(0);
  });
});
