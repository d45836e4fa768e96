import type { StateCreator } from 'zustand';
import type { PhoneCall, PhoneLinkState, PhoneRegistration, PhoneState } from '../../shared/contracts/phone-contract';
import type { AppStore } from './app-store';

/** The phone as the UI knows it: a copy of the phone page's state, plus whether that page answers. */
export interface PhoneSlice {
  /** A phone page answered the link's latest heartbeats. */
  phoneAvailable: boolean;
  phoneLink: PhoneLinkState;
  registration: PhoneRegistration;
  phoneCalls: PhoneCall[];
  dialpadOpen: boolean;
  /** Whether the signed-in hub offers telephony at all; 'unknown' until the host has said. */
  hubTelephony: 'unknown' | 'available' | 'none';
  setHubTelephony(telephony: PhoneSlice['hubTelephony']): void;
  setPhoneAvailable(available: boolean): void;
  setPhoneState(state: PhoneState): void;
  setDialpadOpen(open: boolean): void;
}

export const createPhoneSlice: StateCreator<AppStore, [], [], PhoneSlice> = (set) => ({
  phoneAvailable: false,
  phoneLink: 'starting',
  registration: 'unregistered',
  phoneCalls: [],
  dialpadOpen: false,
  hubTelephony: 'unknown',
  setHubTelephony: (hubTelephony) => set({ hubTelephony }),
  setPhoneAvailable: (phoneAvailable) => set(phoneAvailable ? { phoneAvailable } : { phoneAvailable, registration: 'unregistered', phoneCalls: [] }),
  setPhoneState: (state) => set({ phoneLink: state.link, registration: state.registration, phoneCalls: state.calls }),
  setDialpadOpen: (dialpadOpen) => set({ dialpadOpen }),
});

/** The call the agent is talking on: the first answered call not on hold, else the first live one. */
export function currentCall(calls: readonly PhoneCall[]): PhoneCall | undefined {
  const live = calls.filter((c) => c.state === 'active' || c.state === 'dialing');
  return live.find((c) => !c.held && c.state === 'active') ?? live[0];
}

export function ringingCall(calls: readonly PhoneCall[]): PhoneCall | undefined {
  return calls.find((c) => c.direction === 'inbound' && c.state === 'ringing');
}
