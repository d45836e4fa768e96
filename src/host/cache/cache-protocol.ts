/**
 * The message interface between the host and its cache thread (cache-worker.ts): which AccountCache
 * calls may cross, the zod schema of each call's arguments (checked in the thread before anything
 * touches SQLite), and the envelopes both ways (checked on arrival). Results are AccountCache's own
 * return values, built from rows the cache itself checked with zod when it read them.
 */
import { z } from 'zod';
import { workspaceMessageSchema } from '../../shared/contracts/workspace-contract';
import { draftSchema } from '../../shared/domain/draft';
import { kbArticleSchema } from '../../shared/domain/kb-article';
import { queueSlaSchema } from '../../shared/domain/queue-sla';
import { hubCommandSchema } from '../../shared/protocol/hub-protocol';
import type { AccountCache } from './account-cache';
import { inboxQuerySchema } from './inbox-pages';
import { kbAssistCallArgs, type KbAssistCalls } from './kb-assist-protocol';

const id = z.string().min(1).max(200);
const outboxEntrySchema = z.object({
  seq: z.number().int(),
  key: id,
  command: hubCommandSchema,
  messageId: z.string().nullable(),
  state: z.enum(['pending', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.number(),
});
const count = z.number().int().positive().max(100_000);

/** Every call the cache thread answers, with its arguments as a tuple. */
export const cacheCallArgs = {
  syncState: z.tuple([]),
  ingest: z.tuple([z.array(z.unknown()), z.object({ cursor: z.number().int().nonnegative(), ceiling: z.number().int().nonnegative(), frameBytes: z.number().int().nonnegative().optional() }), z.number().int().nonnegative(), z.number().int().nonnegative()]),
  rewind: z.tuple([]),
  queues: z.tuple([]),
  saveQueues: z.tuple([z.array(queueSlaSchema)]),
  inboxPage: z.tuple([inboxQuerySchema]),
  recentConversations: z.tuple([count.optional()]),
  conversation: z.tuple([id]),
  allCustomers: z.tuple([]),
  customer: z.tuple([id]),
  conversationMessages: z.tuple([id]),
  messageByKey: z.tuple([id]),
  messageCount: z.tuple([]),
  quickCheck: z.tuple([]),
  search: z.tuple([z.string().max(1_000), count.optional()]),
  indexPending: z.tuple([count.optional()]),
  unindexedCount: z.tuple([]),
  draft: z.tuple([id]),
  saveDraft: z.tuple([draftSchema]),
  setPinned: z.tuple([id, z.boolean()]),
  isPinned: z.tuple([id]),
  upsertLocalMessage: z.tuple([workspaceMessageSchema]),
  enqueueMessage: z.tuple([workspaceMessageSchema, id, hubCommandSchema]),
  enqueueCommand: z.tuple([id, hubCommandSchema]),
  nextOutboxEntry: z.tuple([]),
  outboxEntries: z.tuple([]),
  pendingOutboxCount: z.tuple([]),
  wakeOutbox: z.tuple([]),
  deferOutboxEntry: z.tuple([id, z.number(), z.string().max(2_000)]),
  completeOutboxEntry: z.tuple([outboxEntrySchema]),
  failOutboxEntry: z.tuple([outboxEntrySchema, z.string().max(2_000)]),
  retryMessage: z.tuple([id]),
  prune: z.tuple([z.number().positive()]),
  kbArticles: z.tuple([]),
  kbSyncedAt: z.tuple([]),
  replaceKbArticles: z.tuple([z.array(kbArticleSchema).max(100_000)]),
  ...kbAssistCallArgs,
} as const;

export type CacheMethod = keyof typeof cacheCallArgs;
export const cacheMethods = Object.keys(cacheCallArgs) as CacheMethod[];

/** The host's view of the cache: every call of AccountCache that crosses, and the KB index's, answered asynchronously. */
export type CacheCalls = {
  [M in CacheMethod]: (AccountCache & KbAssistCalls)[M] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/** Host → thread. `now` is the host's clock at the call, so the thread keeps the host's notion of time (tests inject one). */
export const cacheRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  method: z.enum(cacheMethods as [CacheMethod, ...CacheMethod[]]),
  args: z.array(z.unknown()),
  now: z.number(),
});
export type CacheRequest = z.infer<typeof cacheRequestSchema>;
/** Host → thread: close the file and stop. */
export const closeRequestSchema = z.object({ type: z.literal('close') });

const logLevel = z.enum(['debug', 'info', 'warn', 'error']);
const recoverySchema = z.object({ movedTo: z.string(), reason: z.string() });

/** Thread → host. */
export const cacheReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), recovery: recoverySchema.nullable() }),
  z.object({ type: z.literal('unavailable'), error: z.string() }),
  z.object({ type: z.literal('result'), id: z.number().int(), value: z.unknown() }),
  z.object({ type: z.literal('failure'), id: z.number().int(), method: z.string(), error: z.string() }),
  z.object({
    type: z.literal('log'),
    level: logLevel,
    message: z.string(),
    fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  }),
]);
export type CacheReply = z.infer<typeof cacheReplySchema>;

/** What the thread is started with. */
export const cacheSetupSchema = z.object({ file: z.string().min(1), key: z.string().nullable(), agentId: id, now: z.number() });
export type CacheSetup = z.infer<typeof cacheSetupSchema>;
