import { z } from 'zod';

/** Every failure that crosses a process boundary carries one of these codes. */
export const errorCodes = [
  'invalid_argument',
  'unauthenticated',
  'transport_unauthorized',
  'permission_denied',
  'not_found',
  'unknown_method',
  'frame_too_large',
  'malformed_frame',
  'conflict',
  /** The request is well formed, but the hub's state cannot carry it out (a customer with no address to write to). */
  'failed_precondition',
  'unavailable',
  'timeout',
  'rate_limited',
  /** The hub address is plain http to another computer: the desktop refuses to send credentials there. */
  'insecure_hub',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const appErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
});
export type AppError = z.infer<typeof appErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.union([
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]);
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}

/** Formats a zod failure as one line a developer can act on, without echoing the input. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}
