import type { UpdateChannel, UpdateProblem, UpdateState } from '../../shared/contracts/shell-contract';
import type { Logger } from '../../shared/log';
import { checkFeedUrl, updaterFail, type UpdaterResult } from './update-feed';
import type { OfferedUpdate, UpdateSource } from './update-source';
import { compareVersions, isValidVersion } from './version';

export interface UpdateFeedSettings {
  feedUrl: string | null;
  channel: UpdateChannel;
  autoCheck: boolean;
}

export interface UpdateControllerOptions {
  currentVersion: string;
  /**
   * Where updates come from (electron-updater in the app). Null when this copy cannot update
   * itself (a development build): then updates are off.
   */
  source: UpdateSource | null;
  settings(): UpdateFeedSettings;
  /** Calls in progress right now; an update is never installed while this is above zero. */
  activeCalls(): number;
  log: Logger;
  now?: () => number;
  /** First check this long after start, so it does not compete with signing in. */
  firstCheckDelayMs?: number;
  checkIntervalMs?: number;
  /** Progress is reported at most this often. */
  progressIntervalMs?: number;
}

export interface UpdateController {
  readonly state: UpdateState;
  onState(listener: (state: UpdateState) => void): () => void;
  /** Checks the feed and, if a newer version is there, downloads and verifies it. */
  check(): Promise<UpdateState>;
  /** "Restart to update": installs now, or waits until no call is active. */
  restartToUpdate(): Promise<UpdateState>;
  /** Tell the controller the number of active calls changed. */
  callsChanged(): void;
  /** Feed URL or channel changed: forget what was found and check again. */
  settingsChanged(): void;
  /** Starts the check at start-up and every few hours. */
  start(): void;
  stop(): void;
}

const FOUR_HOURS = 4 * 60 * 60 * 1000;

/**
 * The update state machine: disabled | idle → checking → up_to_date | downloading → ready →
 * (waiting_for_calls →) installing, with error reachable from each step. Plain Node and
 * independent of where updates come from: the source (`update-source.ts`) reads the feed,
 * downloads and verifies, and runs the last step; this decides when each happens.
 */
