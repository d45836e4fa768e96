import i18next from 'i18next';
import type { PhoneCall, PhoneState } from '../../shared/contracts/phone-contract';
import { err, type Result } from '../../shared/result';
import { showDesktopNotification, windowUnfocused } from '../lib/desktop-notification';
import { Ringtone } from '../lib/ringtone';
import { phone, phoneLink } from '../phone/link/ui-phone-link';
import { openConversation } from './actions';
import { useAppStore } from './app-store';
import { findCallConversation } from './call-conversation';
import { currentCall, ringingCall } from './phone-slice';

const state = () => useAppStore.getState();
/** Auto-answer still rings briefly, so the agent hears that a call came in. */
const AUTO_ANSWER_AFTER_MS = 1500;

const ringtone = new Ringtone();
const announced = new Set<string>();
const opened = new Set<string>();

const notOpen = <T>(): Result<T> => err('unavailable', 'the phone is not open');
const guarded = async <T>(run: () => Promise<Result<T>>): Promise<Result<T>> => (state().phoneAvailable ? run() : notOpen());

/** Rings, notifies and auto-answers new inbound calls; silences the ringer when none rings. */
function followRinging(calls: readonly PhoneCall[]): void {
  const ringing = calls.filter((c) => c.direction === 'inbound' && c.state === 'ringing');
  if (ringing.length === 0) ringtone.stop();
  else void ringtone.start(state().prefs.ringerId);
  for (const call of ringing) {
    if (announced.has(call.id)) continue;
    announced.add(call.id);
    const { prefs } = state();
    const caller = call.remoteDisplayName ?? call.remoteUser;
    if (prefs.notifications && windowUnfocused()) showDesktopNotification(i18next.t('phone.incoming_title'), caller, `call-${call.id}`);
    if (prefs.autoAnswer)
      setTimeout(() => {
        if (ringingCall(state().phoneCalls)?.id === call.id) void answer(call.id);
      }, AUTO_ANSWER_AFTER_MS);
  }
}

/** Opens the caller's voice conversation once the call is answered and the inbox knows it. */
function followAnswered(calls: readonly PhoneCall[]): void {
  for (const call of calls) {
    if (call.state !== 'active' || opened.has(call.id)) continue;
    const conversation = findCallConversation(call, Object.values(state().conversations));
    if (!conversation) continue;
    opened.add(call.id);
    if (state().selectedId !== conversation.id) void openConversation(conversation.id);
  }
}

function applyState(next: PhoneState): void {
  state().setPhoneState(next);
  followRinging(next.calls);
  followAnswered(next.calls);
}

async function refreshPhone(): Promise<void> {
  const status = await phone.status({});
  if (status.ok) applyState(status.value);
}

/** Wires the phone page's events into the store once, at start-up. */
export function bindPhone(): void {
  phoneLink.onPresence((alive) => {
    state().setPhoneAvailable(alive);
    if (alive) void refreshPhone();
    else ringtone.stop();
  });
  phone.on('state', applyState);
  // A conversation may reach the inbox after the call was answered.
  useAppStore.subscribe((s, prev) => {
    if (s.conversations !== prev.conversations) followAnswered(s.phoneCalls);
  });
}

export const answer = (callId: string) => guarded(() => phone.answer({ callId }));
export const reject = (callId: string) => guarded(() => phone.reject({ callId }));
export const hangUp = (callId: string) => guarded(() => phone.hangUp({ callId }));
export const hold = (callId: string) => guarded(() => phone.hold({ callId }));
export const resume = (callId: string) => guarded(() => phone.resume({ callId }));
export const setMuted = (callId: string, muted: boolean) => guarded(() => (muted ? phone.mute({ callId }) : phone.unmute({ callId })));
export const sendDtmf = (callId: string, digits: string) => guarded(() => phone.sendDtmf({ callId, digits }));
export const blindTransfer = (callId: string, target: string) => guarded(() => phone.blindTransfer({ callId, target }));
export const startConsultation = (callId: string, target: string) => guarded(() => phone.startConsultation({ callId, target }));
export const completeTransfer = (callId: string, consultCallId: string) => guarded(() => phone.completeTransfer({ callId, consultCallId }));
export const cancelTransfer = (callId: string, consultCallId: string) => guarded(() => phone.cancelTransfer({ callId, consultCallId }));
export const conference = (callIdA: string, callIdB: string) => guarded(() => phone.conference({ callIdA, callIdB }));

/** For callers outside React (the Electron shell's global shortcuts and tel: links). */
export const phoneActions = {
  dial: (target: string) => guarded(() => phone.dial({ target })),
  answerRinging: (): Promise<Result<object>> => {
    const call = ringingCall(state().phoneCalls);
    return call ? answer(call.id) : Promise.resolve(err('not_found', 'no call is ringing'));
  },
  hangUpCurrent: (): Promise<Result<object>> => {
    const call = currentCall(state().phoneCalls) ?? ringingCall(state().phoneCalls);
    if (!call) return Promise.resolve(err('not_found', 'no call to hang up'));
    return call.state === 'ringing' ? reject(call.id) : hangUp(call.id);
  },
  toggleMute: (): Promise<Result<object>> => {
    const call = currentCall(state().phoneCalls);
    return call ? setMuted(call.id, !call.muted) : Promise.resolve(err('not_found', 'no call to mute'));
  },
};
