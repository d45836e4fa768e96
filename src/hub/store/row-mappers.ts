import type { AgentRecord, QueueRecord } from './hub-store';
import type { Conversation } from '../../shared/domain/conversation';
import type { Message } from '../../shared/domain/message';
import { agentStateSchema, roleSchema } from '../../shared/domain/agent';
import { conversationSchema } from '../../shared/domain/conversation';
import { messageSchema } from '../../shared/domain/message';

export type Row = Record<string, unknown>;

const str = (v: unknown): string => String(v);
const num = (v: unknown): number => Number(v);
const strings = (v: unknown): string[] => JSON.parse(String(v)) as string[];

export function agentFromRow(r: Row): AgentRecord {
  return {
    id: str(r.id),
    username: str(r.username),
    displayName: str(r.display_name),
    role: roleSchema.parse(r.role),
    passwordHash: str(r.password_hash),
    skills: strings(r.skills),
    queues: strings(r.queues),
    capacity: num(r.capacity),
    state: agentStateSchema.parse(r.state),
    stateReason: r.state_reason === null ? null : str(r.state_reason),
    stateSince: num(r.state_since),
  };
}

export function queueFromRow(r: Row): QueueRecord {
  return { id: str(r.id), name: str(r.name), skills: strings(r.skills), slaSeconds: num(r.sla_seconds), slaTarget: num(r.sla_target) };
}

export function conversationFromRow(r: Row): Conversation {
  return conversationSchema.parse({
    id: r.id,
    customerId: r.customer_id,
    channel: r.channel,
    status: r.status,
    queue: r.queue,
    assigneeId: r.assignee_id,
    priority: r.priority,
    tags: strings(r.tags),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastMessageAt: r.last_message_at,
    preview: r.preview,
  });
}

export function conversationToRow(c: Conversation): Row {
  return {
    id: c.id,
    customer_id: c.customerId,
    channel: c.channel,
    status: c.status,
    queue: c.queue,
    assignee_id: c.assigneeId,
    priority: c.priority,
    tags: JSON.stringify(c.tags),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    last_message_at: c.lastMessageAt,
    preview: c.preview,
  };
}

export function messageFromRow(r: Row): Message {
  return messageSchema.parse({
    id: r.id,
    conversationId: r.conversation_id,
    channel: r.channel,
    direction: r.direction,
    authorKind: r.author_kind,
    authorId: r.author_id,
    text: r.text,
    attachments: JSON.parse(str(r.attachments)),
    internal: r.internal === 1,
    key: r.key,
    createdAt: r.created_at,
  });
}
