import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { UpdateChannel, UpdateProblem, UpdateState } from '../../shared/contracts/shell-contract';
import type { Logger } from '../../shared/log';
import { downloadVerified, fileMatchesSha512 } from './download-verified';
import { channelFileName, checkFeedUrl, parseChannelFile, type InstallKind, type UpdateArtifact, type UpdaterResult } from './update-feed';
import { compareVersions } from './version';

export interface UpdateFeedSettings {
  feedUrl: string | null;
  channel: UpdateChannel;
  autoCheck: boolean;
}

export interface UpdateControllerOptions {
  currentVersion: string;
  platform: NodeJS.Platform;
  arch: string;
  /** How this copy was installed; null when it was not (a dev build): then updates are off. */
  installKind: InstallKind | null;
  /** Where downloads are kept until installed (one folder per version). */
  cacheDir: string;
  settings(): UpdateFeedSettings;
  /** Calls in progress right now; an update is never installed while this is above zero. */
  activeCalls(): number;
  /** The one step only the shell can do: run the verified installer and quit. */
  install(file: string, kind: InstallKind, version: string): Promise<UpdaterResult<void>>;
  log: Logger;
  fetch?: typeof fetch;
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
 * (waiting_for_calls →) installing, with error reachable from each step. Plain Node: it reads a
 * generic electron-builder feed over HTTP, downloads in the background, verifies sha512, and
 * only hands a verified file to the shell's install step.
 */
export function createUpdateController(options: UpdateControllerOptions): UpdateController {
  const now = options.now ?? Date.now;
  const listeners = new Set<(s: UpdateState) => void>();
  const base = (): { currentVersion: string; channel: UpdateChannel } => ({
    currentVersion: options.currentVersion,
    channel: options.settings().channel,
  });
  let state: UpdateState = initialState();
  let running: Promise<UpdateState> | null = null;
  let downloaded: { artifact: UpdateArtifact; file: string } | null = null;
  let abort: AbortController | null = null;
  let timers: Array<ReturnType<typeof setTimeout>> = [];
  let generation = 0;

  function initialState(): UpdateState {
    const settings = options.settings();
    const disabled = options.installKind === null || settings.feedUrl === null;
    return { ...base(), status: disabled ? 'disabled' : 'idle' };
  }

  function set(next: UpdateState): UpdateState {
    state = next;
    listeners.forEach((l) => l(next));
    return next;
  }

  function fail(result: { problem: UpdateProblem; message: string }, version: string | null): UpdateState {
    options.log.log('warn', 'update failed', { problem: result.problem, detail: result.message, version });
    return set({ ...base(), status: 'error', problem: result.problem, message: result.message, version });
  }

  async function runCheck(myGeneration: number): Promise<UpdateState> {
    // Settings changed while this check ran: its outcome, failure included, is no longer news.
    const current = (next: () => UpdateState): UpdateState => (myGeneration === generation ? next() : state);
    const settings = options.settings();
    const kind = options.installKind;
    if (kind === null || settings.feedUrl === null) return set({ ...base(), status: 'disabled' });
    const feed = checkFeedUrl(settings.feedUrl);
    if (!feed.ok) return fail(feed, null);

    set({ ...base(), status: 'checking' });
    const channelFile = new URL(channelFileName(settings.channel, options.platform, options.arch), feed.value);
    abort = new AbortController();
    let text: string;
    try {
      const response = await (options.fetch ?? fetch)(channelFile, { signal: abort.signal, headers: { 'cache-control': 'no-cache' } });
      if (!response.ok) return current(() => fail({ problem: 'network', message: `the update server answered ${response.status} for ${channelFile.pathname}` }, null));
      text = await response.text();
    } catch (cause) {
      const message = `the update server could not be reached: ${cause instanceof Error ? cause.message : String(cause)}`;
      return current(() => fail({ problem: 'network', message }, null));
    }
    if (myGeneration !== generation) return state;
    const parsed = parseChannelFile(text, feed.value, kind);
    if (!parsed.ok) return fail(parsed, null);
    const artifact = parsed.value;
    if (compareVersions(artifact.version, options.currentVersion) <= 0) return set({ ...base(), status: 'up_to_date', checkedAt: now() });

    const folder = join(options.cacheDir, artifact.version);
    const file = join(folder, artifact.fileName);
    try {
      await mkdir(folder, { recursive: true });
      await removeOtherVersions(options.cacheDir, artifact.version);
    } catch (cause) {
      return fail({ problem: 'disk', message: `the update folder is not writable: ${cause instanceof Error ? cause.message : ''}` }, artifact.version);
    }
    if (!(await fileMatchesSha512(file, artifact.sha512))) {
      const total = artifact.size ?? 0;
      set({ ...base(), status: 'downloading', version: artifact.version, transferred: 0, total });
      let lastReport = 0;
      const result = await downloadVerified({
        url: artifact.url,
        sha512: artifact.sha512,
        size: artifact.size,
        destination: file,
        signal: abort.signal,
        fetch: options.fetch,
        onProgress: ({ transferred, total: t }) => {
          const at = now();
          if (at - lastReport < (options.progressIntervalMs ?? 250) && transferred !== t) return;
          lastReport = at;
          set({ ...base(), status: 'downloading', version: artifact.version, transferred, total: t });
        },
      });
      if (!result.ok) return current(() => fail(result, artifact.version));
      if (myGeneration !== generation) return state;
    }
    downloaded = { artifact, file };
    options.log.log('info', 'update downloaded and verified', { version: artifact.version });
    return set({ ...base(), status: 'ready', version: artifact.version, releaseNotes: artifact.releaseNotes });
  }

  async function install(): Promise<UpdateState> {
    if (!downloaded || options.installKind === null) return state;
    const { artifact, file } = downloaded;
    // Checked once more right before use: the file sat on disk since it was verified.
    if (!(await fileMatchesSha512(file, artifact.sha512))) {
      downloaded = null;
      await rm(file, { force: true });
      return fail({ problem: 'tampered', message: 'the downloaded update changed on disk since it was verified; it was deleted' }, artifact.version);
    }
    set({ ...base(), status: 'installing', version: artifact.version });
    const result = await options.install(file, options.installKind, artifact.version);
    if (!result.ok) return fail({ problem: 'install_failed', message: result.message }, artifact.version);
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
      if (!running) {
        running = runCheck(generation).finally(() => {
          running = null;
          abort = null;
        });
      }
      return running;
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

async function removeOtherVersions(cacheDir: string, keep: string): Promise<void> {
  for (const entry of await readdir(cacheDir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== keep) await rm(join(cacheDir, entry.name), { recursive: true, force: true });
  }
}
