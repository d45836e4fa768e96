import { describe, expect, it } from 'vitest';
import { parseClusterStorage } from './cluster-storage';

const PG = 'postgres://switchboard:s3cret@db.example:5432/switchboard';
const REDIS = 'redis://:hunter2@cache.example:6379';

describe('cluster storage settings', () => {
  it('means the embedded SQLite hub when neither is given', () => {
    expect(parseClusterStorage({}, {})).toEqual({ ok: true, value: null });
    expect(parseClusterStorage({}, { DATABASE_URL: ' ', REDIS_URL: '' })).toEqual({ ok: true, value: null });
  });

  it('takes flags, or the environment, with flags first', () => {
    expect(parseClusterStorage({ database: PG, redis: REDIS }, {})).toEqual({ ok: true, value: { databaseUrl: PG, redisUrl: REDIS } });
    expect(parseClusterStorage({}, { DATABASE_URL: PG, REDIS_URL: REDIS })).toEqual({ ok: true, value: { databaseUrl: PG, redisUrl: REDIS } });
    const other = 'postgresql://other.example/switchboard';
    expect(parseClusterStorage({ database: other }, { DATABASE_URL: PG, REDIS_URL: 'rediss://cache.example' })).toEqual({
      ok: true,
      value: { databaseUrl: other, redisUrl: 'rediss://cache.example' },
    });
  });

  it('needs both, and names the one missing', () => {
    const onlyDb = parseClusterStorage({ database: PG }, {});
    expect(onlyDb.ok || onlyDb.error.message).toMatch(/needs both .*--redis \(REDIS_URL\) is missing/);
    const onlyRedis = parseClusterStorage({}, { REDIS_URL: REDIS });
    expect(onlyRedis.ok || onlyRedis.error.message).toMatch(/--database \(DATABASE_URL\) is missing/);
  });

  it('refuses a wrong scheme or a non-URL without repeating the password', () => {
    const cases = [
      { database: 'mysql://root:s3cret@db.example/x', redis: REDIS, says: /--database \(DATABASE_URL\) must start with postgres:\/\/ or postgresql:\/\// },
      { database: 's3cret', redis: REDIS, says: /--database \(DATABASE_URL\) is not a URL/ },
      { database: PG, redis: 'http://:hunter2@cache.example', says: /--redis \(REDIS_URL\) must start with redis:\/\/ or rediss:\/\// },
    ];
    for (const c of cases) {
      const result = parseClusterStorage(c, {});
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.message).toMatch(c.says);
      expect(result.error.message).not.toMatch(/s3cret|hunter2/);
    }
  });
});
