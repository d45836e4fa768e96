import type { AppError, ErrorCode } from '../../../shared/result';
import { SipEngineError } from '../sip-engine';

const codeFor: Record<SipEngineError['code'], ErrorCode> = {
  not_registered: 'unavailable',
  no_such_call: 'not_found',
  bad_state: 'conflict',
  bad_target: 'invalid_argument',
  failed: 'unavailable',
};

/** An engine exception as an error value the UI can translate. */
export function engineFailure(error: unknown): AppError {
  if (error instanceof SipEngineError) return { code: codeFor[error.code], message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
