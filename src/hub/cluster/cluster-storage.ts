import { err, ok, type Result } from '../../shared/result';

/** Where the instances of a cluster keep what they share: PostgreSQL for the store, Redis for presence and signals. */
export interface ClusterStorage {
  databaseUrl: string;
  redisUrl: string;
}

export interface ClusterStorageInput {
  /** `--database`, else `DATABASE_URL`. */
  database?: string | undefined;
  /** `--redis`, else `REDIS_URL`. */
  redis?: string | undefined;
}

const given = (flag: string | undefined, env: string | undefined): string | undefined => {
  const value = (flag ?? env)?.trim();
  return value ? value : undefined;
};

/**
 * Checks one URL's scheme and host. The message never repeats the URL: it usually carries a password.
 */
function checkUrl(value: string, setting: string, schemes: readonly string[], example: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${setting} is not a URL; expected something like ${example}`;
  }
  if (!schemes.includes(url.protocol.replace(/:$/, ''))) return `${setting} must start with ${schemes.map((s) => `${s}://`).join(' or ')}, e.g. ${example}`;
  if (!url.hostname) return `${setting} names no host, e.g. ${example}`;
  return null;
}

/**
 * The cluster settings of one hub instance. Neither given: the embedded single process on SQLite (null).
 * Both are needed together: PostgreSQL alone would leave presence, feed notifications and routing leases
 * with no shared home, and Redis alone has no store to share.
 */
export function parseClusterStorage(flags: ClusterStorageInput, env: NodeJS.ProcessEnv): Result<ClusterStorage | null> {
  const databaseUrl = given(flags.database, env.DATABASE_URL);
  const redisUrl = given(flags.redis, env.REDIS_URL);
  if (!databaseUrl && !redisUrl) return ok(null);
  if (!databaseUrl || !redisUrl) {
    const missing = databaseUrl ? '--redis (REDIS_URL)' : '--database (DATABASE_URL)';
    return err('invalid_argument', `cluster mode needs both --database and --redis (or DATABASE_URL and REDIS_URL); ${missing} is missing`);
  }
  const problem =
    checkUrl(databaseUrl, '--database (DATABASE_URL)', ['postgres', 'postgresql'], 'postgres://switchboard@db.example:5432/switchboard') ??
    checkUrl(redisUrl, '--redis (REDIS_URL)', ['redis', 'rediss'], 'redis://redis.example:6379');
  return problem ? err('invalid_argument', problem) : ok({ databaseUrl, redisUrl });
}