export function createUpdateController(options: UpdateControllerOptions): UpdateController {
  const now = options.now ?? Date.now;
  const source = options.source;
  const listeners = new Set<(s: UpdateState) => void>();
  const base = (): { currentVersion: string; channel: UpdateChannel } => ({
    currentVersion: options.currentVersion,
    channel: options.settings().channel,
  });
  let state: UpdateState = initialState();
  let running: { generation: number; promise: Promise<UpdateState> } | null = null;
  /** The version downloaded and verified, once the source said so. */
  let downloaded: string | null = null;
  let abort: AbortController | null = null;
  let timers: Array<ReturnType<typeof setTimeout>> = [];
  let generation = 0;

  function initialState(): UpdateState {
    const disabled = source === null || options.settings().feedUrl === null;
    return { ...base(), status: disabled ? 'disabled' : 'idle' };
  }

  function set(next: UpdateState): UpdateState {
    state = next;
    listeners.forEach((l) => l(next));
    return next;
  }

  function fail(result: { problem: UpdateProblem; message: string }, version: string | null): UpdateState {
    options.log.log('warn', 'update failed', { problem: result.problem, detail: result.message, version });
    return set({ ...base(), status: 'error', problem: result.problem, message: result.message.slice(0, 500), version });
  }

  async function runCheck(myGeneration: number): Promise<UpdateState> {
    // Settings changed while this check ran: its outcome, failure included, is no longer news.
    const stale = (): boolean => myGeneration !== generation;
    const settings = options.settings();
    if (source === null || settings.feedUrl === null) return set({ ...base(), status: 'disabled' });
    const feed = checkFeedUrl(settings.feedUrl);
    if (!feed.ok) return fail(feed, null);

    set({ ...base(), status: 'checking' });
    abort = new AbortController();
    const signal = abort.signal;
    const checked = await settle(source.check({ url: feed.value, channel: settings.channel }, signal), 'network');
    if (stale()) return state;
    if (!checked.ok) return fail(checked, null);
    const offered: OfferedUpdate | null = checked.value;
    if (offered !== null && !isValidVersion(offered.version)) return fail({ problem: 'feed_invalid', message: 'the update feed offers a version that is not a semantic version' }, null);
    if (offered === null || compareVersions(offered.version, options.currentVersion) <= 0) return set({ ...base(), status: 'up_to_date', checkedAt: now() });

    const version = offered.version;
    set({ ...base(), status: 'downloading', version, transferred: 0, total: offered.size ?? 0 });
    let lastReport = 0;
    const result = await settle(
      source.download(
        offered,
        ({ transferred, total }) => {
          if (stale()) return;
          const at = now();
          if (at - lastReport < (options.progressIntervalMs ?? 250) && transferred !== total) return;
          lastReport = at;
          set({ ...base(), status: 'downloading', version, transferred, total });
        },
        signal,
      ),
      'network',
    );
    if (stale()) return state;
    if (!result.ok) return fail(result, version);
    downloaded = version;
    options.log.log('info', 'update downloaded and verified', { version });
    return set({ ...base(), status: 'ready', version, releaseNotes: offered.releaseNotes });
  }

  async function install(): Promise<UpdateState> {
    if (source === null || downloaded === null) return state;
    const version = downloaded;
    set({ ...base(), status: 'installing', version });
    const result = await settle(source.install(), 'install_failed');
    if (!result.ok) {
      // A refused file is gone; anything else may be retried from "ready" after a new check.
      downloaded = null;
      return fail({ problem: result.problem === 'tampered' ? 'tampered' : 'install_failed', message: result.message }, version);
    }
    return state;
  }

  const controller: UpdateController = {
    get state() {
      return state;
    },
    onState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    check() {
      // Once an update is ready, waiting or installing, a later check has nothing to add.
      if (['ready', 'waiting_for_calls', 'installing'].includes(state.status)) return Promise.resolve(state);
      // A check started before a settings change belongs to the old feed: start a new one.
      if (!running || running.generation !== generation) {
        const mine = { generation, promise: runCheck(generation) };
        running = mine;
        void mine.promise.finally(() => {
          if (running !== mine) return;
          running = null;
          abort = null;
        });
      }
      return running.promise;
    },
    async restartToUpdate() {
      if (state.status !== 'ready' && state.status !== 'waiting_for_calls') return state;
      const calls = options.activeCalls();
      if (calls > 0) return set({ ...base(), status: 'waiting_for_calls', version: state.version, activeCalls: calls });
      return install();
    },
    callsChanged() {
      if (state.status !== 'waiting_for_calls') return;
      const calls = options.activeCalls();
      if (calls > 0) set({ ...state, activeCalls: calls });
      else void install();
    },
    settingsChanged() {
      if (state.status === 'installing') return;
      generation++;
      abort?.abort();
      downloaded = null;
      set(initialState());
      if (state.status === 'idle' && options.settings().autoCheck) void controller.check();
    },
    start() {
      const tick = (): void => {
        if (options.settings().autoCheck) void controller.check();
      };
      timers.push(setTimeout(tick, options.firstCheckDelayMs ?? 10_000));
      timers.push(setInterval(tick, options.checkIntervalMs ?? FOUR_HOURS));
    },
    stop() {
      timers.forEach((t) => clearTimeout(t));
      timers = [];
      generation++;
      abort?.abort();
    },
  };
  return controller;
}

/** A source reports failures as values; one that throws anyway must not leave the machine stuck mid-step. */
async function settle<T>(work: Promise<UpdaterResult<T>>, problem: UpdateProblem): Promise<UpdaterResult<T>> {
  try {
    return await work;
  } catch (cause) {
    return updaterFail(problem, cause instanceof Error ? cause.message : String(cause));
  }
}
