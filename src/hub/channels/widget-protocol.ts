import { z } from 'zod';
import { attachmentSchema, MAX_MESSAGE_TEXT } from '../../shared/domain/message';
import type { ErrorCode } from '../../shared/result';

export const visitorIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const widgetClientFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    visitorId: visitorIdSchema,
    name: z.string().trim().max(80).optional(),
    phone: z.string().trim().max(32).optional(),
    email: z.string().trim().max(200).optional(),
    /**
     * Hex HMAC-SHA256 under the site's widget secret of `v1|visitorId|phone|email|identityExpires` (widget-identity.ts):
     * proves the site signed this visitor in with that phone and email, until the expiry.
     */
    identitySignature: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    /** Unix seconds after which the signature no longer proves anything. */
    identityExpires: z.number().int().positive().max(1e11).optional(),
    /** The visitor ticked the site's consent, shown in this language: the hub keeps the words from the site's settings. */
    consent: z.object({ site: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), language: z.enum(['en', 'zh-CN', 'zh-TW']) }).optional(),
  }),
  /** One more page of the visitor's history, older than the given message. */
  z.object({ type: z.literal('older'), before: z.string().min(1).max(100) }),
  z
    .object({
      type: z.literal('message'),
      text: z.string().trim().max(MAX_MESSAGE_TEXT).default(''),
      key: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
      attachmentIds: z.array(z.string().max(100)).max(10).default([]),
    })
    .refine((m) => m.text.length > 0 || m.attachmentIds.length > 0, { message: 'a message needs text or an attachment' }),
  z.object({ type: z.literal('typing'), active: z.boolean() }),
  /** "Call us": credentials for one call from the visitor's browser to the site's queue. */
  z.object({ type: z.literal('call'), site: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).catch('default').default('default') }),
]);
export type WidgetClientFrame = z.infer<typeof widgetClientFrameSchema>;
export type WidgetHello = Extract<WidgetClientFrame, { type: 'hello' }>;

export const widgetMessageViewSchema = z.object({
  id: z.string(),
  direction: z.enum(['in', 'out']),
  text: z.string(),
  attachments: z.array(attachmentSchema),
  createdAt: z.number(),
  /** The agent's display name on what an agent wrote, so the visitor knows who answers. */
  author: z.string().optional(),
  /** The self-service bot wrote it: the page labels it as the assistant, in the page's language. */
  bot: z.boolean().optional(),
  /** The bot still has the conversation: the page offers its button to reach a person. */
  offerHuman: z.boolean().optional(),
});
export type WidgetMessageView = z.infer<typeof widgetMessageViewSchema>;

/** How many messages one history page holds; `more` says an older page exists. */
export const WIDGET_HISTORY_PAGE = 50;

export type WidgetServerFrame =
  /** `uploadToken`: the header value `POST /widget/attachments` needs for this visitor. */
  | { type: 'history'; messages: WidgetMessageView[]; more: boolean; uploadToken: string }
  | { type: 'older'; messages: WidgetMessageView[]; more: boolean }
  | { type: 'message'; message: WidgetMessageView }
  | { type: 'typing'; active: boolean }
  /** SIP credentials for the visitor's call (valid two minutes) and the queue number to dial. */
  | { type: 'call'; call: { authorizationUsername: string; password: string; uri: string; wsUrl: string; number: string; displayName?: string } }
  /** The conversation closed: the satisfaction survey, with the signed token its answer is posted with (surveys/). */
  | { type: 'survey'; token: string }
  /** `code` says what kind of refusal it was, so the page can show its own translated words. */
  | { type: 'error'; code: ErrorCode; message: string };

export const MAX_WIDGET_FRAME_BYTES = 64 * 1024;
