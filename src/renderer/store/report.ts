import type { Result } from '../../shared/result';
import { useAppStore } from './app-store';

/** Puts a failure where the shell shows it; true when the call succeeded. */
export function report<T>(result: Result<T>): result is { ok: true; value: T } {
  if (!result.ok) useAppStore.getState().setError(result.error);
  return result.ok;
}
