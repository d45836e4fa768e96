/**
 * PBX-mode supervision on the phone harness page: the supervisor's PbxSupervision, fed the
 * sessions a test hands in as the hub would push them. The end requests it makes (the PBX hung up)
 * are recorded instead of sent, since the harness page has no console link.
 */
import type { SupervisionSession } from '../../../../src/shared/protocol/supervisor-protocol';
import type { SipEngine } from '../../../../src/renderer/phone/sip-engine';
import { PbxSupervision, type PbxSupervisionEvent } from '../../../../src/renderer/phone/supervision/pbx-supervision';

export interface PbxSupervisionHarnessApi {
  events: PbxSupervisionEvent[];
  /** Session ids PbxSupervision asked the hub to end. */
  endRequests: string[];
  handle(session: SupervisionSession): void;
  sessions(): ReturnType<PbxSupervision['sessions']>;
}

declare global {
  interface Window {
    pbxSupervision: PbxSupervisionHarnessApi;
  }
}

export function installPbxSupervisionHarness(phone: SipEngine): void {
  const endRequests: string[] = [];
  const pbx = new PbxSupervision(phone, {
    endSession: async (sessionId) => {
      endRequests.push(sessionId);
    },
  });
  const events: PbxSupervisionEvent[] = [];
  pbx.onEvent((event) => events.push(event));
  window.pbxSupervision = {
    events,
    endRequests,
    handle: (session) => pbx.handle(session),
    sessions: () => pbx.sessions(),
  };
}
