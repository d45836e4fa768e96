/** Thresholds for sentiment alerts; validated because they come from settings files and the hub's config. */
import { z } from 'zod';

export const sentimentTrackerConfigSchema = z
  .object({
    /** EMA weight of a new text score; 0.4 lets two angry messages move the trajectory decisively. */
    alpha: z.number().gt(0).lte(1).default(0.4),
    /** Voice scores arrive every few seconds, so each counts less than a message. */
    voiceWeight: z.number().gt(0).lte(1).default(0.35),
    /** The smoothed score must stay below this… */
    sustainedThreshold: z.number().min(-1).max(0).default(-0.35),
    /** …for at least this long… */
    sustainedMs: z.number().int().min(0).default(30_000),
    /** …and over at least this many samples. */
    sustainedSamples: z.number().int().min(1).default(3),
    /** A fall of the smoothed score by at least this much… */
    dropThreshold: z.number().gt(0).max(2).default(0.6),
    /** …within this window is a sharp drop. */
    dropWindowMs: z.number().int().positive().default(120_000),
    /** …and it must end below this level (a fall from +0.9 to +0.3 is not an alert). */
    dropFloor: z.number().min(-1).max(1).default(-0.1),
    /** At most one alert per conversation per this window… */
    cooldownMs: z.number().int().min(0).default(300_000),
    /** …unless the smoothed score falls this far below the level of the last alert. */
    worsenMargin: z.number().gt(0).max(2).default(0.25),
    /** Conversations idle this long are forgotten, bounding memory on a busy hub. */
    idleForgetMs: z.number().int().positive().default(6 * 3600_000),
  });

export type SentimentTrackerConfig = z.infer<typeof sentimentTrackerConfigSchema>;
export type SentimentTrackerConfigInput = z.input<typeof sentimentTrackerConfigSchema>;
