import { join } from 'node:path';
import { startManagedProcess, waitUntilReady, type ManagedProcessOptions } from '../../../src/host/telephony/managed-process';
import { makeRigDir } from './rig-dir';

/** How to run one daemon in its folder: prepared (config files, initdb) before it starts. */
export interface DaemonLaunch {
  name: string;
  command: string;
  args: string[];
  options?: ManagedProcessOptions;
  /** Polled until true; `tail` is what the daemon printed last. */
  ready(tail: string): Promise<boolean>;
}

export interface RigDaemon {
  pid: number;
  /** The daemon's temporary folder, deleted by stop(). */
  dir: string;
  stop(): Promise<void>;
}

/**
 * Starts a daemon in the foreground in a fresh temporary folder and waits until it answers. If anything
 * fails on the way, whatever was started is stopped and the folder deleted before the error is thrown.
 */
export async function startRigDaemon(prefix: string, launch: (dir: string) => Promise<DaemonLaunch>, owner?: { uid: number; gid: number }): Promise<RigDaemon> {
  const dir = makeRigDir(prefix, owner);
  let stopProcess = async (): Promise<void> => undefined;
  const stop = async (): Promise<void> => {
    await stopProcess();
    dir.remove();
  };
  try {
    const spec = await launch(dir.path);
    const proc = startManagedProcess(spec.command, spec.args, join(dir.path, `${spec.name}.log`), spec.options);
    stopProcess = proc.stop;
    await waitUntilReady(proc, spec.name, () => spec.ready(proc.tail()));
    return { pid: proc.child.pid ?? -1, dir: dir.path, stop };
  } catch (cause) {
    await stop();
    throw cause;
  }
}

/** True once an HTTP GET of `url` answers 2xx. */
export async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}
