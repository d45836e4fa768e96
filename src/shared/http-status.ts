import { errorCodes, type ErrorCode } from './result';

/**
 * The one table between error codes and HTTP statuses: the hub answers every refused request with the
 * status of its code, and the desktop reads a status it gets without a readable body back into a code.
 */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  invalid_argument: 400,
  malformed_frame: 400,
  insecure_hub: 400,
  unauthenticated: 401,
  transport_unauthorized: 401,
  permission_denied: 403,
  not_found: 404,
  unknown_method: 404,
  conflict: 409,
  frame_too_large: 413,
  failed_precondition: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  timeout: 504,
};

export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS[code];
}

/** The code for a status; the first in the union's order where several share one (400 → invalid_argument). */
export function errorCodeOfStatus(status: number): ErrorCode {
  const code = errorCodes.find((c) => HTTP_STATUS[c] === status);
  if (code) return code;
  return status >= 500 ? 'unavailable' : 'invalid_argument';
}
