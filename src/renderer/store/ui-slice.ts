import type { StateCreator } from 'zustand';
import type { AppError } from '../../shared/result';
import type { Language } from '../i18n/i18n';
import type { Prefs } from '../lib/prefs';
import type { AppStore } from './app-store';

export type Overlay = 'none' | 'shortcuts' | 'settings';

export interface UiSlice {
  language: Language;
  lastError: AppError | null;
  prefs: Prefs;
  overlay: Overlay;
  setLanguage(language: Language): void;
  setError(error: AppError | null): void;
  setPrefs(prefs: Prefs): void;
  setOverlay(overlay: Overlay): void;
}

export const createUiSlice =
  (language: Language, prefs: Prefs): StateCreator<AppStore, [], [], UiSlice> =>
  (set) => ({
    language,
    lastError: null,
    prefs,
    overlay: 'none',
    setLanguage: (next) => set({ language: next }),
    setError: (lastError) => set({ lastError }),
    setPrefs: (next) => set({ prefs: next }),
    setOverlay: (overlay) => set({ overlay }),
  });
