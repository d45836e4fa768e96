import { useEffect, type RefObject } from 'react';
import { useAppStore } from '../store/app-store';
import type { FocusTarget } from '../store/ui-slice';

/**
 * Takes focus when the app asked for `target` (after sign-in, accepting an offer, closing a
 * dialog) as soon as this control is on screen, and clears the request. A request waits while a
 * dialog is open: focus belongs to the dialog until it closes.
 */
export function useFocusRequest(target: FocusTarget, ref: RefObject<HTMLElement | null>, ready = true): void {
  const wanted = useAppStore((s) => s.focusRequest === target);
  useEffect(() => {
    if (!wanted || !ready) return;
    const el = ref.current;
    if (!el || document.querySelector('dialog[open]')) return;
    el.focus();
    useAppStore.getState().requestFocus(null);
  });
}
