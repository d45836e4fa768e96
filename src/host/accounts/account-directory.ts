import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { agentProfileSchema, type AgentProfile } from '../../shared/domain/agent';
import type { Logger } from '../../shared/log';
import { describeZodError } from '../../shared/result';

const lastAccountSchema = z.object({ agentId: z.string().min(1), hubUrl: z.string(), profile: agentProfileSchema, savedAt: z.number() });
export type LastAccount = z.infer<typeof lastAccountSchema>;

/** A hub id used as a folder name: anything that could escape `accounts/` is hashed instead. */
export function accountFolderName(agentId: string): string {
  return /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}$/.test(agentId) && !agentId.includes('..')
    ? agentId
    : `h_${createHash('sha256').update(agentId).digest('hex').slice(0, 32)}`;
}

/** `<dataDir>/accounts/`: one folder per agent, plus which agent signed in last, so the app can start offline. */
export class AccountDirectory {
  private readonly root: string;

  constructor(
    dataDir: string,
    private readonly log: Logger,
  ) {
    this.root = join(dataDir, 'accounts');
  }

  folder(agentId: string): string {
    return join(this.root, accountFolderName(agentId));
  }

  cacheFile(agentId: string): string {
    return join(this.folder(agentId), 'cache.sqlite');
  }

  private readJson<T>(file: string, schema: z.ZodType<T>): T | null {
    if (!existsSync(file)) return null;
    try {
      const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (parsed.success) return parsed.data;
      this.log.log('warn', 'ignoring an unreadable account file', { file, detail: describeZodError(parsed.error) });
    } catch {
      this.log.log('warn', 'ignoring an unreadable account file', { file });
    }
    return null;
  }

  /** Written beside and renamed into place, so a crash leaves the old file or the new one, never half. */
  private writeJson(file: string, value: unknown): void {
    mkdirSync(join(file, '..'), { recursive: true });
    const temp = `${file}.tmp`;
    writeFileSync(temp, JSON.stringify(value), { mode: 0o600 });
    renameSync(temp, file);
  }

  lastAccount(): LastAccount | null {
    return this.readJson(join(this.root, 'last-account.json'), lastAccountSchema);
  }

  rememberAccount(profile: AgentProfile, hubUrl: string, now: number): void {
    this.writeJson(join(this.root, 'last-account.json'), { agentId: profile.id, hubUrl, profile, savedAt: now } satisfies LastAccount);
  }

  forgetAccount(): void {
    rmSync(join(this.root, 'last-account.json'), { force: true });
  }
}
