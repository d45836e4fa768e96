import type { UpdateChannel } from '../../shared/contracts/shell-contract';
import type { UpdaterResult } from './update-feed';

/** A feed the controller has already checked: a usable URL (https, or loopback) and a channel. */
export interface UpdateFeed {
  url: URL;
  channel: UpdateChannel;
}

/** What a feed offers; the controller decides whether it is newer than the running copy. */
export interface OfferedUpdate {
  version: string;
  releaseNotes: string | null;
  /** Bytes to download when the feed says; progress fills it in otherwise. */
  size: number | null;
}

export interface DownloadProgress {
  transferred: number;
  total: number;
}

/**
 * Where updates come from and how the last step runs. The state machine
 * (`update-controller.ts`) owns every decision — when to check, whether a version is newer,
 * when it may install — and a source only does the I/O. In the Electron app the source is
 * electron-updater (`src/main/electron-updater-source.ts`); `feed-update-source.ts` speaks the
 * same generic-provider format in plain Node, which is how the state machine is tested against
 * real `latest*.yml` files over HTTP.
 */
export interface UpdateSource {
  /** Reads the channel file. Null: the source itself found nothing to offer. */
  check(feed: UpdateFeed, signal: AbortSignal): Promise<UpdaterResult<OfferedUpdate | null>>;
  /**
   * Downloads what the last check offered and verifies its sha512; ok only when the file is
   * ready to install. A file that does not match is a `tampered` failure and is not kept.
   */
  download(update: OfferedUpdate, onProgress: (progress: DownloadProgress) => void, signal: AbortSignal): Promise<UpdaterResult<void>>;
  /** Installs what the last download verified and restarts the app. */
  install(): Promise<UpdaterResult<void>>;
}
