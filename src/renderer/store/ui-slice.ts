import type { StateCreator } from 'zustand';
import type { AppError } from '../../shared/result';
import type { Language } from '../i18n/i18n';
import type { AppStore } from './app-store';

export interface UiSlice {
  language: Language;
  lastError: AppError | null;
  setLanguage(language: Language): void;
  setError(error: AppError | null): void;
}

export const createUiSlice =
  (language: Language): StateCreator<AppStore, [], [], UiSlice> =>
  (set) => ({
    language,
    lastError: null,
    setLanguage: (next) => set({ language: next }),
    setError: (lastError) => set({ lastError }),
  });
