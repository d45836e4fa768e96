import { useEffect, useState } from 'react';
import { err, ok, type Result } from '../../shared/result';
import { rpc } from '../rpc/connect';

/** Files kept as blob URLs for this window; the oldest are released past this many. */
const MAX_BLOBS = 200;
const blobs = new Map<string, Promise<Result<string>>>();

/** A URL the hub made (`/attachments/…`) means the hub's, not this page's: the host reads it. */
export const isHubRelative = (url: string): boolean => url.startsWith('/') && !url.startsWith('//');

/** Only web links and inline data may be rendered or downloaded; anything else (javascript:, file:) is dropped. */
export function safeUrl(url: string): string | null {
  try {
    const parsed = new URL(url, location.href);
    return ['http:', 'https:', 'blob:', 'data:'].includes(parsed.protocol) ? parsed.toString() : null;
  } catch {
    return null;
  }
}

function base64Bytes(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function readThroughHost(url: string): Promise<Result<string>> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  let mimeType = 'application/octet-stream';
  for (;;) {
    const chunk = await rpc.attachments.read({ url, offset });
    if (!chunk.ok) return chunk;
    mimeType = chunk.value.mimeType;
    const bytes = base64Bytes(chunk.value.data);
    parts.push(bytes);
    offset += bytes.length;
    if (offset >= chunk.value.total || bytes.length === 0) break;
  }
  return ok(URL.createObjectURL(new Blob(parts, { type: mimeType })));
}

function blobFor(url: string): Promise<Result<string>> {
  let pending = blobs.get(url);
  if (!pending) {
    pending = readThroughHost(url).catch(() => err('unavailable', 'the file could not be read'));
    blobs.set(url, pending);
    // A failure is not remembered: the next look tries again (the hub may be back).
    void pending.then((r) => !r.ok && blobs.delete(url));
    for (const [old, blob] of blobs) {
      if (blobs.size <= MAX_BLOBS) break;
      blobs.delete(old);
      void blob.then((r) => r.ok && URL.revokeObjectURL(r.value));
    }
  }
  return pending;
}

export type AttachmentSource = { status: 'loading' } | { status: 'ready'; src: string } | { status: 'failed' };

/** Where the page can load a message's file from: the link itself, or a blob of the bytes the host read from the hub. */
export function useAttachmentSource(url: string): AttachmentSource {
  const direct = isHubRelative(url) ? null : safeUrl(url);
  const [source, setSource] = useState<AttachmentSource>(direct ? { status: 'ready', src: direct } : isHubRelative(url) ? { status: 'loading' } : { status: 'failed' });
  useEffect(() => {
    if (!isHubRelative(url)) return;
    let live = true;
    void blobFor(url).then((r) => live && setSource(r.ok ? { status: 'ready', src: r.value } : { status: 'failed' }));
    return () => {
      live = false;
    };
  }, [url]);
  return source;
}
