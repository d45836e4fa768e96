import electronUpdater, { CancellationToken, type ProgressInfo } from 'electron-updater';
import { isCancellation, offeredFromCheck, problemFromUpdaterError, progressFromEvent, updaterChannel } from '../host/updater/electron-updater-mapping';
import { updaterFail } from '../host/updater/update-feed';
import type { UpdateSource } from '../host/updater/update-source';

/**
 * electron-updater as the update source of the host's state machine (src/host/updater): its
 * generic provider reads the feed URL and channel from Settings, it downloads (checking sha512)
 * and installs. The state machine decides when: autoDownload and install-on-quit are off.
 * `setQuitIntended` lets main mark the quit as wanted before quitAndInstall closes the windows,
 * so closing does not just hide the app to the tray.
 */
export function createElectronUpdaterSource(setQuitIntended: (intended: boolean) => void): UpdateSource {
  // Not a named import: main is an ES module and electron-updater (CommonJS) defines autoUpdater with
  // a getter Node cannot see as a named export ("Named export 'autoUpdater' not found"). Reading it
  // here also means the platform's updater is only created in a packaged app, where this is called.
  const { autoUpdater } = electronUpdater;
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false;
  // Its log lines carry the feed URL and whole channel files; failures reach the controller's log as values.
  autoUpdater.logger = null;
  // Failures also arrive as rejected promises, mapped below; without a listener `emit('error')` would throw.
  autoUpdater.on('error', () => {});

  // checkForUpdates hands a caller the check already in flight, which after a settings change
  // read the old feed: a new check waits for it to end, then asks the new feed.
  let inFlight: Promise<unknown> = Promise.resolve();

  return {
    async check(feed) {
      await inFlight.catch(() => undefined);
      autoUpdater.setFeedURL({ provider: 'generic', url: feed.url.toString(), channel: updaterChannel(feed.channel) });
      autoUpdater.allowPrerelease = feed.channel === 'beta';
      const checking = autoUpdater.checkForUpdates();
      inFlight = checking;
      try {
        return offeredFromCheck(await checking);
      } catch (cause) {
        return problemFromUpdaterError(cause);
      }
    },

    async download(_update, onProgress, signal) {
      const token = new CancellationToken();
      const cancel = (): void => token.cancel();
      const progress = (info: ProgressInfo): void => {
        const mapped = progressFromEvent(info);
        if (mapped) onProgress(mapped);
      };
      if (signal.aborted) cancel();
      else signal.addEventListener('abort', cancel, { once: true });
      autoUpdater.on('download-progress', progress);
      try {
        await autoUpdater.downloadUpdate(token);
        return { ok: true, value: undefined };
      } catch (cause) {
        if (isCancellation(cause)) return updaterFail('network', 'the download was cancelled');
        return problemFromUpdaterError(cause);
      } finally {
        autoUpdater.off('download-progress', progress);
        signal.removeEventListener('abort', cancel);
        token.dispose();
      }
    },

    async install() {
      // quitAndInstall reports a failure (no downloaded file, installer would not start) only as an 'error' event.
      let failure: unknown = null;
      const onError = (error: Error): void => void (failure ??= error);
      autoUpdater.on('error', onError);
      setQuitIntended(true);
      try {
        // Not silent: the NSIS installer shows its progress; the app runs again once it is done.
        autoUpdater.quitAndInstall(false, true);
      } catch (cause) {
        failure ??= cause;
      } finally {
        autoUpdater.off('error', onError);
      }
      if (failure === null) return { ok: true, value: undefined };
      setQuitIntended(false);
      return problemFromUpdaterError(failure, 'install_failed');
    },
  };
}
