import type { AgentProfile, AgentState } from '../../shared/domain/agent';
import type { Conversation } from '../../shared/domain/conversation';
import type { Customer, Identity } from '../../shared/domain/customer';
import type { Disposition } from '../../shared/domain/disposition';
import type { CustomerMerge, MergeSuggestion } from '../../shared/domain/merge';
import type { Attachment, ChannelDelivery, Message } from '../../shared/domain/message';
import type { Order } from '../../shared/domain/order';
import type { Queue } from '../../shared/domain/queue';
import type { Ticket } from '../../shared/domain/ticket';
import type { QueueCounts } from '../../shared/domain/contact-kpis';
import type { ReportQueries } from './report-queries';
import type { SurveyQueries } from './survey-queries';
import type { NoticeQueries } from './notice-queries';
import type { HubEvent } from '../../shared/protocol/hub-events';
import type { ConsentQueries } from './consent-queries';
import type { FeedQueries } from './feed-queries';
import type { JobQueries } from './job-queries';
import type { AssistQueries } from './assist-queries';
import type { BotQueries } from './bot-queries';

export interface AgentRecord extends AgentProfile {
  passwordHash: string;
  stateSince: number;
  /** When the agent last finished a contact or became available: "longest idle" orders by it. */
  idleSince: number;
  /** Set while an admin has disabled the account: no sign-in, no session. */
  disabledAt?: number | null;
}

/** One sign-in. Tokens name it; revoking it or reaching its absolute expiry ends every token of it. */
export interface SessionRecord {
  id: string;
  agentId: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

export interface SessionQueries {
  insertSession(session: SessionRecord): void;
  session(id: string): SessionRecord | null;
  /** Revokes one session; false when it was already revoked or unknown. */
  revokeSession(id: string, reason: string, at: number): boolean;
  /** Revokes the agent's live sessions, except `keep`; returns the ids revoked. */
  revokeAgentSessions(agentId: string, reason: string, at: number, keep?: string): string[];
}

export type QueueRecord = Queue;

export interface MergeRecord extends CustomerMerge {
  /** `claim`: a claim the source made, moved with it (claims are not identities: several customers may hold one). */
  movedIdentities: Array<Pick<Identity, 'kind' | 'value'> & { claim?: boolean }>;
  movedConversations: string[];
}

export type QueueOutcome = 'waiting' | 'answered' | 'abandoned' | 'moved';

/**
 * A queue's contacts over a window, from the queue entries the lifecycle writes beside its
 * assignments. The service level is computed from these by `serviceLevelPercent` only.
 */
export type QueueStats = QueueCounts;

export interface StoredAttachment extends Omit<Attachment, 'url'> {
  /** `visitor:<id>` or `agent:<id>`: who may reference it in a message. */
  owner: string;
  file: string;
  createdAt: number;
}

/** What decides what a staff member may see (the visibility rule's inputs). */
export type AgentViewer = Pick<AgentProfile, 'id' | 'role' | 'queues'>;

export interface AgentQueries {
  insertAgent(agent: AgentRecord): void;
  /** Every staff member's role and queues: read on each event's audience, so kept at hand. */
  viewers(): readonly AgentViewer[];
  agentByUsername(username: string): AgentRecord | null;
  agentBySipUser(sipUser: string): AgentRecord | null;
  agent(id: string): AgentRecord | null;
  agents(): AgentRecord[];
  setAgentState(id: string, state: AgentState, reason: string | null, at: number, until?: number | null): void;
  setIdleSince(id: string, at: number): void;
  setAgentPassword(id: string, passwordHash: string): void;
  setAgentDisabled(id: string, at: number | null): void;
}

/**
 * How a customer came to claim an identity: `sender` is what a channel names as the sender without proving it
 * (an email From, a caller id), so the same sender finds their record again; `claim` was typed or stated.
 */
export type ClaimSource = 'sender' | 'claim';

export interface IdentityClaim {
  customerId: string;
  source: ClaimSource;
}

/** A customer identity as a message's peer: who it came from, or whom it went to. */
export type Peer = Pick<Identity, 'kind' | 'value'>;

export interface CustomerQueries {
  insertCustomer(customer: Customer): void;
  updateCustomer(customer: Customer): void;
  /** With its verified identities and, marked unverified, its claims. */
  customer(id: string): Customer | null;
  /** The owner of a verified identity; claims never match. */
  customerByIdentity(kind: Identity['kind'], value: string): Customer | null;
  /** A verified identity is owned (first owner keeps it); an unverified one is stored as a claim. */
  addIdentity(customerId: string, identity: Identity): void;
  moveIdentity(kind: Identity['kind'], value: string, toCustomerId: string): void;
  addClaim(customerId: string, identity: Peer, source: ClaimSource, at: number): void;
  /** Every customer claiming this identity, newest first. */
  claimsOn(kind: Identity['kind'], value: string): IdentityClaim[];
  /** Moves one claim between customers; false when the source did not hold it or the target already does. */
  moveClaim(kind: Identity['kind'], value: string, fromCustomerId: string, toCustomerId: string): boolean;

