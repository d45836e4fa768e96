import type { StateCreator } from 'zustand';
import type { AppError } from '../../shared/result';
import type { Language } from '../i18n/i18n';
import type { Prefs } from '../lib/prefs';
import type { AppStore } from './app-store';

export type Overlay = 'none' | 'shortcuts' | 'settings';
/** Where focus should go next, once that control is on screen: the place of the agent's next action. */
export type FocusTarget = 'composer' | 'inbox' | 'acw';

const FOCUS_FALLBACK_MS = 3_000;

export interface UiSlice {
  language: Language;
  lastError: AppError | null;
  prefs: Prefs;
  overlay: Overlay;
  focusRequest: FocusTarget | null;
  setLanguage(language: Language): void;
  setError(error: AppError | null): void;
  setPrefs(prefs: Prefs): void;
  setOverlay(overlay: Overlay): void;
  /** `orElse` takes over if `target` has not appeared within a few seconds (wrap-up the hub did not start). */
  requestFocus(target: FocusTarget | null, orElse?: FocusTarget): void;
}

export const createUiSlice =
  (language: Language, prefs: Prefs): StateCreator<AppStore, [], [], UiSlice> =>
  (set, get) => ({
    language,
    lastError: null,
    prefs,
    overlay: 'none',
    focusRequest: null,
    setLanguage: (next) => set({ language: next }),
    setError: (lastError) => set({ lastError }),
    setPrefs: (next) => set({ prefs: next }),
    setOverlay: (overlay) => set({ overlay }),
    requestFocus: (focusRequest, orElse) => {
      set({ focusRequest });
      if (focusRequest && orElse) setTimeout(() => get().focusRequest === focusRequest && set({ focusRequest: orElse }), FOCUS_FALLBACK_MS);
    },
  });
