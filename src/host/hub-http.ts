import { loginResponseSchema, type LoginResponse } from '../shared/protocol/hub-protocol';
import { describeZodError, err, ok, type Result } from '../shared/result';
import { hubRefusal } from './hub-refusal';

async function postJson(url: string, body: unknown, token?: string): Promise<Result<LoginResponse>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    return err('unavailable', 'the hub cannot be reached');
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) return hubRefusal(response.status, json);
  const parsed = loginResponseSchema.safeParse(json);
  return parsed.success ? ok(parsed.data) : err('internal', `the hub answered out of protocol: ${describeZodError(parsed.error)}`);
}

export function loginToHub(hubUrl: string, username: string, password: string): Promise<Result<LoginResponse>> {
  return postJson(new URL('/api/login', hubUrl).toString(), { username, password });
}

/** Ends the session on the hub, so the token is worthless even if it was copied; best effort (offline: it lapses). */
export async function logoutFromHub(hubUrl: string, token: string): Promise<void> {
  await fetch(new URL('/api/logout', hubUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: '{}',
    signal: AbortSignal.timeout(5_000),
  }).catch(() => undefined);
}

export function refreshHubToken(hubUrl: string, token: string): Promise<Result<LoginResponse>> {
  return postJson(new URL('/api/refresh', hubUrl).toString(), {}, token);
}
