import type { PhoneWindowState } from '../shared/contracts/shell-contract';

/** What the watchdog needs from one phone window; the Electron factory wires these to a BrowserWindow. */
export interface SupervisedWindow {
  /** Renderer gone (Electron's `render-process-gone`), with its reason and exit code. */
  onGone(listener: (details: { reason: string; exitCode: number }) => void): void;
  onLoaded(listener: () => void): void;
  onUnresponsive(listener: (responsive: boolean) => void): void;
  /** Ends a hung renderer so it is reported gone and restarted. */
  kill(): void;
  dispose(): void;
}

export interface PhoneWatchdogOptions {
  create(): SupervisedWindow;
  onState(state: PhoneWindowState): void;
  now?: () => number;
  /** Restarts allowed within `crashWindowMs` before the watchdog stops trying. */
  maxRestarts?: number;
  crashWindowMs?: number;
  /** Wait before restarting, doubled for each crash within the window: a crash loop must not spin. */
  restartDelayMs?: number;
  /** How long a renderer may hang before it is killed and restarted. */
  unresponsiveMs?: number;
}

export interface PhoneWatchdog {
  readonly state: PhoneWindowState;
  start(): void;
  /** The app is quitting: a window closing now is not a crash. */
  stop(): void;
}

/**
 * Keeps the hidden phone window alive: the phone engine must survive anything that happens to
 * the UI, and its own renderer dying must not leave the agent without a phone.
 */
export function createPhoneWatchdog(options: PhoneWatchdogOptions): PhoneWatchdog {
  const now = options.now ?? Date.now;
  const maxRestarts = options.maxRestarts ?? 5;
  const crashWindowMs = options.crashWindowMs ?? 5 * 60_000;
  const baseDelay = options.restartDelayMs ?? 500;
  let state: PhoneWindowState = { status: 'starting', restarts: 0, lastCrash: null };
  let window: SupervisedWindow | null = null;
  let crashes: number[] = [];
  let stopped = false;
  let restartTimer: ReturnType<typeof setTimeout> | null = null;
  let hangTimer: ReturnType<typeof setTimeout> | null = null;

  const set = (next: PhoneWindowState): void => {
    state = next;
    options.onState(next);
  };

  const open = (): void => {
    const current = options.create();
    window = current;
    current.onLoaded(() => {
      if (window === current && !stopped) set({ ...state, status: 'running' });
    });
    current.onUnresponsive((responsive) => {
      if (hangTimer) clearTimeout(hangTimer);
      hangTimer = null;
      if (!responsive) hangTimer = setTimeout(() => current.kill(), options.unresponsiveMs ?? 15_000);
    });
    current.onGone((details) => {
      if (window !== current || stopped) return;
      if (hangTimer) clearTimeout(hangTimer);
      window = null;
      current.dispose();
      const at = now();
      crashes = [...crashes.filter((t) => at - t < crashWindowMs), at];
      const lastCrash = { reason: details.reason.slice(0, 40), exitCode: details.exitCode, at };
      if (crashes.length > maxRestarts) {
        set({ status: 'gave_up', restarts: state.restarts, lastCrash });
        return;
      }
      set({ status: 'restarting', restarts: state.restarts + 1, lastCrash });
      restartTimer = setTimeout(() => {
        restartTimer = null;
        if (!stopped) open();
      }, baseDelay * 2 ** (crashes.length - 1));
    });
  };

  return {
    get state() {
      return state;
    },
    start() {
      if (window || stopped) return;
      set({ ...state, status: 'starting' });
      open();
    },
    stop() {
      stopped = true;
      if (restartTimer) clearTimeout(restartTimer);
      if (hangTimer) clearTimeout(hangTimer);
      window?.dispose();
      window = null;
    },
  };
}
