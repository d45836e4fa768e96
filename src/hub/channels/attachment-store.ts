import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Attachment } from '../../shared/domain/message';
import { ATTACHMENT_MAX_BYTES, attachmentMimeTypes } from '../../shared/protocol/hub-api';
import { redactText } from '../../shared/redact';
import { err, ok, type Result } from '../../shared/result';
import { newId } from '../ids';
import type { HubStore, StoredAttachment } from '../store/hub-store';

type AllowedType = (typeof attachmentMimeTypes)[number];
const DAY_MS = 86_400_000;

/** The declared type must match the bytes: a script renamed to .png is not an image. */
const looksLike: Record<AllowedType, (b: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => b.subarray(0, 4).toString('latin1') === 'GIF8',
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'text/plain': (b) => !b.includes(0) && Buffer.from(b.toString('utf8'), 'utf8').equals(b),
};

export const isAllowedType = (t: string): t is AllowedType => (attachmentMimeTypes as readonly string[]).includes(t);

/** Customer and agent files, kept under `<data-dir>/attachments`, served back through signed URLs. */
export function createAttachmentStore(store: HubStore, dataDir: string, signingSecret: string, now: () => number = Date.now) {
  const dir = join(dataDir, 'attachments');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const sign = (id: string): string => createHmac('sha256', signingSecret).update(`attachment:${id}`).digest('hex').slice(0, 32);

  const toAttachment = (a: StoredAttachment): Attachment => ({
    id: a.id,
    name: a.name,
    mimeType: a.mimeType,
    size: a.size,
    url: `/attachments/${a.id}?sig=${sign(a.id)}`,
  });

  return {
    dir,
    /** `quota`: what the owner may have uploaded in the last day, this file included. */
    save(owner: string, name: string, mimeType: string, body: Buffer, quota?: number): Result<Attachment> {
      const type = mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
      if (!isAllowedType(type)) return err('invalid_argument', `files of type ${type || '(none)'} are not accepted`);
      if (body.length === 0) return err('invalid_argument', 'the file is empty');
      if (body.length > ATTACHMENT_MAX_BYTES) return err('frame_too_large', `files are limited to ${ATTACHMENT_MAX_BYTES} bytes`);
      if (quota !== undefined && store.attachmentBytesSince(owner, now() - DAY_MS) + body.length > quota) {
        return err('frame_too_large', 'the upload allowance for today is used up');
      }
      if (!looksLike[type](body)) return err('invalid_argument', `the file content is not ${type}`);
      const id = newId('att');
      // The stored file name is the id alone: a customer's file name never reaches the file system.
      const file = join(dir, id);
      writeFileSync(file, body, { mode: 0o600 });
      const stored: StoredAttachment = { id, owner, name: redactText(name).slice(0, 255) || id, mimeType: type, size: body.length, file, createdAt: now() };
      store.insertAttachment(stored);
      return ok(toAttachment(stored));
    },
    /** Attachments by id, each owned by `owner` (a visitor or agent may only send their own uploads). */
    owned(owner: string, ids: string[]): Result<Attachment[]> {
      const out: Attachment[] = [];
      for (const id of ids) {
        const a = store.attachment(id);
        if (!a || a.owner !== owner) return err('not_found', `no such attachment: ${id.slice(0, 40)}`);
        out.push(toAttachment(a));
      }
      return ok(out);
    },
    /** Deletes uploads that no message used within `graceMs`: files nobody sends only take disk. */
    sweep(graceMs: number): number {
      let removed = 0;
      for (const a of store.unreferencedAttachments(now() - graceMs, 500)) {
        rmSync(a.file, { force: true });
        store.deleteAttachment(a.id);
        removed++;
      }
      return removed;
    },
    /** The stored file when the URL's signature is right. */
    open(id: string, sig: string): StoredAttachment | null {
      const a = store.attachment(id);
      if (!a) return null;
      const expected = Buffer.from(sign(id));
      const given = Buffer.from(sig);
      return expected.length === given.length && timingSafeEqual(expected, given) ? a : null;
    },
  };
}
export type AttachmentStore = ReturnType<typeof createAttachmentStore>;
