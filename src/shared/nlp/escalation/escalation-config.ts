/** Settings of the escalation rules (hub config `escalation`), validated because they come from files and the environment. */
import { z } from 'zod';
import { phraseListsSchema } from '../phrases/phrase-lists.js';
import { SENTIMENT_STRONGLY_NEGATIVE_AT } from '../sentiment/sentiment-bands.js';
import { DEFAULT_ANGER_WORDS } from './anger-words.js';
import { DEFAULT_COMPLAINT_PHRASES } from './complaint-phrases.js';

export const escalationConfigSchema = z
  .object({
    /** Complaint-risk phrases per locale; a locale left out keeps the shipped list, an empty list turns it off. */
    phrases: phraseListsSchema(DEFAULT_COMPLAINT_PHRASES),
    /** Words of anger per locale: a strongly negative message escalates for its tone only when it contains one. */
    angerWords: phraseListsSchema(DEFAULT_ANGER_WORDS),
    /** A single message scoring at or below this, with a word of anger, escalates at once. */
    stronglyNegativeAt: z.number().min(-1).max(0).default(SENTIMENT_STRONGLY_NEGATIVE_AT),
    /** A voice reading (negated agitation, in [-1, 1]) at or below this escalates at once. */
    voiceAgitationAt: z.number().min(-1).max(0).default(-0.75),
    /**
     * Priority points an escalated conversation gains while it waits (one point is six seconds of waiting:
     * the default 30 puts it three minutes ahead of calm contacts queued at the same time).
     */
    priorityBoost: z.number().int().min(0).max(10_000).default(30),
    /** Another alert on the same conversation only after this long, unless it names new phrases. */
    repeatAfterMs: z.number().int().min(0).default(300_000),
  })
  .strict()
  .prefault({});

export type EscalationConfig = z.infer<typeof escalationConfigSchema>;
export type EscalationConfigInput = z.input<typeof escalationConfigSchema>;
