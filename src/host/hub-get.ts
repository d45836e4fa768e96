import type { z } from 'zod';
import { describeZodError, err, ok, type Result } from '../shared/result';
import { hubRefusal } from './hub-refusal';

/**
 * GET against the hub's HTTP API with the agent's bearer token, answer checked against a schema.
 * The hub reports failures as `{ error: { code, message } }`; a status without one is read by the one table.
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
  if (!response.ok) return hubRefusal(response.status, json);
  const parsed = schema.safeParse(json);
  return parsed.success ? ok(parsed.data) : err('internal', `the hub answered out of protocol: ${describeZodError(parsed.error)}`);
}
