import { z } from 'zod';
import { appErrorSchema } from '../result';

/** Largest frame either side accepts; bigger ones are refused before parsing. */
export const MAX_FRAME_BYTES = 1024 * 1024;

export const requestFrameSchema = z.object({
  t: z.literal('req'),
  id: z.number().int().nonnegative(),
  c: z.string().min(1).max(64),
  m: z.string().min(1).max(64),
  a: z.unknown(),
});
export type RequestFrame = z.infer<typeof requestFrameSchema>;

/**
 * A client's listen / unlisten for one event of one contract. A connection (a window) receives an
 * event only while it listens to it: the phone window, which listens to a handful, never gets the
 * inbox's traffic.
 */
export const subscriptionFrameSchema = z.object({
  t: z.enum(['sub', 'unsub']),
  c: z.string().min(1).max(64),
  e: z.string().min(1).max(64),
});
export type SubscriptionFrame = z.infer<typeof subscriptionFrameSchema>;

export const clientFrameSchema = z.discriminatedUnion('t', [requestFrameSchema, subscriptionFrameSchema]);

export const responseFrameSchema = z.object({
  t: z.literal('res'),
  id: z.number().int().nonnegative().nullable(),
  r: z.union([
    z.object({ ok: z.literal(true), value: z.unknown() }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]),
});
export type ResponseFrame = z.infer<typeof responseFrameSchema>;

export const eventFrameSchema = z.object({
  t: z.literal('evt'),
  c: z.string(),
  e: z.string(),
  p: z.unknown(),
});
export type EventFrame = z.infer<typeof eventFrameSchema>;

export const serverFrameSchema = z.discriminatedUnion('t', [responseFrameSchema, eventFrameSchema]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;

/** Length in UTF-8 bytes without needing Buffer or TextEncoder allocations per char. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
