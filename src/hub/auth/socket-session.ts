import { err, type Result } from '../../shared/result';
import type { Authenticated, RevokeReason, Sessions } from './sessions';

/**
 * The sign-in behind an open socket. The socket ends when its token lapses (unless the client sends a fresh one
 * first) and at once when its session is revoked, so a socket never outlives the token or session it opened with.
 */
export function watchSocketSession(opts: { sessions: Sessions; expired(): void; revoked(reason: RevokeReason): void }) {
  let current: Authenticated | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let unsubscribe: (() => void) | null = null;

  const adopt = (auth: Authenticated): void => {
    current = auth;
    if (timer) clearTimeout(timer);
    // Timers cap at about 24.8 days; tokens live minutes.
    timer = setTimeout(opts.expired, Math.min(2 ** 31 - 1, Math.max(0, auth.claims.expiresAt - Date.now())));
    timer.unref();
    unsubscribe ??= opts.sessions.onRevoked((_agentId, ids, reason) => {
      if (current && ids.includes(current.session.id)) opts.revoked(reason);
    });
  };

  return {
    adopt,
    /** A fresh token for the same agent keeps the socket open past the old one's expiry. */
    async renew(token: string): Promise<Result<Authenticated>> {
      const found = await opts.sessions.authenticate(token);
      if (!found.ok) return found;
      if (current && found.value.agent.id !== current.agent.id) return err('permission_denied', 'a token for another agent');
      adopt(found.value);
      return found;
    },
    stop(): void {
      if (timer) clearTimeout(timer);
      unsubscribe?.();
      unsubscribe = null;
    },
  };
}
export type SocketSession = ReturnType<typeof watchSocketSession>;
