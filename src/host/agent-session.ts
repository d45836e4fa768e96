import { randomUUID } from 'node:crypto';
import type { ConnectionState } from '../shared/contracts/session-contract';
import type { WorkspaceMessage } from '../shared/contracts/workspace-contract';
import type { AgentProfile } from '../shared/domain/agent';
import type { Conversation } from '../shared/domain/conversation';
import type { Customer } from '../shared/domain/customer';
import type { Offer } from '../shared/domain/offer';
import type { Logger } from '../shared/log';
import type { HubCommandInput } from '../shared/protocol/hub-protocol';
import { err, ok, type Result } from '../shared/result';
import { createHubClient, type HubClient } from './hub-client';
import { loginToHub, refreshHubToken } from './hub-http';
import { createWorkspaceProjection, type WorkspaceProjection } from './workspace-projection';

export interface SessionListener {
  connection(state: ConnectionState): void;
  agent(agent: AgentProfile): void;
  conversation(conversation: Conversation): void;
  customer(customer: Customer): void;
  message(message: WorkspaceMessage): void;
  offer(offer: Offer): void;
  offerRevoked(offerId: string, reason: string): void;
}

/** Refresh a little before expiry so a reconnect never presents a stale token. */
const REFRESH_MARGIN_MS = 60_000;

/** One signed-in agent on this desktop: token, hub link, and what has been synced. */
export class AgentSession {
  readonly projection: WorkspaceProjection = createWorkspaceProjection();
  private client: HubClient | null = null;
  private token: { value: string; expiresAt: number } | null = null;
  private profile: AgentProfile | null = null;
  private state: ConnectionState;

  constructor(
    private readonly hubUrl: string,
    private readonly log: Logger,
    private readonly listener: SessionListener,
  ) {
    this.state = { status: 'signed_out', hubUrl, lastSyncAt: null, detail: null };
  }

  get agent(): AgentProfile | null {
    return this.profile;
  }

  get connection(): ConnectionState {
    return this.state;
  }

  private setConnection(patch: Partial<ConnectionState>): void {
    this.state = { ...this.state, ...patch };
    this.listener.connection(this.state);
  }

  async login(username: string, password: string): Promise<Result<AgentProfile>> {
    const response = await loginToHub(this.hubUrl, username, password);
    if (!response.ok) return response;
    this.logout();
    this.token = { value: response.value.token, expiresAt: response.value.expiresAt };
    this.profile = response.value.agent;
    this.setConnection({ status: 'connecting', detail: null });
    this.client = createHubClient({
      hubUrl: this.hubUrl,
      cursor: 0,
      log: this.log,
      getToken: () => this.freshToken(),
      handlers: {
        status: (status, detail) => {
          if (status === 'closed') return;
          this.setConnection({ status, detail });
        },
        events: (events) => {
          for (const event of events) {
            const changed = this.projection.apply(event);
            if (changed.conversation) this.listener.conversation(changed.conversation);
            if (changed.customer) this.listener.customer(changed.customer);
            if (changed.message) this.listener.message(changed.message);
          }
          this.setConnection({ lastSyncAt: Date.now() });
        },
        agent: (agent) => {
          this.profile = agent;
          this.listener.agent(agent);
        },
        offer: (offer) => {
          this.projection.offers.set(offer.id, offer);
          this.listener.offer(offer);
        },
        offerRevoked: (offerId, reason) => {
          this.projection.offers.delete(offerId);
          this.listener.offerRevoked(offerId, reason);
        },
        ended: (reason) => {
          this.log.log('info', 'hub ended the session', { reason });
          this.teardown();
          this.setConnection({ status: 'signed_out', detail: reason });
        },
      },
    });
    return ok(response.value.agent);
  }

  private async freshToken(): Promise<string | null> {
    if (!this.token) return null;
    if (this.token.expiresAt - Date.now() > REFRESH_MARGIN_MS) return this.token.value;
    const refreshed = await refreshHubToken(this.hubUrl, this.token.value);
    if (refreshed.ok) {
      this.token = { value: refreshed.value.token, expiresAt: refreshed.value.expiresAt };
      return this.token.value;
    }
    if (refreshed.error.code === 'unauthenticated') {
      this.teardown();
      this.setConnection({ status: 'signed_out', detail: 'your sign-in expired' });
      return null;
    }
    return this.token.value;
  }

  async command(command: HubCommandInput, key: string = randomUUID()): Promise<Result<unknown>> {
    if (!this.client) return err('unauthenticated', 'sign in first');
    return this.client.command(key, command);
  }

  wake(): void {
    this.client?.reconnectNow();
  }

  private teardown(): void {
    this.client?.close();
    this.client = null;
    this.token = null;
    this.profile = null;
    this.projection.clear();
  }

  logout(): void {
    if (!this.client) return;
    this.teardown();
    this.setConnection({ status: 'signed_out', detail: null });
  }
}
