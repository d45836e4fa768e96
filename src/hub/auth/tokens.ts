import { SignJWT, jwtVerify, errors } from 'jose';
import { z } from 'zod';
import { roleSchema, type Role } from '../../shared/domain/agent';
import { err, ok, type Result } from '../../shared/result';

const claimsSchema = z.object({ sub: z.string(), role: roleSchema, sid: z.string() });
export type TokenClaims = z.infer<typeof claimsSchema>;

export interface TokenIssuer {
  issue(claims: TokenClaims): Promise<{ token: string; expiresAt: number }>;
  verify(token: string): Promise<Result<TokenClaims>>;
}

/** HS256 tokens: short-lived, carrying the agent id, role and login session id. */
export function createTokenIssuer(secret: string, ttlSeconds: number): TokenIssuer {
  const key = new TextEncoder().encode(secret);
  return {
    async issue(claims) {
      const expiresAt = Math.floor(Date.now() / 1000) + ttlSeconds;
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
        return claims.success ? ok(claims.data) : err('unauthenticated', 'token claims are malformed');
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
