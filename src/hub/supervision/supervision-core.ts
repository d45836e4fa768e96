import type { AgentSupervisionNotice, SupervisorServerFrameInput, Wallboard } from '../../shared/protocol/supervisor-protocol';
import type { AlertFeed } from './alert-feed';
import type { AuditLog } from './audit-log';
import type { LiveSentiment } from './live-sentiment';
import type { SessionRegistry } from './session-registry';
import type { SupervisionDeps } from './supervision-deps';

/** One connected supervisor console, as the shared parts see it. */
export interface SupervisorConnection {
  id: string;
  supervisorId: string;
  send(frame: SupervisorServerFrameInput): void;
  /** Conversations this console opened in the chat monitor. */
  watching: Set<string>;
}

/** What every supervisor socket shares: built once by registerSupervision. */
export interface SupervisionCore {
  deps: SupervisionDeps;
  now(): number;
  audit: AuditLog;
  alerts: AlertFeed;
  sessions: SessionRegistry;
  sentiment: LiveSentiment;
  connections: Set<SupervisorConnection>;
  wallboard(): Wallboard;
  notifyAgent(agentId: string, notice: AgentSupervisionNotice): boolean;
}
