import { z } from 'zod';

export const channels = ['widget', 'wechat', 'webhook', 'email', 'sms', 'voice'] as const;
export const channelSchema = z.enum(channels);
export type Channel = z.infer<typeof channelSchema>;
