import { z } from 'zod';
import type { UpdateChannel, UpdateProblem } from '../../shared/contracts/shell-contract';
import { releaseNotesSchema, updaterFail, type UpdaterResult } from './update-feed';
import type { DownloadProgress, OfferedUpdate } from './update-source';

/**
 * What electron-updater hands back, read as plain data and checked with zod, so the mapping is
 * tested here without Electron and main's adapter (src/main/electron-updater-source.ts) stays
 * a few lines of wiring. Shapes as of electron-updater 6.8 / builder-util-runtime 9.7.
 */

/** The generic provider's channel name: `latest` reads latest*.yml, `beta` reads beta*.yml. */
export function updaterChannel(channel: UpdateChannel): 'latest' | 'beta' {
  return channel === 'stable' ? 'latest' : 'beta';
}

const checkResultSchema = z.object({
  isUpdateAvailable: z.boolean(),
  updateInfo: z.object({
    version: z.string().max(100),
    releaseNotes: releaseNotesSchema.nullish(),
  }),
});

/** `autoUpdater.checkForUpdates()`'s answer → what the feed offers (null: nothing for us). */
export function offeredFromCheck(result: unknown): UpdaterResult<OfferedUpdate | null> {
  // checkForUpdates resolves null when the updater is off (an unpackaged app); main never asks then.
  if (result === null || result === undefined) return updaterFail('install_failed', 'this copy of the app cannot update itself');
  const parsed = checkResultSchema.safeParse(result);
  if (!parsed.success) return updaterFail('feed_invalid', 'the update feed answer could not be read');
  const { isUpdateAvailable, updateInfo } = parsed.data;
  if (!isUpdateAvailable) return { ok: true, value: null };
  // Which file it downloads (and so its size) electron-updater decides later; progress carries the total.
  return { ok: true, value: { version: updateInfo.version, releaseNotes: updateInfo.releaseNotes ?? null, size: null } };
}

const progressSchema = z.object({ transferred: z.number().nonnegative(), total: z.number().nonnegative() });

/** A `download-progress` event (ProgressInfo) → the controller's progress; null if it is not one. */
export function progressFromEvent(info: unknown): DownloadProgress | null {
  const parsed = progressSchema.safeParse(info);
  return parsed.success ? { transferred: parsed.data.transferred, total: parsed.data.total } : null;
}

/** Error codes electron-updater and builder-util-runtime put on the errors they throw. */
const PROBLEM_BY_CODE: Record<string, UpdateProblem> = {
  // DigestTransform: the downloaded file's sha512 is not the one in latest*.yml.
  ERR_CHECKSUM_MISMATCH: 'tampered',
  ERR_UPDATER_INVALID_SIGNATURE: 'tampered',
  ERR_UPDATER_CHANNEL_FILE_NOT_FOUND: 'network',
  ERR_UPDATER_INVALID_UPDATE_INFO: 'feed_invalid',
  ERR_UPDATER_INVALID_VERSION: 'feed_invalid',
  ERR_UPDATER_NO_CHECKSUM: 'feed_invalid',
  ERR_UPDATER_INVALID_PROVIDER_CONFIGURATION: 'feed_invalid',
  ERR_UPDATER_NO_FILES_PROVIDED: 'no_artifact',
  ERR_UPDATER_ZIP_FILE_NOT_FOUND: 'no_artifact',
  ERR_UPDATER_ASSET_NOT_FOUND: 'no_artifact',
  ERR_UPDATER_WEB_INSTALLER_DISABLED: 'no_artifact',
  ENOSPC: 'disk',
  EACCES: 'disk',
  EPERM: 'disk',
  EROFS: 'disk',
};

const WHAT: Record<UpdateProblem, string> = {
  network: 'the update server could not be reached',
  feed_invalid: 'the update feed is malformed',
  no_artifact: 'this release has no file for this kind of install',
  tampered: 'the downloaded update was refused: its sha512 checksum does not match, so it may have been altered',
  disk: 'the update could not be saved',
  install_failed: 'the update could not be installed',
};

/**
 * An error electron-updater threw (or emitted) → the controller's problem and a short message.
 * Its messages can carry a stack, the whole channel file and the feed URL; only the first line
 * is kept, with any credentials in a URL removed, so nothing secret reaches a log or the UI.
 */
export function problemFromUpdaterError(error: unknown, fallback: UpdateProblem = 'network'): { ok: false; problem: UpdateProblem; message: string } {
  const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : null;
  const problem = (code && PROBLEM_BY_CODE[code]) || (code?.startsWith('HTTP_ERROR_') ? 'network' : fallback);
  const raw = error instanceof Error ? error.message : String(error);
  const detail = raw.split('\n')[0]!.replace(/\/\/[^/@\s]*@/g, '//').slice(0, 200);
  return updaterFail(problem, problem === 'tampered' ? WHAT.tampered : `${WHAT[problem]}: ${detail}`);
}

/** A download that stopped because the controller cancelled it (builder-util-runtime's CancellationError). */
export function isCancellation(error: unknown): boolean {
  return error instanceof Error && error.message === 'cancelled';
}
