import { ATTACHMENT_CHUNK_BYTES } from '../../shared/contracts/attachments-contract';
import type { Attachment } from '../../shared/domain/message';
import { ATTACHMENT_MAX_BYTES, attachmentMimeTypes } from '../../shared/protocol/hub-api';
import { err, ok, type Result } from '../../shared/result';
import { rpc } from '../rpc/connect';

export type AllowedMime = (typeof attachmentMimeTypes)[number];
export const isAllowedMime = (type: string): type is AllowedMime => (attachmentMimeTypes as readonly string[]).includes(type);

/** Why a file cannot be sent, before any byte leaves the page; null when it can. */
export function fileProblem(file: { type: string; size: number }): 'type' | 'size' | 'empty' | null {
  if (!isAllowedMime(file.type)) return 'type';
  if (file.size === 0) return 'empty';
  return file.size > ATTACHMENT_MAX_BYTES ? 'size' : null;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Sends a file to the hub through the host, chunk by chunk; `progress` gets the share sent so far (0..1). */
export async function uploadFile(file: File, name: string, progress: (share: number) => void): Promise<Result<Attachment>> {
  if (!isAllowedMime(file.type)) return err('invalid_argument', 'type');
  const started = await rpc.attachments.startUpload({ name, mimeType: file.type, size: file.size });
  if (!started.ok) return started;
  const { uploadId } = started.value;
  const bytes = new Uint8Array(await file.arrayBuffer());
  for (let offset = 0; offset < bytes.length; offset += ATTACHMENT_CHUNK_BYTES) {
    const sent = await rpc.attachments.uploadChunk({ uploadId, data: toBase64(bytes.subarray(offset, offset + ATTACHMENT_CHUNK_BYTES)) });
    if (!sent.ok) {
      void rpc.attachments.cancelUpload({ uploadId });
      return sent;
    }
    progress(sent.value.received / bytes.length);
  }
  const done = await rpc.attachments.finishUpload({ uploadId });
  return done.ok ? ok(done.value) : done;
}

/** A pasted screenshot has no useful name ("image.png"): give it one that says when. */
export function pastedName(file: File, at: Date): string {
  const ext = file.type.split('/')[1] === 'jpeg' ? 'jpg' : (file.type.split('/')[1] ?? 'png');
  const stamp = `${at.getFullYear()}${String(at.getMonth() + 1).padStart(2, '0')}${String(at.getDate()).padStart(2, '0')}-${String(at.getHours()).padStart(2, '0')}${String(at.getMinutes()).padStart(2, '0')}${String(at.getSeconds()).padStart(2, '0')}`;
  return `screenshot-${stamp}.${ext}`;
}
