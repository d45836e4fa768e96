import { spawn } from 'node:child_process';
import { chmod, copyFile, rename, rm } from 'node:fs/promises';
import type { InstallKind } from './update-feed';
import { updaterFail, type UpdaterResult } from './update-feed';

/**
 * How a verified update is installed, per kind of installed copy — the same commands
 * electron-updater's AppImage, Deb and NSIS updaters run. The shell does what is left
 * (relaunching, quitting, opening a file), which needs Electron.
 */
export type InstallStep =
  /** The AppImage replaces itself in place, then the app relaunches from the same path. */
  | { kind: 'replace_appimage'; source: string; target: string }
  /** A package manager runs (and asks for the admin password), then the app relaunches. */
  | { kind: 'run_then_relaunch'; command: string; args: string[] }
  /** The installer takes over: it is started detached, and the app quits so it can replace it. */
  | { kind: 'spawn_then_quit'; command: string; args: string[] }
  /** macOS: the disk image is opened for the user, and the app quits. */
  | { kind: 'open_then_quit'; path: string };

export function detectInstallKind(input: { platform: NodeJS.Platform; isPackaged: boolean; appImagePath: string | undefined }): InstallKind | null {
  if (!input.isPackaged) return null;
  if (input.platform === 'win32') return 'nsis';
  if (input.platform === 'darwin') return 'dmg';
  if (input.platform === 'linux') return input.appImagePath ? 'appimage' : 'deb';
  return null;
}

export function installPlan(kind: InstallKind, file: string, appImagePath: string | undefined): UpdaterResult<InstallStep> {
  switch (kind) {
    case 'appimage':
      if (!appImagePath) return updaterFail('install_failed', 'this copy is not running as an AppImage');
      return { ok: true, value: { kind: 'replace_appimage', source: file, target: appImagePath } };
    case 'deb':
      return { ok: true, value: { kind: 'run_then_relaunch', command: 'pkexec', args: ['dpkg', '-i', file] } };
    case 'nsis':
      // NSIS flags: silent, mark as an update (keeps settings), and start the app when done.
      return { ok: true, value: { kind: 'spawn_then_quit', command: file, args: ['--updated', '/S', '--force-run'] } };
    case 'dmg':
      return { ok: true, value: { kind: 'open_then_quit', path: file } };
  }
}

/** Copies beside the target and renames over it, so a failure never leaves a half-written AppImage. */
export async function replaceAppImage(source: string, target: string): Promise<UpdaterResult<void>> {
  const temp = `${target}.update`;
  try {
    await copyFile(source, temp);
    await chmod(temp, 0o755);
    await rename(temp, target);
    return { ok: true, value: undefined };
  } catch (cause) {
    await rm(temp, { force: true });
    return updaterFail('install_failed', `the AppImage could not be replaced: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** Runs a command to completion; used for the package manager step. */
export function runToCompletion(command: string, args: string[]): Promise<UpdaterResult<void>> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    child.once('error', (cause) => resolve(updaterFail('install_failed', `${command} could not start: ${cause.message}`)));
    child.once('exit', (code) =>
      resolve(code === 0 ? { ok: true, value: undefined } : updaterFail('install_failed', `${command} ${args[0] ?? ''} exited with code ${code ?? 'null'}`)),
    );
  });
}

/** Starts an installer that outlives this process. */
export function spawnDetached(command: string, args: string[]): Promise<UpdaterResult<void>> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.once('error', (cause) => resolve(updaterFail('install_failed', `the installer could not start: ${cause.message}`)));
    child.once('spawn', () => {
      child.unref();
      resolve({ ok: true, value: undefined });
    });
  });
}
