import type { z } from 'zod';
import { describeZodError, type AppError } from '../result';
import { utf8Length } from './frames';

export type FrameRead<T> = { ok: true; frame: T } | { ok: false; error: AppError; /** The JSON, when the frame was JSON at all. */ json?: unknown };

/**
 * The one frame guard every socket end uses: refuse an oversized frame before parsing it, then JSON, then
 * the schema. What is refused comes back as an error value the caller answers or logs; nothing throws.
 */
export function readFrame<S extends z.ZodType>(raw: string, schema: S, maxBytes: number): FrameRead<z.output<S>> {
  // UTF-8 takes at most three bytes per UTF-16 unit: only a long string needs measuring.
  if (raw.length > maxBytes / 3 && utf8Length(raw) > maxBytes) return { ok: false, error: { code: 'frame_too_large', message: `frames are limited to ${maxBytes} bytes` } };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: { code: 'malformed_frame', message: 'frame is not valid JSON' } };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, error: { code: 'malformed_frame', message: describeZodError(parsed.error) }, json };
  return { ok: true, frame: parsed.data };
}
