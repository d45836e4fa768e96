import Database from 'better-sqlite3';
import { agentQueries, queueQueries } from './agent-queue-queries';
import { assignmentQueries } from './assignment-queries';
import { conversationQueries, messageQueries } from './conversation-queries';
import { channelQueries, crmQueries } from './crm-channel-queries';
import { createCommitEffects } from './commit-effects';
import { consentQueries } from './consent-queries';
import { customerQueries } from './customer-queries';
import { sessionQueries } from './session-queries';
import type { HubStore } from './hub-store';
import { feedQueries } from './feed-queries';
import { jobQueries } from './job-queries';
import { migrate } from './migrate';
import { hubMigrations } from './migrations';
import { createQueryFn } from './sqlite-query';
import { claimQueries } from './claim-queries';
import { assistQueries } from './assist-queries';
import { reportQueries } from './report-queries';
import { surveyQueries } from './survey-queries';
import { botQueries } from './bot-queries';
import { noticeQueries } from './notice-queries';

/** The hub's database, migrated to this hub's schema (a file from a newer hub is refused). */
export function openHubDatabase(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db, hubMigrations);
  return db;
}

export function openSqliteHubStore(file: string): HubStore {
  return sqliteHubStore(openHubDatabase(file));
}

/**
 * The store over an open hub database. Supervision's tables are in the same database, written through the
 * same handle (supervision/), so the store's `close` closes it for both.
 */
export function sqliteHubStore(db: Database.Database): HubStore {
  const q = createQueryFn(db);
  const effects = createCommitEffects((fn) => db.transaction(fn)());

  return {
    transaction: effects.transaction,
    afterCommit: effects.afterCommit,
    ...agentQueries(q),
    ...sessionQueries(q),
    ...queueQueries(q),
    ...customerQueries(q),
    ...consentQueries(q),
    ...conversationQueries(q),
    ...assignmentQueries(q),
    ...messageQueries(q),
    ...crmQueries(q),
    ...channelQueries(q),

    ...feedQueries(q),
    ...jobQueries(q),
    headSeq: () => Number(q<{ s: number | null }>('SELECT MAX(seq) AS s FROM events').get()?.s ?? 0),

    ...claimQueries(q),
    ...assistQueries(q),
    ...surveyQueries(q),
    ...botQueries(q),
    ...noticeQueries(q),
    ...reportQueries(q),

    close: () => db.close(),
  };
}
