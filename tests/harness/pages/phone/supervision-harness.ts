/**
 * Supervision on the phone harness page: the agent's SupervisionController (notices are handed in
 * by the test, as the hub would send them), the supervisor's auto-answer, and what the user hears
 * across all calls, for the three-party supervision spec.
 */
import type { AgentSupervisionNotice } from '../../../../src/shared/protocol/supervisor-protocol';
import type { Result } from '../../../../src/shared/result';
import type { SipEngine } from '../../../../src/renderer/phone/sip-engine';
import { autoAnswerSupervisionLegs } from '../../../../src/renderer/phone/supervision/supervision-answerer';
import { SupervisionController, type SupervisionControllerEvent, type SupervisionStatus } from '../../../../src/renderer/phone/supervision/supervision-controller';
import type { ToneMeter } from './tone-meter';

export interface SupervisionHarnessApi {
  events: SupervisionControllerEvent[];
  handle(notice: AgentSupervisionNotice): Promise<Result<SupervisionStatus>>;
  sessions(): ReturnType<SupervisionController['sessions']>;
  /** Supervisor side: auto-answer legs of these sessions only. */
  expectSessions(sessionIds: string[]): void;
  /**
   * dB at each frequency in what is played to the user over every live call (the loudest per
   * frequency), or null while nothing plays.
   */
  hearing(frequencies: number[]): Promise<Record<string, number> | null>;
}

declare global {
  interface Window {
    supervision: SupervisionHarnessApi;
  }
}

export function installSupervisionHarness(phone: SipEngine, meter: ToneMeter): void {
  const controller = new SupervisionController(phone);
  const events: SupervisionControllerEvent[] = [];
  controller.onEvent((event) => events.push(event));
  const expected = new Set<string>();
  const answerer = autoAnswerSupervisionLegs(phone, (sessionId) => expected.has(sessionId));

  window.supervision = {
    events,
    handle: (notice) => controller.handle(notice),
    sessions: () => controller.sessions(),
    expectSessions(sessionIds) {
      for (const id of sessionIds) expected.add(id);
      answerer.recheck();
    },
    async hearing(frequencies) {
      const playing = phone
        .getCalls()
        .filter((c) => c.state !== 'ended')
        .map((c) => phone.getPlayback(c.id))
        .filter((s): s is MediaStream => s !== null && s.getAudioTracks().length > 0);
      if (playing.length === 0) return null;
      const measured = await Promise.all(playing.map((stream) => meter.measure(stream, frequencies)));
      return Object.fromEntries(frequencies.map((hz) => [String(hz), Math.max(...measured.map((m) => m[String(hz)] ?? -200))]));
    },
  };
}
