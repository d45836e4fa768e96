import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { attachmentSchema, type Attachment } from '../../shared/domain/message';
import { appErrorSchema, err, ok, type Result } from '../../shared/result';
import type { HubAuth } from '../hub-auth';

/** Uploads one agent may have open at once; each holds at most one file (5 MB) in memory. */
const MAX_OPEN_UPLOADS = 4;
/** An upload nobody finished is dropped, so a closed window cannot pin memory. */
const UPLOAD_IDLE_MS = 2 * 60_000;

interface OpenUpload {
  name: string;
  mimeType: string;
  size: number;
  chunks: Buffer[];
  received: number;
  lastTouched: number;
}

const uploadAnswerSchema = z.object({ attachment: attachmentSchema });
const errorAnswerSchema = z.object({ error: appErrorSchema });

/**
 * Files the agent attaches: collected from the UI in chunks, then posted to the hub in one request
 * with the agent's token (POST /api/attachments). The hub checks type and content; the bounds here
 * only keep the host's memory small.
 */
export function createAttachmentUploads(auth: () => Promise<HubAuth | null>, now: () => number = Date.now) {
  const open = new Map<string, OpenUpload>();

  const sweep = (): void => {
    for (const [id, upload] of open) if (now() - upload.lastTouched > UPLOAD_IDLE_MS) open.delete(id);
  };

  return {
    start(name: string, mimeType: string, size: number): Result<{ uploadId: string }> {
      sweep();
      if (open.size >= MAX_OPEN_UPLOADS) return err('rate_limited', `at most ${MAX_OPEN_UPLOADS} files can be uploading at once`);
      const uploadId = randomUUID();
      open.set(uploadId, { name, mimeType, size, chunks: [], received: 0, lastTouched: now() });
      return ok({ uploadId });
    },
    chunk(uploadId: string, base64: string): Result<{ received: number }> {
      const upload = open.get(uploadId);
      if (!upload) return err('not_found', 'that upload is unknown or expired');
      const bytes = Buffer.from(base64, 'base64');
      if (upload.received + bytes.length > upload.size) {
        open.delete(uploadId);
        return err('frame_too_large', `the file is larger than the ${upload.size} bytes announced`);
      }
      upload.chunks.push(bytes);
      upload.received += bytes.length;
      upload.lastTouched = now();
      return ok({ received: upload.received });
    },
    cancel(uploadId: string): void {
      open.delete(uploadId);
    },
    async finish(uploadId: string): Promise<Result<Attachment>> {
      const upload = open.get(uploadId);
      if (!upload) return err('not_found', 'that upload is unknown or expired');
      open.delete(uploadId);
      if (upload.received !== upload.size) return err('invalid_argument', `the file arrived incomplete (${upload.received} of ${upload.size} bytes)`);
      const hub = await auth();
      if (!hub) return err('unauthenticated', 'sign in first');
      const url = new URL('/api/attachments', hub.hubUrl);
      url.searchParams.set('name', upload.name);
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${hub.token}`, 'content-type': upload.mimeType },
          body: Buffer.concat(upload.chunks),
          signal: AbortSignal.timeout(30_000),
        });
      } catch {
        return err('unavailable', 'the hub cannot be reached');
      }
      const json: unknown = await response.json().catch(() => null);
      if (!response.ok) {
        const refused = errorAnswerSchema.safeParse(json);
        return refused.success ? { ok: false, error: refused.data.error } : err('unavailable', `the hub answered ${response.status}`);
      }
      const parsed = uploadAnswerSchema.safeParse(json);
      return parsed.success ? ok(parsed.data.attachment) : err('internal', 'the hub answered the upload out of protocol');
    },
  };
}
export type AttachmentUploads = ReturnType<typeof createAttachmentUploads>;
