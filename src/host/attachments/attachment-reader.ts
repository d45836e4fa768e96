import { ATTACHMENT_CHUNK_BYTES } from '../../shared/contracts/attachments-contract';
import { ATTACHMENT_MAX_BYTES } from '../../shared/protocol/hub-api';
import { err, ok, type Result } from '../../shared/result';

/** Files kept in memory after a read, so scrolling back to a photo costs nothing; least recently read go first. */
const CACHE_BYTES = 64 * 1024 * 1024;

interface Held {
  mimeType: string;
  bytes: Buffer;
}

export interface AttachmentChunk {
  mimeType: string;
  total: number;
  offset: number;
  data: string;
}

/**
 * Reads the files messages name from the hub, for the UI. Only the hub's own `/attachments/` paths
 * are fetched (a message's URL is never a way to make the desktop call another server); they are
 * signed by the hub, so no token is sent.
 */
export function createAttachmentReader(hubUrl: () => string | null) {
  const held = new Map<string, Held>();
  let heldBytes = 0;
  const inflight = new Map<string, Promise<Result<Held>>>();

  const keep = (key: string, file: Held): void => {
    held.set(key, file);
    heldBytes += file.bytes.length;
    for (const [k, v] of held) {
      if (heldBytes <= CACHE_BYTES) break;
      held.delete(k);
      heldBytes -= v.bytes.length;
    }
  };

  async function download(url: URL): Promise<Result<Held>> {
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    } catch {
      return err('unavailable', 'the hub cannot be reached');
    }
    if (response.status === 404) return err('not_found', 'that file is no longer available');
    if (!response.ok) return err('unavailable', `the hub answered ${response.status}`);
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > ATTACHMENT_MAX_BYTES) return err('frame_too_large', 'the file is larger than attachments may be');
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > ATTACHMENT_MAX_BYTES) return err('frame_too_large', 'the file is larger than attachments may be');
    return ok({ mimeType: (response.headers.get('content-type') ?? 'application/octet-stream').split(';')[0]!.trim(), bytes });
  }

  return {
    async read(rawUrl: string, offset: number): Promise<Result<AttachmentChunk>> {
      const base = hubUrl();
      if (!base) return err('unauthenticated', 'sign in first');
      let url: URL;
      try {
        url = new URL(rawUrl, base);
      } catch {
        return err('invalid_argument', 'not a file address');
      }
      if (url.origin !== new URL(base).origin || !url.pathname.startsWith('/attachments/')) {
        return err('permission_denied', 'only files the hub holds are read through the desktop');
      }
      const key = url.toString();
      let file = held.get(key);
      if (file) {
        // Touched: move to the young end of the eviction order.
        held.delete(key);
        held.set(key, file);
      } else {
        let pending = inflight.get(key);
        if (!pending) {
          pending = download(url).finally(() => inflight.delete(key));
          inflight.set(key, pending);
        }
        const fetched = await pending;
        if (!fetched.ok) return fetched;
        file = fetched.value;
        if (!held.has(key)) keep(key, file);
      }
      const start = Math.min(offset, file.bytes.length);
      const slice = file.bytes.subarray(start, start + ATTACHMENT_CHUNK_BYTES);
      return ok({ mimeType: file.mimeType, total: file.bytes.length, offset: start, data: slice.toString('base64') });
    },
  };
}
export type AttachmentReader = ReturnType<typeof createAttachmentReader>;
