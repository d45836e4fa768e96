import { z } from 'zod';
import { channelSchema } from '../../shared/domain/channel';
import { SERVICE_QUEUES, type ServiceQueue } from '../../shared/nlp/intent/service-queues';

const queueIdSchema = z.string().min(1).max(64);

/** Hub config `intentRouting` (in ASSIST_FILE): which new conversations take their queue from the customer's intent. */
export const intentRoutingConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Below this confidence the conversation goes to the fallback queue. */
    minConfidence: z.number().min(0).max(1).default(0.5),
    /** Where an unsure or unknown intent goes; null: the queue the channel named. */
    fallbackQueue: queueIdSchema.nullable().default(null),
    /** The hub queue of each service queue; a queue that does not exist on this hub is treated as unsure. */
    queues: z
      .object(Object.fromEntries(SERVICE_QUEUES.map((q) => [q, queueIdSchema.optional()])) as Record<ServiceQueue, z.ZodOptional<typeof queueIdSchema>>)
      .strict()
      .default({}),
    /** Channels whose conversations keep the queue the channel names (a dialled number, a platform's own queue). */
    fixedChannels: z.array(channelSchema).default(['voice']),
    /** Queues that fix themselves: a conversation a channel sends here keeps it (VIP lines, say). */
    fixedQueues: z.array(queueIdSchema).default(['vip']),
  })
  .strict()
  .prefault({});

export type IntentRoutingConfig = z.infer<typeof intentRoutingConfigSchema>;
export type IntentRoutingConfigInput = z.input<typeof intentRoutingConfigSchema>;

/** The hub queue id for a service queue: the configured one, else the same name. */
export const hubQueueFor = (config: IntentRoutingConfig, queue: ServiceQueue): string => config.queues[queue] ?? queue;
