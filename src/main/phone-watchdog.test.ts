import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PhoneWindowState } from '../shared/contracts/shell-contract';
import { createPhoneWatchdog, type SupervisedWindow } from './phone-watchdog';

/** A phone window stand-in whose renderer can load, hang and die on command. */
class FakeWindow implements SupervisedWindow {
  gone: Array<(d: { reason: string; exitCode: number }) => void> = [];
  loaded: Array<() => void> = [];
  unresponsive: Array<(r: boolean) => void> = [];
  disposed = false;
  killed = false;
  onGone(l: (d: { reason: string; exitCode: number }) => void) {
    this.gone.push(l);
  }
  onLoaded(l: () => void) {
    this.loaded.push(l);
  }
  onUnresponsive(l: (r: boolean) => void) {
    this.unresponsive.push(l);
  }
  kill() {
    this.killed = true;
    this.crash('killed', 9);
  }
  dispose() {
    this.disposed = true;
  }
  load() {
    this.loaded.forEach((l) => l());
  }
  crash(reason = 'crashed', exitCode = 139) {
    this.gone.forEach((l) => l({ reason, exitCode }));
  }
  hang(responsive: boolean) {
    this.unresponsive.forEach((l) => l(responsive));
  }
}

let windows: FakeWindow[];
let states: PhoneWindowState[];
const supervisor = (extra: { maxRestarts?: number } = {}) =>
  createPhoneWatchdog({
    create: () => {
      const w = new FakeWindow();
      windows.push(w);
      return w;
    },
    onState: (s) => states.push(s),
    restartDelayMs: 100,
    unresponsiveMs: 1000,
    ...extra,
  });

beforeEach(() => {
  vi.useFakeTimers();
  windows = [];
  states = [];
});
afterEach(() => vi.useRealTimers());

describe('phone window supervision', () => {
  it('starts the window and reports it running once loaded', () => {
    const s = supervisor();
    s.start();
    expect(s.state.status).toBe('starting');
    windows[0]!.load();
    expect(s.state).toEqual({ status: 'running', restarts: 0, lastCrash: null });
  });

  it('restarts a crashed renderer, telling the UI why, and runs again', () => {
    const s = supervisor();
    s.start();
    windows[0]!.load();
    windows[0]!.crash('oom', -536870904);
    expect(windows[0]!.disposed).toBe(true);
    expect(s.state).toMatchObject({ status: 'restarting', restarts: 1, lastCrash: { reason: 'oom', exitCode: -536870904 } });
    expect(windows).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(windows).toHaveLength(2);
    windows[1]!.load();
    expect(s.state).toMatchObject({ status: 'running', restarts: 1 });
    expect(states.map((x) => x.status)).toEqual(['starting', 'running', 'restarting', 'running']);
  });

  it('backs off on repeated crashes and gives up on a crash loop', () => {
    const s = supervisor({ maxRestarts: 3 });
    s.start();
    for (let i = 0; i < 3; i++) {
      windows.at(-1)!.crash();
      vi.advanceTimersByTime(100 * 2 ** i - 1);
      expect(windows).toHaveLength(i + 1);
      vi.advanceTimersByTime(1);
      expect(windows).toHaveLength(i + 2);
    }
    windows.at(-1)!.crash();
    expect(s.state).toMatchObject({ status: 'gave_up', restarts: 3 });
    vi.advanceTimersByTime(60_000);
    expect(windows).toHaveLength(4);
  });

  it('kills a renderer that stays unresponsive, and spares one that recovers', () => {
    const s = supervisor();
    s.start();
    windows[0]!.load();
    windows[0]!.hang(false);
    vi.advanceTimersByTime(500);
    windows[0]!.hang(true);
    vi.advanceTimersByTime(5000);
    expect(windows[0]!.killed).toBe(false);
    windows[0]!.hang(false);
    vi.advanceTimersByTime(1000);
    expect(windows[0]!.killed).toBe(true);
    expect(s.state).toMatchObject({ status: 'restarting', lastCrash: { reason: 'killed' } });
  });

  it('does not restart while the app quits', () => {
    const s = supervisor();
    s.start();
    s.stop();
    windows[0]!.crash('clean-exit', 0);
    vi.advanceTimersByTime(10_000);
    expect(windows).toHaveLength(1);
    expect(states.map((x) => x.status)).toEqual(['starting']);
  });
});
