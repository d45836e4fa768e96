import { z } from 'zod';
import { surveyLanguageSchema } from '../../shared/domain/survey';
import { noticeEventTypeSchema } from './notice-templates';

const id = z.union([z.string().trim().min(1).max(128), z.number().int().nonnegative()]).transform(String);
const detail = z.string().trim().min(1).max(120).optional();

/**
 * An order event a platform posts to `/channels/webhook/<platform>/order-events`, signed like its messages.
 * `eventId` is the platform's own: a redelivery of the same event sends nothing again.
 */
export const orderEventSchema = z
  .object({
    eventId: id,
    type: noticeEventTypeSchema,
    orderId: id,
    /** The language to write in; by default the one the customer last wrote to the desk in. */
    language: surveyLanguageSchema.optional(),
    /** What the template may name besides the order itself. */
    data: z.object({ eta: detail, reason: detail, carrier: detail, trackingNumber: detail, status: detail }).strict().default({}),
  })
  .strict();
export type OrderEvent = z.infer<typeof orderEventSchema>;
