import type { sessionContract } from '../../../shared/contracts/session-contract';
import type { supervisorContract } from '../../../shared/contracts/supervisor-contract';
import type { workspaceContract } from '../../../shared/contracts/workspace-contract';
import type { Logger } from '../../../shared/log';
import type { ContractClient } from '../../../shared/rpc/contract';
import type { PhoneService } from '../service/phone-service';
import { autoAnswerSupervisionLegs } from '../supervision/supervision-answerer';
import { SupervisionController } from '../supervision/supervision-controller';
import { startVoiceAgitation } from '../voice/voice-agitation-monitor';
import { followEngine, onOwnCallSessions } from './phone-page-follow';

/** Scores are sent at most this often per call; the hub smooths them with the chat sentiment. */
const VOICE_SCORE_INTERVAL_MS = 4_000;

export interface PhoneHookHost {
  session: Pick<ContractClient<typeof sessionContract>, 'status'>;
  workspace: Pick<ContractClient<typeof workspaceContract>, 'reportVoiceSentiment' | 'on'>;
  supervisor: Pick<ContractClient<typeof supervisorContract>, 'on'>;
}

/**
 * Voice agitation on every answered call: the customer's loudness, pitch variability, speaking rate
 * and talk-over become a score that feeds the same alerts as what customers write (issue #8.4).
 */
export function wireVoiceAgitation(service: PhoneService, host: PhoneHookHost, log: Logger): () => void {
  return service.onCallMedia(({ sipCallId, local, remote }) => {
    if (!local) return;
    let stopped = false;
    const monitor = startVoiceAgitation({
      local,
      remote,
      intervalMs: VOICE_SCORE_INTERVAL_MS,
      onScore: (score) => {
        void host.workspace.reportVoiceSentiment({ sipCallId, score }).then((result) => {
          if (result.ok || stopped) return;
          // A call the hub never routed (a direct call to a colleague) has no conversation to score.
          if (result.error.code === 'not_found') {
            stopped = true;
            monitor.stop();
          } else if (result.error.code !== 'unavailable') log.log('warn', 'voice sentiment not reported', { code: result.error.code });
        });
      },
    });
    return () => {
      stopped = true;
      monitor.stop();
    };
  });
}

/**
 * Call supervision on this desktop (issue #7). As the supervised agent: the hub's notices open,
 * switch and close the second leg to the supervisor (SupervisionController). As a supervisor: the
 * leg an agent's phone opens for a session this supervisor started is answered without a click.
 * The service makes a fresh engine per registration, so both follow the current engine.
 */
export function wireSupervision(service: PhoneService, host: PhoneHookHost, log: Logger): () => void {
  const mySessions = new Set<string>();
  const legs = followEngine(
    service,
    (engine) => {
      const controller = new SupervisionController(engine);
      controller.onEvent((event) => log.log('info', `supervision ${event.type}`, { session: event.sessionId }));
      return { controller, answerer: autoAnswerSupervisionLegs(engine, (sessionId) => mySessions.has(sessionId)) };
    },
    ({ controller, answerer }) => {
      answerer.stop();
      void controller.dispose();
    },
  );

  const offNotice = host.workspace.on('supervision', (notice) => {
    const controller = legs.sync()?.controller;
    if (!controller || notice.kind === 'chat.taken_over') return;
    void controller.handle(notice).then((result) => {
      if (!result.ok) log.log('warn', 'supervision notice not applied', { kind: notice.kind, code: result.error.code, detail: result.error.message });
    });
  });
  const offSession = onOwnCallSessions(host, (session) => {
    if (session.endedAt === null) {
      mySessions.add(session.id);
      // The agent's leg may have arrived before this event did.
      legs.sync()?.answerer.recheck();
    } else mySessions.delete(session.id);
  });
  return () => {
    offNotice();
    offSession();
    legs.dispose();
  };
}
