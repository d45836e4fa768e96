/**
 * A daemon started in the foreground as a child of this process (Kamailio, rtpengine): its log
 * goes to a file or is kept as a tail for error messages, it is killed if this process exits
 * without stopping it, and stop() ends it by PID (its stop signal, then SIGKILL).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export interface ManagedProcess {
  readonly child: ChildProcess;
  /** The last few kilobytes it printed, for error messages. */
  tail(): string;
  exited(): boolean;
  /** Resolves with an Error if the binary could not be started at all. */
  readonly spawnError: Promise<Error>;
  stop(): Promise<void>;
}

export function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

export interface ManagedProcessOptions {
  /**
   * The signal that asks this daemon to stop quickly (default SIGTERM). PostgreSQL waits for every
   * client on SIGTERM ("smart" shutdown) and stops at once on SIGINT; HAProxy drains on SIGUSR1.
   */
  stopSignal?: NodeJS.Signals;
  env?: NodeJS.ProcessEnv;
}

export function startManagedProcess(command: string, args: string[], logFile?: string, options: ManagedProcessOptions = {}): ManagedProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(options.env ? { env: options.env } : {}) });
  const log = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
  let tail = '';
  const collect = (chunk: Buffer): void => {
    log?.write(chunk);
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const spawnError = new Promise<Error>((done) => child.once('error', done));
  // Only a signal can be sent while this process exits. The daemon's own stop signal, not SIGKILL: a
  // killed Kamailio leaves its worker processes running, a stopped one ends them.
  const killOnExit = (): void => {
    child.kill(options.stopSignal ?? 'SIGTERM');
  };
  process.once('exit', killOnExit);
  let stopped: Promise<void> | undefined;
  const exited = (): boolean => child.exitCode !== null || child.signalCode !== null;
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    if (!exited()) {
      child.kill(options.stopSignal ?? 'SIGTERM');
      if (!(await waitForExit(child, 5000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 2000);
      }
    }
    await new Promise<void>((done) => (log ? log.end(done) : done()));
  };
  return { child, tail: () => tail, exited, spawnError, stop: () => (stopped ??= stop()) };
}

/**
 * Polls `ready` every 100 ms until it answers true; fails with the process's log tail if the
 * process exits, cannot be started, or is not ready within `ms`.
 */
export async function waitUntilReady(proc: ManagedProcess, name: string, ready: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (proc.exited()) throw new Error(`${name} exited during startup (${proc.child.exitCode ?? proc.child.signalCode}):\n${proc.tail()}`);
    const failed = await Promise.race([proc.spawnError, new Promise<undefined>((d) => setTimeout(() => d(undefined), 0))]);
    if (failed) throw new Error(`cannot run ${name}: ${failed.message}`);
    if (await ready()) return;
    if (Date.now() > deadline) throw new Error(`${name} was not ready in ${ms / 1000} s:\n${proc.tail()}`);
    await new Promise((d) => setTimeout(d, 100));
  }
}
