import { z } from 'zod';
import { draftSchema } from '../domain/draft';
import { defineContract } from '../rpc/contract';

/** Unsent replies and notes, one per conversation, kept in the account's cache across restarts. */
export const draftsContract = defineContract({
  name: 'drafts',
  methods: {
    get: { input: z.object({ conversationId: z.string().max(100) }), output: draftSchema.nullable() },
    /** An empty draft (no text, no files) deletes the stored one; an older save never replaces a newer one. */
    save: { input: draftSchema, output: z.object({}) },
  },
  events: {},
});
