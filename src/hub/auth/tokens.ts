import { SignJWT, jwtVerify, errors } from 'jose';
import { z } from 'zod';
import { roleSchema, type Role } from '../../shared/domain/agent';
import { err, ok, type Result } from '../../shared/result';

const claimsSchema = z.object({ sub: z.string(), role: roleSchema, sid: z.string() });
export type TokenClaims = z.infer<typeof claimsSchema>;
/** Claims as verified, with the token's own expiry (epoch milliseconds). */
export type VerifiedClaims = TokenClaims & { expiresAt: number };

export interface TokenIssuer {
  /** `notAfter` (epoch ms) caps the token's life below the usual TTL, e.g. at its session's end. */
  issue(claims: TokenClaims, notAfter?: number): Promise<{ token: string; expiresAt: number }>;
  verify(token: string): Promise<Result<VerifiedClaims>>;
}

/** HS256 tokens: short-lived, carrying the agent id, role and login session id. */
export function createTokenIssuer(secret: string, ttlSeconds: number, now: () => number = Date.now): TokenIssuer {
  const key = new TextEncoder().encode(secret);
  return {
    async issue(claims, notAfter) {
      const expiresAt = Math.min(Math.floor(now() / 1000) + ttlSeconds, notAfter === undefined ? Infinity : Math.floor(notAfter / 1000));
      const token = await new SignJWT({ role: claims.role, sid: claims.sid })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.sub)
        .setIssuedAt()
        .setExpirationTime(expiresAt)
        .setIssuer('switchboard-hub')
        .sign(key);
      return { token, expiresAt: expiresAt * 1000 };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, { issuer: 'switchboard-hub', algorithms: ['HS256'] });
        const claims = claimsSchema.safeParse(payload);
        if (!claims.success || typeof payload.exp !== 'number') return err('unauthenticated', 'token claims are malformed');
        return ok({ ...claims.data, expiresAt: payload.exp * 1000 });
      } catch (cause) {
        if (cause instanceof errors.JWTExpired) return err('unauthenticated', 'token expired');
        return err('unauthenticated', 'token is invalid');
      }
    },
  };
}

export function hasRole(role: Role, allowed: readonly Role[]): boolean {
  return allowed.includes(role);
}
