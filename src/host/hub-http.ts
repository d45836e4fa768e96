import { loginResponseSchema, type LoginResponse } from '../shared/protocol/hub-protocol';
import type { Result } from '../shared/result';
import { hubRequest } from './hub-request';

export function loginToHub(hubUrl: string, username: string, password: string): Promise<Result<LoginResponse>> {
  return hubRequest({ hubUrl }, 'POST', '/api/login', { username, password }, loginResponseSchema, 'hub-error');
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
  return hubRequest({ hubUrl, token }, 'POST', '/api/refresh', {}, loginResponseSchema, 'hub-error');
}
