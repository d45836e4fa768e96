import { CORE_SCHEMA, load } from 'js-yaml';
import { z } from 'zod';
import type { UpdateChannel, UpdateProblem } from '../../shared/contracts/shell-contract';
import { describeZodError } from '../../shared/result';
import { isValidVersion } from './version';

/**
 * Reading a generic update feed in electron-builder's format: `<feed>/latest.yml` (Windows),
 * `latest-mac.yml`, `latest-linux.yml`, `latest-linux-arm64.yml`, and the same with `beta` for
 * the beta channel — the names electron-updater's generic provider asks for.
 */

export type InstallKind = 'appimage' | 'deb' | 'nsis' | 'dmg';

/** The artifact each kind of installed copy updates from, by file extension. */
const ARTIFACT_EXTENSION: Record<InstallKind, string> = { appimage: '.AppImage', deb: '.deb', nsis: '.exe', dmg: '.dmg' };

export type UpdaterResult<T> = { ok: true; value: T } | { ok: false; problem: UpdateProblem; message: string };
export const updaterFail = (problem: UpdateProblem, message: string): { ok: false; problem: UpdateProblem; message: string } => ({
  ok: false,
  problem,
  message: message.slice(0, 500),
});

const sha512Schema = z.base64().refine((v) => Buffer.from(v, 'base64').length === 64, 'not a sha512 digest');
export const releaseNotesSchema = z
  .union([z.string(), z.array(z.object({ version: z.string(), note: z.string().nullable() }))])
  .transform((notes) => (typeof notes === 'string' ? notes : notes.map((n) => `${n.version}: ${n.note ?? ''}`).join('\n')));

export const updateInfoSchema = z.object({
  version: z.string().refine(isValidVersion, 'not a semantic version'),
  files: z
    .array(z.object({ url: z.string().min(1).max(500), sha512: sha512Schema, size: z.number().int().positive().optional() }))
    .min(1),
  releaseDate: z.string().optional(),
  releaseNotes: releaseNotesSchema.nullish(),
});
export type UpdateInfo = z.infer<typeof updateInfoSchema>;

export interface UpdateArtifact {
  version: string;
  url: URL;
  fileName: string;
  sha512: string;
  size: number | null;
  releaseNotes: string | null;
}

export function channelFileName(channel: UpdateChannel, platform: NodeJS.Platform, arch: string): string {
  const base = channel === 'stable' ? 'latest' : 'beta';
  if (platform === 'linux') return `${base}-linux${arch === 'x64' ? '' : `-${arch}`}.yml`;
  if (platform === 'darwin') return `${base}-mac.yml`;
  return `${base}.yml`;
}

/**
 * A feed must be https, except on this machine's loopback (local testing). Plain http from
 * anywhere else would let anyone on the path swap both the file and its checksum.
 */
export function checkFeedUrl(feedUrl: string): UpdaterResult<URL> {
  let url: URL;
  try {
    url = new URL(feedUrl);
  } catch {
    return updaterFail('feed_invalid', 'the update feed address is not a URL');
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return updaterFail('feed_invalid', 'the update feed must use https');
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return { ok: true, value: url };
}

/** Parses a channel file and picks the artifact for this kind of install. */
export function parseChannelFile(text: string, feed: URL, kind: InstallKind): UpdaterResult<UpdateArtifact> {
  let yaml: unknown;
  try {
    // The core schema: no custom tags, no timestamps turned into objects.
    yaml = load(text, { schema: CORE_SCHEMA });
  } catch (cause) {
    return updaterFail('feed_invalid', `the update feed is not valid YAML: ${cause instanceof Error ? cause.message.split('\n')[0] : ''}`);
  }
  const info = updateInfoSchema.safeParse(yaml);
  if (!info.success) return updaterFail('feed_invalid', `the update feed is malformed: ${describeZodError(info.error)}`);

  const extension = ARTIFACT_EXTENSION[kind].toLowerCase();
  const file = info.data.files.find((f) => decodeURIComponent(new URL(f.url, feed).pathname).toLowerCase().endsWith(extension));
  if (!file) return updaterFail('no_artifact', `this release has no ${ARTIFACT_EXTENSION[kind]} file`);
  const url = new URL(file.url, feed);
  // Artifacts may live on a CDN, but under the same transport rule as the feed.
  if (!checkFeedUrl(url.toString()).ok) return updaterFail('feed_invalid', 'the update file must be served over https');
  const fileName = decodeURIComponent(url.pathname.split('/').pop() ?? '');
  if (!/^[\w. -]+$/.test(fileName)) return updaterFail('feed_invalid', 'the update file has an unusable name');
  return {
    ok: true,
    value: { version: info.data.version, url, fileName, sha512: file.sha512, size: file.size ?? null, releaseNotes: info.data.releaseNotes ?? null },
  };
}
