import { app, shell } from 'electron';
import { installPlan, replaceAppImage, runToCompletion, spawnDetached } from '../host/updater/install-plan';
import type { InstallKind, UpdaterResult } from '../host/updater/update-feed';
import { updaterFail } from '../host/updater/update-feed';

/**
 * The last step of an update, the only one that needs Electron: run the verified installer the
 * host planned, then relaunch or quit. `beforeQuit` lets main mark the quit as intended, so the
 * window does not just hide to the tray. Not electron-updater's `quitAndInstall`: it installs only
 * a file its own `downloadUpdate` fetched, never one the host downloaded and verified
 * (docs/electron-shell.md, "Why the install step is not electron-updater's").
 */
export async function installUpdate(file: string, kind: InstallKind, beforeQuit: () => void): Promise<UpdaterResult<void>> {
  const plan = installPlan(kind, file, process.env.APPIMAGE);
  if (!plan.ok) return plan;
  const step = plan.value;
  switch (step.kind) {
    case 'replace_appimage': {
      const replaced = await replaceAppImage(step.source, step.target);
      if (!replaced.ok) return replaced;
      beforeQuit();
      app.relaunch({ execPath: step.target, args: process.argv.slice(1) });
      app.exit(0);
      return replaced;
    }
    case 'run_then_relaunch': {
      const ran = await runToCompletion(step.command, step.args);
      if (!ran.ok) return ran;
      beforeQuit();
      app.relaunch();
      app.exit(0);
      return ran;
    }
    case 'spawn_then_quit': {
      const started = await spawnDetached(step.command, step.args);
      if (!started.ok) return started;
      beforeQuit();
      app.quit();
      return started;
    }
    case 'open_then_quit': {
      const problem = await shell.openPath(step.path);
      if (problem) return updaterFail('install_failed', `the disk image could not be opened: ${problem}`);
      beforeQuit();
      app.quit();
      return { ok: true, value: undefined };
    }
  }
}
