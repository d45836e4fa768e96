import { z } from 'zod';

export const identityKinds = ['phone', 'email', 'wechat_openid', 'platform_user', 'widget_visitor'] as const;
export const identitySchema = z.object({
  kind: z.enum(identityKinds),
  value: z.string().min(1).max(200),
  verified: z.boolean(),
});
export type Identity = z.infer<typeof identitySchema>;

export const customerSchema = z.object({
  id: z.string(),
  name: z.string(),
  tags: z.array(z.string()),
  identities: z.array(identitySchema),
  createdAt: z.number(),
});
export type Customer = z.infer<typeof customerSchema>;
