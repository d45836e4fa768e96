import { z } from 'zod';
import { MAX_MESSAGE_TEXT, attachmentSchema } from './message';

export const composerModes = ['reply', 'note'] as const;
export const composerModeSchema = z.enum(composerModes);
export type ComposerMode = z.infer<typeof composerModeSchema>;

/** The most files one message may carry (the hub's `attachmentIds` bound). */
export const MAX_MESSAGE_ATTACHMENTS = 10;

/** A reply or note the agent has started and not sent, kept per conversation. */
export const draftSchema = z.object({
  conversationId: z.string().max(100),
  text: z.string().max(MAX_MESSAGE_TEXT),
  mode: composerModeSchema,
  attachments: z.array(attachmentSchema).max(MAX_MESSAGE_ATTACHMENTS),
  updatedAt: z.number(),
});
export type Draft = z.infer<typeof draftSchema>;

/** Nothing worth keeping: the draft is removed rather than stored empty. */
export const isEmptyDraft = (d: Pick<Draft, 'text' | 'attachments'>): boolean => d.text.trim() === '' && d.attachments.length === 0;
