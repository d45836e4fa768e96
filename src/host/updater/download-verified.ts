import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { updaterFail, type UpdaterResult } from './update-feed';
import type { DownloadProgress } from './update-source';

export interface DownloadRequest {
  url: URL;
  /** Base64 sha512 from the channel file, as electron-builder writes it. */
  sha512: string;
  size: number | null;
  destination: string;
  onProgress(progress: DownloadProgress): void;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/**
 * Downloads to `<destination>.partial`, hashing as it writes, and renames into place only when
 * the size and sha512 match. A file that does not match is deleted: it never reaches the
 * installer.
 */
export async function downloadVerified(request: DownloadRequest): Promise<UpdaterResult<string>> {
  const partial = `${request.destination}.partial`;
  let response: Response;
  try {
    response = await (request.fetch ?? fetch)(request.url, { signal: request.signal ?? null, redirect: 'follow' });
  } catch (cause) {
    return updaterFail('network', `the update could not be downloaded: ${describe(cause)}`);
  }
  if (!response.ok || !response.body) return updaterFail('network', `the update server answered ${response.status}`);

  const announced = Number(response.headers.get('content-length') ?? NaN);
  const total = request.size ?? (Number.isFinite(announced) ? announced : 0);
  const hash = createHash('sha512');
  let transferred = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      transferred += chunk.length;
      if (request.size !== null && transferred > request.size) {
        done(new Error('the download is larger than the feed says'));
        return;
      }
      hash.update(chunk);
      request.onProgress({ transferred, total });
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), meter, createWriteStream(partial, { mode: 0o600 }));
  } catch (cause) {
    await rm(partial, { force: true });
    if (cause instanceof Error && cause.message.includes('larger than')) return tampered('its size does not match');
    return updaterFail('network', `the download was interrupted: ${describe(cause)}`);
  }
  if (request.size !== null && transferred !== request.size) {
    await rm(partial, { force: true });
    return tampered('its size does not match');
  }
  if (hash.digest('base64') !== request.sha512) {
    await rm(partial, { force: true });
    return tampered('its sha512 checksum does not match');
  }
  try {
    await rename(partial, request.destination);
  } catch (cause) {
    await rm(partial, { force: true });
    return updaterFail('disk', `the update could not be saved: ${describe(cause)}`);
  }
  return { ok: true, value: request.destination };
}

/** Re-hashes a file already on disk (a download from an earlier run) before trusting it. */
export async function fileMatchesSha512(path: string, sha512: string): Promise<boolean> {
  const hash = createHash('sha512');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch {
    return false;
  }
  return hash.digest('base64') === sha512;
}

function tampered(what: string): { ok: false; problem: 'tampered'; message: string } {
  return { ok: false, problem: 'tampered', message: `the downloaded update was refused: ${what}, so it may have been altered` };
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
