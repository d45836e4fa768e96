import { z } from 'zod';

/** An order as the CRM reports it; amounts in minor units (fen, cents). */
export const orderSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  platform: z.string(),
  status: z.string(),
  totalMinor: z.number().int(),
  currency: z.string().length(3),
  summary: z.string(),
  createdAt: z.number(),
});
export type Order = z.infer<typeof orderSchema>;

/** Order numbers as customers paste them: a letter prefix optional, then 8–24 digits. */
export const ORDER_ID_PATTERN = /\b(?:[A-Z]{1,4}-?)?\d{8,24}\b/g;
