import { z } from 'zod';
import { kbArticleInputSchema, kbArticleSchema, kbLocaleSchema } from '../domain/kb-article';
import { MAX_MESSAGE_TEXT } from '../domain/message';
import { defineContract } from '../rpc/contract';

const id = z.string().min(1).max(100);

export const passageHitSchema = z.object({
  articleId: z.string(),
  title: z.string(),
  /** The article's passage that best answers the query, as plain text. */
  passage: z.string(),
  tags: z.array(z.string()),
  locale: kbLocaleSchema,
  score: z.number(),
});
export type PassageHitView = z.infer<typeof passageHitSchema>;

export const suggestionSchema = z.object({
  kind: z.enum(['kb', 'canned']),
  id: z.string(),
  title: z.string(),
  text: z.string(),
  score: z.number(),
  queue: z.string().nullable(),
});
export type SuggestionView = z.infer<typeof suggestionSchema>;

/** An article in the admin's list: everything but the body, which `article` fetches (a list of full bodies could outgrow a frame). */
export const kbArticleSummarySchema = kbArticleSchema.omit({ body: true });
export type KbArticleSummary = z.infer<typeof kbArticleSummarySchema>;

export const cannedCandidateSchema = z.object({ id, title: z.string().max(60), text: z.string().max(1000) });

/**
 * The knowledge base on the desktop. Search and suggestions run on the device over the articles
 * the cache holds (synced from the hub at each connection, every few minutes and after an edit), so
 * they work offline; managing articles goes to the hub, which checks the role.
 */
export const knowledgeContract = defineContract({
  name: 'knowledge',
  methods: {
    search: {
      input: z.object({
        query: z.string().trim().min(1).max(500),
        locale: kbLocaleSchema.nullable().default(null),
        limit: z.number().int().min(1).max(20).default(8),
      }),
      output: z.object({ hits: z.array(passageHitSchema), articles: z.number().int().nonnegative(), syncedAt: z.number().nullable() }),
    },
    /** The best suggestions for a customer's message: KB passages and the given canned responses (filled in), ranked together. */
    suggest: {
      input: z.object({
        message: z.string().max(MAX_MESSAGE_TEXT),
        canned: z.array(cannedCandidateSchema).max(100).default([]),
        limit: z.number().int().min(1).max(10).default(3),
      }),
      output: z.object({ suggestions: z.array(suggestionSchema) }),
    },
    /** What this desktop can do beyond the on-device path: an LLM draft only where `ASSIST_LLM_URL` is set. */
    capabilities: { input: z.object({}), output: z.object({ llmDraft: z.boolean() }) },
    /** Optional: a reply drafted by the configured LLM from the best passages for the message, citing them. */
    draft: {
      input: z.object({ message: z.string().trim().min(1).max(MAX_MESSAGE_TEXT) }),
      output: z.object({ text: z.string(), citations: z.array(z.object({ n: z.number().int(), articleId: z.string(), title: z.string() })) }),
    },
    /** Admins: every article, retired ones included, from the hub. */
    adminList: { input: z.object({}), output: z.object({ articles: z.array(kbArticleSummarySchema) }) },
    /** Admins: one article with its body, as the hub last listed it. */
    article: { input: z.object({ id }), output: kbArticleSchema },
    create: { input: z.object({ article: kbArticleInputSchema }), output: kbArticleSchema },
    /** `version`: the one the admin edited; the hub refuses an edit of an older version (`conflict`). */
    edit: { input: z.object({ id, version: z.number().int().positive(), article: kbArticleInputSchema }), output: kbArticleSchema },
    retire: { input: z.object({ id }), output: kbArticleSchema },
  },
  events: {
    /** The cache holds a new set of articles (after a sync). */
    synced: z.object({ articles: z.number().int().nonnegative(), syncedAt: z.number() }),
  },
});
