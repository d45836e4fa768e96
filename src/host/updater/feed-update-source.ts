import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { downloadVerified, fileMatchesSha512 } from './download-verified';
import { channelFileName, parseChannelFile, updaterFail, type InstallKind, type UpdateArtifact, type UpdaterResult } from './update-feed';
import type { UpdateSource } from './update-source';

export interface FeedUpdateSourceOptions {
  platform: NodeJS.Platform;
  arch: string;
  /** Which artifact of a release this copy updates from (by file extension). */
  installKind: InstallKind;
  /** Where downloads are kept until installed (one folder per version). */
  cacheDir: string;
  /** The last step, given a file whose sha512 was checked again just before. */
  install(file: string, kind: InstallKind, version: string): Promise<UpdaterResult<void>>;
  fetch?: typeof fetch;
}

/**
 * The generic provider in plain Node: reads `<feed>/latest*.yml` / `beta*.yml` the way
 * electron-updater's GenericProvider does, downloads the artifact for this kind of install and
 * verifies its size and sha512. It is what the state machine's tests run against a real HTTP
 * server; the Electron app uses electron-updater itself (src/main/electron-updater-source.ts).
 */
export function createFeedUpdateSource(options: FeedUpdateSourceOptions): UpdateSource {
  let offered: UpdateArtifact | null = null;
  let ready: { artifact: UpdateArtifact; file: string } | null = null;

  return {
    async check(feed, signal) {
      offered = null;
      ready = null;
      const channelFile = new URL(channelFileName(feed.channel, options.platform, options.arch), feed.url);
      let text: string;
      try {
        const response = await (options.fetch ?? fetch)(channelFile, { signal, headers: { 'cache-control': 'no-cache' } });
        if (!response.ok) return updaterFail('network', `the update server answered ${response.status} for ${channelFile.pathname}`);
        text = await response.text();
      } catch (cause) {
        return updaterFail('network', `the update server could not be reached: ${describe(cause)}`);
      }
      const parsed = parseChannelFile(text, feed.url, options.installKind);
      if (!parsed.ok) return parsed;
      offered = parsed.value;
      return { ok: true, value: { version: offered.version, releaseNotes: offered.releaseNotes, size: offered.size } };
    },

    async download(update, onProgress, signal) {
      const artifact = offered;
      if (!artifact || artifact.version !== update.version) return updaterFail('network', 'the update to download was not found by the last check');
      const folder = join(options.cacheDir, artifact.version);
      const file = join(folder, artifact.fileName);
      try {
        await mkdir(folder, { recursive: true });
        await removeOtherVersions(options.cacheDir, artifact.version);
      } catch (cause) {
        return updaterFail('disk', `the update folder is not writable: ${describe(cause)}`);
      }
      // A download from an earlier run is hashed again before it is trusted.
      if (!(await fileMatchesSha512(file, artifact.sha512))) {
        const result = await downloadVerified({
          url: artifact.url,
          sha512: artifact.sha512,
          size: artifact.size,
          destination: file,
          signal,
          fetch: options.fetch,
          onProgress,
        });
        if (!result.ok) return result;
      }
      ready = { artifact, file };
      return { ok: true, value: undefined };
    },

    async install() {
      if (!ready) return updaterFail('install_failed', 'there is no downloaded update to install');
      const { artifact, file } = ready;
      // Checked once more right before use: the file sat on disk since it was verified.
      if (!(await fileMatchesSha512(file, artifact.sha512))) {
        ready = null;
        await rm(file, { force: true });
        return updaterFail('tampered', 'the downloaded update changed on disk since it was verified; it was deleted');
      }
      return options.install(file, options.installKind, artifact.version);
    },
  };
}

async function removeOtherVersions(cacheDir: string, keep: string): Promise<void> {
  for (const entry of await readdir(cacheDir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== keep) await rm(join(cacheDir, entry.name), { recursive: true, force: true });
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
