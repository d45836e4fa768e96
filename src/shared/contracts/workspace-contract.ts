import { z } from 'zod';
import { agentStateSchema } from '../domain/agent';
import { conversationSchema } from '../domain/conversation';
import { customerSchema } from '../domain/customer';
import { messageSchema, messageTextSchema } from '../domain/message';
import { offerSchema } from '../domain/offer';
import { defineContract } from '../rpc/contract';

export const deliveryStateSchema = z.enum(['pending', 'sent', 'failed']);
export const workspaceMessageSchema = messageSchema.extend({ delivery: deliveryStateSchema });
export type WorkspaceMessage = z.infer<typeof workspaceMessageSchema>;

/** The agent's inbox, conversations and offers, as the desktop host holds them. */
export const workspaceContract = defineContract({
  name: 'workspace',
  methods: {
    inbox: {
      input: z.object({}),
      output: z.object({ conversations: z.array(conversationSchema), customers: z.array(customerSchema), offers: z.array(offerSchema) }),
    },
    messages: { input: z.object({ conversationId: z.string().max(100) }), output: z.array(workspaceMessageSchema) },
    acceptOffer: { input: z.object({ offerId: z.string().max(100) }), output: z.object({}) },
    rejectOffer: { input: z.object({ offerId: z.string().max(100) }), output: z.object({}) },
    sendMessage: {
      input: z.object({ conversationId: z.string().max(100), text: messageTextSchema, internal: z.boolean().default(false) }),
      output: workspaceMessageSchema,
    },
    setState: { input: z.object({ state: agentStateSchema, reason: z.string().max(100).nullable().default(null) }), output: z.object({}) },
  },
  events: {
    conversation: conversationSchema,
    customer: customerSchema,
    message: workspaceMessageSchema,
    offer: offerSchema,
    offerRevoked: z.object({ offerId: z.string(), reason: z.string() }),
  },
});
