/**
 * What the composer warns about before a reply goes out, and the hub records when it went anyway: a
 * forbidden phrase (per locale, matched however it is typed, as complaint-risk phrases are) or a full
 * resident ID or card number (the same detectors that mask them in stored messages and logs).
 */
import { z } from 'zod';
import { redactText } from '../../redact.js';
import { allPhrases, phraseListsSchema } from '../phrases/phrase-lists.js';
import { createPhraseMatcher } from '../phrases/phrase-matcher.js';
import { DEFAULT_FORBIDDEN_PHRASES } from './forbidden-phrases.js';

export const complianceConfigSchema = z
  .object({
    /** Forbidden phrases per locale; a locale left out keeps the shipped list, an empty list turns it off. */
    phrases: phraseListsSchema(DEFAULT_FORBIDDEN_PHRASES),
    /** Warn about full ID and card numbers (the customer's own, pasted back, or anyone's). */
    sensitiveNumbers: z.boolean().default(true),
  })
  .strict()
  .prefault({});
export type ComplianceConfig = z.infer<typeof complianceConfigSchema>;
export type ComplianceConfigInput = z.input<typeof complianceConfigSchema>;

export const complianceFindingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('forbidden-phrase'), phrase: z.string().max(100) }),
  /** Only that there is one: the number itself is never repeated in warnings, alerts or logs. */
  z.object({ kind: z.literal('sensitive-number') }),
]);
export type ComplianceFinding = z.infer<typeof complianceFindingSchema>;

export interface ComplianceChecker {
  check(text: string): ComplianceFinding[];
}

export function createComplianceChecker(input: ComplianceConfigInput = {}): ComplianceChecker {
  const config = complianceConfigSchema.parse(input);
  const phrases = createPhraseMatcher(allPhrases(config.phrases));
  return {
    check(text) {
      const found: ComplianceFinding[] = phrases.find(text).map((phrase) => ({ kind: 'forbidden-phrase', phrase }));
      if (config.sensitiveNumbers && redactText(text) !== text) found.push({ kind: 'sensitive-number' });
      return found;
    },
  };
}
