import { z } from 'zod';
import { identityKindSchema } from './customer';

/** Two customer records that may be one person: an agent accepts or dismisses. */
export const mergeSuggestionSchema = z.object({
  id: z.string(),
  /** The record that survives when the suggestion is accepted. */
  customerId: z.string(),
  /** The record that would be folded into it. */
  candidateId: z.string(),
  reason: z.object({ kind: identityKindSchema, value: z.string() }),
  status: z.enum(['open', 'accepted', 'dismissed']),
  createdAt: z.number(),
});
export type MergeSuggestion = z.infer<typeof mergeSuggestionSchema>;

/** A merge that happened; undoing it restores both records as they were. */
export const customerMergeSchema = z.object({
  id: z.string(),
  targetId: z.string(),
  sourceId: z.string(),
  /** 'auto' for a strong identity match, otherwise the agent who accepted a suggestion. */
  by: z.string(),
  at: z.number(),
  undoneAt: z.number().nullable(),
});
export type CustomerMerge = z.infer<typeof customerMergeSchema>;
