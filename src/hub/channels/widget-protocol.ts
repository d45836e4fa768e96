import { z } from 'zod';
import { messageTextSchema } from '../../shared/domain/message';

export const visitorIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const widgetClientFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), visitorId: visitorIdSchema, name: z.string().trim().max(80).optional() }),
  z.object({ type: z.literal('message'), text: messageTextSchema, key: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }),
]);
export type WidgetClientFrame = z.infer<typeof widgetClientFrameSchema>;

export interface WidgetMessageView {
  id: string;
  direction: 'in' | 'out';
  text: string;
  createdAt: number;
}

export type WidgetServerFrame =
  | { type: 'history'; messages: WidgetMessageView[] }
  | { type: 'message'; message: WidgetMessageView }
  | { type: 'error'; message: string };

export const MAX_WIDGET_FRAME_BYTES = 64 * 1024;