  insertMerge(merge: MergeRecord): void;
  merge(id: string): MergeRecord | null;
  mergesInto(targetId: string): MergeRecord[];
  markMergeUndone(id: string, at: number): void;

  insertSuggestion(suggestion: MergeSuggestion): void;
  suggestion(id: string): MergeSuggestion | null;
  openSuggestionBetween(a: string, b: string): MergeSuggestion | null;
  openSuggestionsFor(customerId: string): MergeSuggestion[];
  setSuggestionStatus(id: string, status: MergeSuggestion['status']): void;
}

/** A conversation as stored: `version` counts its writes, so a writer holding an older copy cannot overwrite a newer one. */
export type StoredConversation = Conversation & { version: number };

/** The conversation as everyone outside the store sees it. */
export const withoutVersion = ({ version: _version, ...conversation }: StoredConversation): Conversation => conversation;

/**
 * Raw row access for the lifecycle (conversations/lifecycle.ts), the one writer of conversations:
 * nothing else calls `insertConversation` or `updateConversation`.
 */
export interface ConversationQueries {
  insertConversation(conversation: Conversation, callId?: string | null): void;
  /** Writes only if the stored row is still at `expectedVersion` (and bumps it); false when someone wrote first. */
  updateConversation(conversation: Conversation, expectedVersion: number): boolean;
  conversation(id: string): StoredConversation | null;
  conversationByCallId(callId: string): StoredConversation | null;
  /**
   * The customer's open conversation on any text channel (voice calls stay separate). By default only one with a
   * proven sender; `unverifiedOn` finds instead the open conversation an unproven sender started on that channel.
   */
  openTextConversation(customerId: string, unverifiedOn?: Conversation['channel']): Conversation | null;
  customerConversations(customerId: string, limit: number): Conversation[];
  conversationsByStatus(status: Conversation['status']): Conversation[];
  /** Ended calls of the agent still waiting for a disposition (after-call work). */
  undisposedCount(agentId: string): number;
}

/** Why an assignment ended. */
export const assignmentOutcomes = ['declined', 'expired', 'withdrawn', 'missed', 'taken', 'transferred', 'requeued', 'closed', 'abandoned'] as const;
export type AssignmentOutcome = (typeof assignmentOutcomes)[number];

/**
 * One agent's part in one contact: offered (an open offer until answered or released), answered
 * (handling it), released (the part ended, with why). A direct hand-over (transfer to an agent,
 * takeover) is offered and answered at once.
 */
export interface AssignmentRecord {
  id: string;
  conversationId: string;
  agentId: string;
  queue: string;
  channel: Conversation['channel'];
  offeredAt: number;
  /** An open offer's deadline; null for a direct hand-over. */
  expiresAt: number | null;
  answeredAt: number | null;
  releasedAt: number | null;
  outcome: AssignmentOutcome | null;
}

export interface AgentHandling {
  handled: number;
  totalHandleMs: number;
}

export interface AssignmentQueries {
  insertAssignment(assignment: AssignmentRecord): void;
  assignment(id: string): AssignmentRecord | null;
  /** Assignments of the conversation not yet released: its open offers and its current handler. */
  openAssignments(conversationId: string): AssignmentRecord[];
  /** Offers not yet answered nor released; of one agent, or of everyone. */
  openOffers(agentId?: string): AssignmentRecord[];
  answerAssignment(id: string, at: number): void;
  releaseAssignment(id: string, at: number, outcome: AssignmentOutcome): void;
  /**
   * Open assignments of the agent (offers and contacts in hand), by channel kind: chats count against
   * capacity, a call takes the agent whole. A call in after-call work still counts toward handle time
   * but no longer holds the line: the agent's state decides whether they take the next one.
   */
  assignedLoad(agentId: string): { chats: number; calls: number };
  /** Per agent: contacts answered and released in [since, until), and their summed handle time (answer to release). */
  agentHandling(since: number, until?: number): Map<string, AgentHandling>;
  /** The same per queue (the historical reports). */
  queueHandling(since: number, until?: number): Map<string, AgentHandling>;
  /** The same per agent and queue (the historical reports). */
  handlingBetween(since: number, until: number): Array<AgentHandling & { agentId: string; queue: string }>;
  /**
   * The queue's contacts that entered since `since` (and any still waiting), as of `now`: what the
   * wallboard, the SLA alerts, the metrics endpoint and reports all compute the service level from.
   * With `until`, a past period instead: the contacts that entered in [since, until).
   */
  queueStats(queue: string, since: number, slaMs: number, now: number, until?: number): QueueStats;
}

export interface MessageQueries {
  /** `peer`: the customer identity the message came from or went to (none for internal notes). */
  insertMessage(message: Message, originalText?: string, peer?: Peer | null): void;
  /** Records where a reply's delivery to the customer's channel stands; false if there is no such message. */
  setChannelDelivery(messageId: string, delivery: ChannelDelivery): boolean;
  /** The identity the customer last wrote from on this channel in this conversation: where a reply goes. */
  lastInboundPeer(conversationId: string, channel: Message['channel']): Peer | null;
  /** Who a message came from or went to. */
  messagePeer(messageId: string): Peer | null;
  /** The newest conversation this identity wrote or was written to in. */
  latestConversationOfPeer(peer: Peer): string | null;
  /** One page of what this identity wrote and was sent in a conversation, oldest first, before `beforeMessageId` when given. */
  peerMessages(conversationId: string, peer: Peer, limit: number, beforeMessageId?: string): Message[];
  message(id: string): Message | null;
  messageByKey(key: string): Message | null;
  messages(conversationId: string): Message[];
  lastMessages(conversationId: string, limit: number): Message[];
  originalText(messageId: string): string | null;
}

export interface CrmQueries {
  insertOrder(order: Order): void;
  order(id: string): Order | null;
  ordersOf(customerIds: string[]): Order[];
  insertTicket(ticket: Ticket): void;
  ticketsOf(customerIds: string[]): Ticket[];
}

export interface QueueQueries {
  upsertQueue(queue: QueueRecord): void;
  queues(): QueueRecord[];
  queue(id: string): QueueRecord | null;
  upsertDisposition(disposition: Disposition): void;
  dispositions(): Disposition[];
  enterQueue(conversationId: string, queue: string, at: number): void;
  /** Ends the conversation's open queue entry, if any. */
  leaveQueue(conversationId: string, outcome: Exclude<QueueOutcome, 'waiting'>, at: number): void;
}

export interface ChannelQueries {
  insertAttachment(attachment: StoredAttachment): void;
  attachment(id: string): StoredAttachment | null;
  /** Marks uploads as sent in a message, so the sweep keeps them. */
  markAttachmentsReferenced(ids: string[], at: number): void;
  /** Uploads created before `before` that no message references, oldest first. */
  unreferencedAttachments(before: number, limit: number): StoredAttachment[];
  deleteAttachment(id: string): void;
  /** Bytes an owner uploaded since `since`: the quota. */
  attachmentBytesSince(owner: string, since: number): number;
  /** Remembers a signed request; false when it was seen before (a replay). */
  rememberSignature(signature: string, at: number): boolean;
  forgetSignaturesBefore(at: number): void;
}

/** A committed event and the feeds it was appended to (agent ids, '*' for those who see everything), with its position in each. */
export interface StoredEvent {
  event: HubEvent;
  positions: ReadonlyArray<{ owner: string; pos: number }>;
}

export type KeyClaim = { status: 'claimed' } | { status: 'pending' } | { status: 'done'; result: string | null };

/**
 * Everything the hub keeps. A second hub instance would need all of it, so nothing that
 * matters lives only in memory; SQLite serves a single hub, another backend can serve many.
 */
export interface HubStore
  extends FeedQueries,
    JobQueries,
    AgentQueries,
    SessionQueries,
    CustomerQueries,
    ConsentQueries,
    ConversationQueries,
    AssignmentQueries,
    MessageQueries,
    CrmQueries,
    QueueQueries,
    ChannelQueries,
    AssistQueries,
    SurveyQueries,
    BotQueries,
    NoticeQueries,
    ReportQueries {
  /** Nested calls are savepoints; what `afterCommit` registers inside waits for the outermost commit. */
  transaction<T>(fn: () => T): T;
  /** Runs `effect` after the open transaction commits (at once outside one); dropped if it rolls back. */
  afterCommit(effect: () => void): void;

  /** The newest event's sequence number (0 with none). */
  headSeq(): number;

  /**
   * Claims a command key or channel message id before its work starts (insert-on-conflict). A claim
   * still pending since before `staleBefore` was left by a process that died mid-work and is taken over.
   */
  claimKey(key: string, owner: string, at: number, staleBefore: number): KeyClaim;
  /** The work is done: later claims of the key get this result. */
  completeClaim(key: string, result: string): void;
  /** The work failed: the key is free again, so a retry runs it. */
  dropClaim(key: string): void;
  /** The stored result of a finished claim, if any. */
  commandResult(key: string): string | null;
  /** Forgets claims made before `at` (a redelivery after that is stored again); returns how many. */
  pruneClaimsBefore(at: number): number;

  close(): void;
}
