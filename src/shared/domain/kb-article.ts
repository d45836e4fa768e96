import { z } from 'zod';

export const kbLocales = ['zh-CN', 'zh-TW', 'en'] as const;
export const kbLocaleSchema = z.enum(kbLocales);
export type KbLocale = z.infer<typeof kbLocaleSchema>;

/** What an admin writes: checked at the hub's door and in the form. */
export const kbArticleInputSchema = z
  .object({
    title: z.string().trim().min(1, 'a title is required').max(200, 'a title is at most 200 characters'),
    /** Markdown; rendered without HTML (raw HTML in it shows as text). */
    body: z.string().trim().min(1, 'the article needs a body').max(20_000, 'an article is at most 20,000 characters'),
    tags: z.array(z.string().trim().min(1).max(40)).max(20, 'at most 20 tags').default([]),
    locale: kbLocaleSchema,
  })
  .strict();
export type KbArticleInput = z.input<typeof kbArticleInputSchema>;

export const kbArticleSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  locale: kbLocaleSchema,
  /** Retired articles stay for the record but are no longer searched or suggested. */
  retiredAt: z.number().nullable(),
  updatedAt: z.number(),
  updatedBy: z.string(),
  /** Bumped on every edit: an edit based on an older version is refused rather than lost. */
  version: z.number().int().positive(),
});
export type KbArticle = z.infer<typeof kbArticleSchema>;
