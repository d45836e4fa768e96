import type { z } from 'zod';
import { describeZodError, err, ok, type Result } from '../shared/result';
import { hubRefusal } from './hub-refusal';

/**
 * How a refusal from the hub reaches the caller:
 * - `hub-error`: the hub's own `{ error: { code, message } }` as it was said (e.g. "a title is
 *   required", a version conflict), so a form can show it; an answer without one gets the code its status has in the one table
 *   (src/shared/http-status.ts).
 * - `by-status`: 401, 403 and 404 become fixed errors (404 keeps the hub's message when it gave one),
 *   so a read tells "not there" from "not yours" from "the hub is down" whatever the hub said.
 */
export type HubErrorPolicy = 'hub-error' | 'by-status';

/** Where the hub is, and the agent's bearer token (none only for signing in). */
export interface HubTarget {
  hubUrl: string;
  token?: string | undefined;
}

/**
 * One request to the hub's HTTP API: JSON in and out, ten seconds at most, the answer checked
 * against `schema`. `target` null means nobody is signed in. A GET sends no body.
 */
export async function hubRequest<T extends z.ZodType>(
  target: HubTarget | null,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body: unknown,
  schema: T,
  errorPolicy: HubErrorPolicy,
): Promise<Result<z.output<T>>> {
  if (!target) return err('unauthenticated', 'sign in first');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (target.token) headers.authorization = `Bearer ${target.token}`;
  if (method !== 'GET') headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(new URL(path, target.hubUrl), {
      method,
      headers,
      ...(method !== 'GET' ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    return err('unavailable', 'the hub cannot be reached');
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) return refusal(response.status, path, json, errorPolicy);
  const parsed = schema.safeParse(json);
  return parsed.success ? ok(parsed.data) : err('internal', `the hub answered out of protocol: ${describeZodError(parsed.error)}`);
}

function refusal(status: number, path: string, json: unknown, policy: HubErrorPolicy): Result<never> {
  if (policy === 'hub-error') return hubRefusal(status, json);
  if (status === 404) {
    const message = (json as { error?: { message?: unknown } } | null)?.error?.message;
    return err('not_found', typeof message === 'string' ? message : `${path} not found`);
  }
  if (status === 401) return err('unauthenticated', 'the hub refused the token');
  if (status === 403) return err('permission_denied', 'the hub refused the request');
  return err('unavailable', `the hub answered ${status}`);
}
