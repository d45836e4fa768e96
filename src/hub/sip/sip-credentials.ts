/**
 * Ephemeral SIP credentials for Kamailio's auth_ephemeral module (5.6,
 * username_format=1, sha_algorithm=0): the username is
 * "<unix-expiry-seconds>:<sipUser>" and the password is
 * base64(HMAC-SHA1(secret, username)). Kamailio recomputes the password from
 * the same shared secret, so the hub never stores SIP passwords and a leaked
 * credential dies at its expiry.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';

export const sipUserSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'sipUser: letters, digits, . _ - only');

export const issueSipCredentialsInputSchema = z.object({
  sipUser: sipUserSchema,
  secret: z.string().min(16),
  ttlSeconds: z.number().int().min(60).max(7 * 24 * 3600),
  domain: z.string().regex(/^[A-Za-z0-9.-]+$/),
  wsUrl: z.string().regex(/^wss?:\/\/[^\s]+$/),
  /** Injected clock for tests; defaults to Date.now(). */
  nowMs: z.number().optional(),
});
export type IssueSipCredentialsInput = z.input<typeof issueSipCredentialsInputSchema>;

export const sipCredentialsSchema = z.object({
  authorizationUsername: z.string(),
  password: z.string(),
  /** The agent's address of record, e.g. sip:agent-1@switchboard.test */
  uri: z.string(),
  wsUrl: z.string(),
  /** Epoch milliseconds after which Kamailio rejects the credentials. */
  expiresAt: z.number(),
});
export type SipCredentials = z.infer<typeof sipCredentialsSchema>;

export function ephemeralPassword(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username, 'utf8').digest('base64');
}

export function issueSipCredentials(input: IssueSipCredentialsInput): SipCredentials {
  const args = issueSipCredentialsInputSchema.parse(input);
  const expirySeconds = Math.floor((args.nowMs ?? Date.now()) / 1000) + args.ttlSeconds;
  const authorizationUsername = `${expirySeconds}:${args.sipUser}`;
  return {
    authorizationUsername,
    password: ephemeralPassword(args.secret, authorizationUsername),
    uri: `sip:${args.sipUser}@${args.domain}`,
    wsUrl: args.wsUrl,
    expiresAt: expirySeconds * 1000,
  };
}
