import { z } from 'zod';
import { errorCodeOfStatus } from '../shared/http-status';
import { appErrorSchema, err, type Result } from '../shared/result';

const errorBodySchema = z.object({ error: appErrorSchema });

/**
 * What a refused hub request means: the hub's own `{ error: { code, message } }` when it sent one (every hub
 * route does), else the code the status has in the one table (src/shared/http-status.ts).
 */
export function hubRefusal<T = never>(status: number, body: unknown): Result<T> {
  const parsed = errorBodySchema.safeParse(body);
  return parsed.success ? { ok: false, error: parsed.data.error } : err(errorCodeOfStatus(status), `the hub answered ${status}`);
}
