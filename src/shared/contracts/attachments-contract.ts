import { z } from 'zod';
import { attachmentSchema } from '../domain/message';
import { ATTACHMENT_MAX_BYTES, attachmentMimeTypes } from '../protocol/hub-api';
import { defineContract } from '../rpc/contract';

/** Base64 characters per chunk: a chunk and its frame stay well under the 1 MiB RPC limit. */
export const ATTACHMENT_CHUNK_CHARS = 512 * 1024;
/** Bytes one base64 chunk carries. */
export const ATTACHMENT_CHUNK_BYTES = (ATTACHMENT_CHUNK_CHARS / 4) * 3;

const base64Chunk = z
  .string()
  .max(ATTACHMENT_CHUNK_CHARS)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

/**
 * Files the agent sends, and files in messages, carried between the UI and the host in chunks.
 * The host talks to the hub: the UI never holds the hub's address or the agent's token, and an
 * attachment's relative URL (`/attachments/…`) means the hub's, not the page's.
 */
export const attachmentsContract = defineContract({
  name: 'attachments',
  methods: {
    startUpload: {
      input: z.object({
        name: z.string().trim().min(1).max(255),
        mimeType: z.enum(attachmentMimeTypes),
        size: z.number().int().min(1).max(ATTACHMENT_MAX_BYTES),
      }),
      output: z.object({ uploadId: z.string() }),
    },
    uploadChunk: { input: z.object({ uploadId: z.string().max(100), data: base64Chunk }), output: z.object({ received: z.number().int() }) },
    /** Sends the collected bytes to the hub; the answer names the file a message can carry. */
    finishUpload: { input: z.object({ uploadId: z.string().max(100) }), output: attachmentSchema },
    cancelUpload: { input: z.object({ uploadId: z.string().max(100) }), output: z.object({}) },
    /** One chunk of a file a message names, from `offset`; `total` says how many bytes there are. */
    read: {
      input: z.object({ url: z.string().min(1).max(2048), offset: z.number().int().nonnegative().default(0) }),
      output: z.object({ mimeType: z.string(), total: z.number().int().nonnegative(), offset: z.number().int().nonnegative(), data: z.string() }),
    },
  },
  events: {},
});
