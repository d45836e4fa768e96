import { describe, expect, it } from 'vitest';
import { errorCodeOfStatus, httpStatusOf } from './http-status';
import { errorCodes } from './result';

describe('the error code ↔ HTTP status table', () => {
  it('gives every error code a status, and reads each status back into a code with that status', () => {
    for (const code of errorCodes) {
      const status = httpStatusOf(code);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(httpStatusOf(errorCodeOfStatus(status))).toBe(status);
    }
    expect(httpStatusOf('failed_precondition')).toBe(422);
    expect(errorCodeOfStatus(401)).toBe('unauthenticated');
    expect(errorCodeOfStatus(502)).toBe('unavailable');
    expect(errorCodeOfStatus(418)).toBe('invalid_argument');
  });
});
