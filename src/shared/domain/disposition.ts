import { z } from 'zod';

export const dispositionCodeSchema = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/);

/** Why a contact ended, chosen by the agent at close: reporting groups by it. */
export const dispositionSchema = z.object({
  code: dispositionCodeSchema,
  label: z.string(),
  active: z.boolean(),
});
export type Disposition = z.infer<typeof dispositionSchema>;
