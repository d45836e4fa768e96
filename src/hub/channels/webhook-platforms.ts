import { z } from 'zod';
import { MAX_MESSAGE_TEXT } from '../../shared/domain/message';

/** What every platform's payload is mapped to before it reaches the conversation model. */
export interface PlatformMessage {
  messageId: string;
  userId: string;
  userName?: string;
  /** A phone the platform vouches for: the buyer's own, verified by the platform at sign-up. */
  verifiedPhone?: string;
  /** A phone the buyer typed (a consignee's, a gift's recipient): a claim, never proof of who writes. */
  claimedPhone?: string;
  text: string;
  orderId?: string;
}

const id = z.union([z.string().min(1).max(128), z.number().int().nonnegative()]).transform(String);
const text = z.string().trim().min(1).max(MAX_MESSAGE_TEXT);
const name = z.string().trim().max(80).optional();
const phone = z.string().trim().max(32).optional();

/**
 * Per-platform field mapping. Each schema validates the platform's own field names and turns
 * them into a PlatformMessage; adding a platform is adding an entry here.
 */
export const webhookPlatforms = {
  /** `phone`: the user's own phone as the platform verified it; `contactPhone`: one the user typed (a claim). */
  generic: z
    .object({ messageId: id, userId: id, userName: name, phone, contactPhone: phone, text, orderId: id.optional() })
    .strict()
    .transform(({ phone: verifiedPhone, contactPhone: claimedPhone, ...p }): PlatformMessage => ({ ...p, verifiedPhone, claimedPhone })),
  /** `receiver_mobile` is the consignee's phone, typed by the buyer: a claim. */
  taobao: z
    .object({ msg_id: id, buyer_id: id, buyer_nick: name, content: text, tid: id.optional(), receiver_mobile: phone })
    .transform(
      (p): PlatformMessage => ({ messageId: p.msg_id, userId: p.buyer_id, userName: p.buyer_nick, text: p.content, orderId: p.tid, claimedPhone: p.receiver_mobile }),
    ),
  jd: z
    .object({ msgId: id, customerPin: id, content: text, orderId: id.optional() })
    .transform((p): PlatformMessage => ({ messageId: p.msgId, userId: p.customerPin, userName: p.customerPin, text: p.content, orderId: p.orderId })),
} as const;

export type WebhookPlatform = keyof typeof webhookPlatforms;
export const webhookPlatformNames = Object.keys(webhookPlatforms) as WebhookPlatform[];
export const isWebhookPlatform = (p: string): p is WebhookPlatform => Object.hasOwn(webhookPlatforms, p);
