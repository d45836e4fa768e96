import { z } from 'zod';

export const identityKinds = ['phone', 'email', 'wechat_openid', 'platform_user', 'widget_visitor'] as const;
export const identityKindSchema = z.enum(identityKinds);
export type IdentityKind = z.infer<typeof identityKindSchema>;

export const identitySchema = z.object({
  kind: identityKindSchema,
  value: z.string().min(1).max(200),
  /** True when a channel or a signature proved the customer owns it; a number typed into a chat is only a claim. */
  verified: z.boolean(),
});
export type Identity = z.infer<typeof identitySchema>;

export const customerSchema = z.object({
  id: z.string(),
  name: z.string(),
  tags: z.array(z.string()),
  identities: z.array(identitySchema),
  createdAt: z.number(),
  /** Set while this record is merged into another customer; an undone merge clears it. */
  mergedInto: z.string().nullable().optional(),
});
export type Customer = z.infer<typeof customerSchema>;

/** The tag that puts a customer's contacts ahead in every queue. */
export const VIP_TAG = 'VIP';
