/**
 * Knowledge-base search and suggestions as cache-thread calls (kb-assist.ts answers them): the
 * thread holds the articles, so it builds the search index and ranks there, and the host's main
 * thread only sends a query and receives the few hits.
 */
import { z } from 'zod';
import { cannedCandidateSchema } from '../../shared/contracts/knowledge-contract';
import { kbLocaleSchema } from '../../shared/domain/kb-article';
import { MAX_MESSAGE_TEXT } from '../../shared/domain/message';
import type { CannedCandidate, PassageHit, Suggestion } from '../../shared/nlp/assist/assist-index';

const query = z.string().max(MAX_MESSAGE_TEXT);
const limit = z.number().int().min(1).max(20);

export const kbAssistCallArgs = {
  kbSearch: z.tuple([query, z.object({ limit, locale: kbLocaleSchema.optional() })]),
  kbSuggest: z.tuple([query, z.array(cannedCandidateSchema).max(100), z.object({ limit })]),
} as const;

export interface KbSearchAnswer {
  hits: PassageHit[];
  /** How many articles were searched. */
  articles: number;
  /** When the articles searched were synced (null: never). */
  syncedAt: number | null;
}

/** The calls, as the thread answers them (the host's side is CacheCalls, which makes each asynchronous). */
export interface KbAssistCalls {
  kbSearch(query: string, options: { limit: number; locale?: z.infer<typeof kbLocaleSchema> }): Promise<KbSearchAnswer>;
  kbSuggest(message: string, canned: CannedCandidate[], options: { limit: number }): Promise<Suggestion[]>;
}

export const isKbAssistCall = (method: string): method is keyof KbAssistCalls => Object.hasOwn(kbAssistCallArgs, method);
