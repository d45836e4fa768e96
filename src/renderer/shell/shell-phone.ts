import type { DialTarget } from '../../shared/dial-uri';
import type { Result } from '../../shared/result';
import { useAppStore } from '../store/app-store';
import { phoneActions } from '../store/phone-actions';
import type { PhoneSnapshot, ShellPhone } from './shell-bridge';

/** A refused phone action becomes a rejection, which the bridge shows in the error bar. */
async function must(result: Promise<Result<unknown>>): Promise<void> {
  const done = await result;
  if (!done.ok) throw new Error(done.error.message);
}

/** What the shell needs of the phone (global shortcuts, tel:/sip: links, tray), from the UI's phone slice. */
export const shellPhone: ShellPhone = {
  // A tel: number (with its extension dialled as DTMF later by the agent) or the canonical SIP URI.
  dial: (target: DialTarget) => must(phoneActions.dial(target.kind === 'tel' ? target.number : target.uri)),
  answer: () => must(phoneActions.answerRinging()),
  hangUp: () => must(phoneActions.hangUpCurrent()),
  toggleMute: () => must(phoneActions.toggleMute()),
  subscribe(listener: (snapshot: PhoneSnapshot) => void): () => void {
    const snapshot = (): PhoneSnapshot => {
      const s = useAppStore.getState();
      return { registered: s.registration === 'registered', activeCalls: s.phoneCalls.filter((c) => c.state !== 'ended').length };
    };
    listener(snapshot());
    return useAppStore.subscribe((s, previous) => {
      if (s.registration !== previous.registration || s.phoneCalls !== previous.phoneCalls) listener(snapshot());
    });
  },
};
