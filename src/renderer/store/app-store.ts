import { create } from 'zustand';
import { detectLanguage } from '../i18n/i18n';
import { loadPrefs } from '../lib/prefs';
import { createPhoneSlice, type PhoneSlice } from './phone-slice';
import { createInboxSlice, type InboxSlice } from './inbox-slice';
import { createSessionSlice, type SessionSlice } from './session-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createWorkSlice, type WorkSlice } from './work-slice';

export type AppStore = SessionSlice & InboxSlice & UiSlice & WorkSlice & PhoneSlice;

/** One store of slices; components select single values, non-React callers use `useAppStore.getState()`. */
export const useAppStore = create<AppStore>()((...a) => ({
  ...createSessionSlice(...a),
  ...createInboxSlice(...a),
  ...createUiSlice(detectLanguage(localStorage.getItem('switchboard.language'), navigator.language), loadPrefs())(...a),
  ...createWorkSlice(...a),
  ...createPhoneSlice(...a),
}));
