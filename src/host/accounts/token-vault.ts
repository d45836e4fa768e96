import { z } from 'zod';
import type { Logger } from '../../shared/log';
import type { SecretStore } from '../settings/secret-store';

const storedTokenSchema = z.object({ agentId: z.string(), value: z.string().min(1), expiresAt: z.number() });
export type StoredToken = z.infer<typeof storedTokenSchema>;

/**
 * The hub token between runs, in the secret store (the OS keychain under Electron). Where no
 * encryption exists the store keeps it for this run only, and an offline start asks the agent to
 * sign in again once the hub answers.
 */
export class TokenVault {
  constructor(
    private readonly secrets: SecretStore,
    private readonly log: Logger,
  ) {}

  get(agentId: string): StoredToken | null {
    const raw = this.secrets.get('hubToken');
    if (!raw) return null;
    try {
      const parsed = storedTokenSchema.safeParse(JSON.parse(raw));
      if (parsed.success && parsed.data.agentId === agentId) return parsed.data;
    } catch {
      this.log.log('warn', 'the saved hub sign-in is unreadable; signing in again replaces it');
    }
    return null;
  }

  save(token: StoredToken): void {
    const saved = this.secrets.set('hubToken', JSON.stringify(token));
    if (!saved.ok) this.log.log('warn', 'the hub sign-in could not be saved', { detail: saved.error.message });
  }

  forget(): void {
    this.secrets.delete('hubToken');
  }
}
