import type { AgentRecord, MergeRecord, QueueRecord, StoredAttachment } from './hub-store';
import type { Row } from './sqlite-query';
import { agentStateSchema, roleSchema } from '../../shared/domain/agent';
import { mergeSuggestionSchema, type MergeSuggestion } from '../../shared/domain/merge';
import { messageSchema, type Message } from '../../shared/domain/message';
import { orderSchema, type Order } from '../../shared/domain/order';
import { ticketSchema, type Ticket } from '../../shared/domain/ticket';
import { identityKindSchema } from '../../shared/domain/customer';
import { z } from 'zod';

export type { Row };

const str = (v: unknown): string => String(v);
const num = (v: unknown): number => Number(v);
const strings = (v: unknown): string[] => z.array(z.string()).parse(JSON.parse(String(v)));
const nullableNum = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const nullableStr = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

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
    stateReason: nullableStr(r.state_reason),
    stateSince: num(r.state_since),
    stateUntil: nullableNum(r.state_until),
    sipUser: nullableStr(r.sip_user),
    idleSince: num(r.idle_since),
    disabledAt: nullableNum(r.disabled_at),
  };
}

export function queueFromRow(r: Row): QueueRecord {
  return {
    id: str(r.id),
    name: str(r.name),
    skills: strings(r.skills),
    slaSeconds: num(r.sla_seconds),
    slaTarget: num(r.sla_target),
    replySeconds: num(r.reply_seconds),
    number: nullableStr(r.number),
    overflowQueue: nullableStr(r.overflow_queue),
    overflowAfterSeconds: nullableNum(r.overflow_after_seconds),
    escalationSkill: nullableStr(r.escalation_skill),
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
    ...(typeof r.channel_delivery === 'string' ? { channelDelivery: JSON.parse(r.channel_delivery) as unknown } : {}),
  });
}

const movedIdentitiesSchema = z.array(z.object({ kind: identityKindSchema, value: z.string(), claim: z.boolean().optional() }));

export function mergeFromRow(r: Row): MergeRecord {
  return {
    id: str(r.id),
    targetId: str(r.target_id),
    sourceId: str(r.source_id),
    by: str(r.by),
    at: num(r.at),
    undoneAt: nullableNum(r.undone_at),
    movedIdentities: movedIdentitiesSchema.parse(JSON.parse(str(r.moved_identities))),
    movedConversations: strings(r.moved_conversations),
  };
}

export function suggestionFromRow(r: Row): MergeSuggestion {
  return mergeSuggestionSchema.parse({
    id: r.id,
    customerId: r.customer_id,
    candidateId: r.candidate_id,
    reason: { kind: r.reason_kind, value: r.reason_value },
    status: r.status,
    createdAt: r.created_at,
  });
}

export function orderFromRow(r: Row): Order {
  return orderSchema.parse({
    id: r.id,
    customerId: r.customer_id,
    platform: r.platform,
    status: r.status,
    totalMinor: r.total_minor,
    currency: r.currency,
    summary: r.summary,
    createdAt: r.created_at,
  });
}

export function ticketFromRow(r: Row): Ticket {
  return ticketSchema.parse({
    id: r.id,
    customerId: r.customer_id,
    conversationId: r.conversation_id,
    title: r.title,
    description: r.description,
    status: r.status,
    priority: r.priority,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
}

export function attachmentFromRow(r: Row): StoredAttachment {
  return {
    id: str(r.id),
    owner: str(r.owner),
    name: str(r.name),
    mimeType: str(r.mime_type),
    size: num(r.size),
    file: str(r.file),
    createdAt: num(r.created_at),
  };
}
