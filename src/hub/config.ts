import { z } from 'zod';

export const hubConfigSchema = z.object({
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(7400),
  dataDir: z.string().min(1),
  demo: z.boolean().default(false),
  /** Signs agent tokens; generated and kept in the data dir when not given. */
  tokenSecret: z.string().min(32).optional(),
  tokenTtlSeconds: z.number().int().positive().default(15 * 60),
  offerTimeoutMs: z.number().int().positive().default(20_000),
  maxBodyBytes: z.number().int().positive().default(2 * 1024 * 1024),
});
export type HubConfig = z.infer<typeof hubConfigSchema>;
export type HubConfigInput = z.input<typeof hubConfigSchema>;
