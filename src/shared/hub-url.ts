/**
 * Where a desktop may send the agent's password, tokens and SIP credentials: a hub over https (its socket then
 * over wss), or plain http only to this computer (the embedded demo hub, a developer's hub). Anything else would
 * carry them in clear across a network.
 */
export type HubUrlProblem = 'invalid' | 'insecure';

const LOOPBACK_V4 = /^127(?:\.\d{1,3}){3}$/;

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || LOOPBACK_V4.test(host);
}

export function hubUrlProblem(url: string): HubUrlProblem | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'invalid';
  }
  if (parsed.protocol === 'https:' || parsed.protocol === 'wss:') return null;
  if (parsed.protocol === 'http:' || parsed.protocol === 'ws:') return isLoopbackHost(parsed.hostname) ? null : 'insecure';
  return 'invalid';
}
