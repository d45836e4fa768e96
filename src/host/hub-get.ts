import type { z } from 'zod';
import { describeZodError, err, ok, type Result } from '../shared/result';

/**
 * GET against the hub's HTTP API with the agent's bearer token, answer checked against a schema.
 * The hub reports failures as `{ error: { code, message } }`; anything else becomes `unavailable`.
 */
export async function hubGet<T extends z.ZodType>(
  auth: { hubUrl: string; token: string } | null,
  path: string,
  schema: T,
): Promise<Result<z.output<T>>> {
  if (!auth) return err('unauthenticated', 'sign in first');
  let response: Response;
  try {
    response = await fetch(new URL(path, auth.hubUrl), {
      headers: { authorization: `Bearer ${auth.token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    return err('unavailable', 'the hub cannot be reached');
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    if (response.status === 404) return err('not_found', typeof error?.message === 'string' ? error.message : `${path} not found`);
    if (response.status === 401) return err('unauthenticated', 'the hub refused the token');
    if (response.status === 403) return err('permission_denied', 'the hub refused the request');
    return err('unavailable', `the hub answered ${response.status}`);
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? ok(parsed.data) : err('internal', `the hub answered out of protocol: ${describeZodError(parsed.error)}`);
}
