import type { SipEngine } from '../sip-engine';
import { supervisionSessionOf } from './supervised-call';

/**
 * The supervisor's side: answers the agent's supervision leg without a click. Only sessions the
 * supervisor actually started are answered (`expects`), because anyone can put the header on an
 * INVITE and an auto-answered call opens the supervisor's microphone. Other calls ring as usual.
 */
export function autoAnswerSupervisionLegs(engine: SipEngine, expects: (sessionId: string) => boolean): () => void {
  const answered = new Set<string>();
  return engine.onEvent((event) => {
    if (event.type !== 'call') return;
    const { call } = event;
    if (call.direction !== 'inbound' || call.state !== 'ringing' || answered.has(call.id)) return;
    const sessionId = supervisionSessionOf(call);
    if (sessionId === undefined || !expects(sessionId)) return;
    answered.add(call.id);
    void engine.answer(call.id).catch((error: unknown) => console.warn('answering the supervision leg failed', error));
  });
}
