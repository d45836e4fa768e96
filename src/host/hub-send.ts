import { z } from 'zod';
import { appErrorSchema, describeZodError, err, ok, type Result } from '../shared/result';

const errorBodySchema = z.object({ error: appErrorSchema });

/**
 * POST or PUT JSON to the hub's HTTP API with the agent's bearer token; the answer is checked
 * against a schema. The hub's own error (code and message, e.g. "a title is required" or a version
 * conflict) reaches the caller as it was said.
 */
export async function hubSend<T extends z.ZodType>(
  auth: { hubUrl: string; token: string } | null,
  method: 'POST' | 'PUT',
  path: string,
  body: unknown,
  schema: T,
): Promise<Result<z.output<T>>> {
  if (!auth) return err('unauthenticated', 'sign in first');
  let response: Response;
  try {
    response = await fetch(new URL(path, auth.hubUrl), {
      method,
      headers: { authorization: `Bearer ${auth.token}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    return err('unavailable', 'the hub cannot be reached');
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const said = errorBodySchema.safeParse(json);
    if (said.success) return { ok: false, error: said.data.error };
    return err('unavailable', `the hub answered ${response.status}`);
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? ok(parsed.data) : err('internal', `the hub answered out of protocol: ${describeZodError(parsed.error)}`);
}
