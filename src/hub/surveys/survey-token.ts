import { createHmac } from 'node:crypto';
import { err, ok, type Result } from '../../shared/result';
import { safeEqual } from '../channels/channel-http';

/**
 * The link a customer rates from: `<survey id>.<expiry, base 36>.<HMAC-SHA256>`, signed with a key of
 * its own derived from the hub's secret. It names the survey and proves the hub made the link; the
 * survey row makes it single use (answered once) and the expiry bounds how long it works.
 */
const surveyKey = (secret: string): Buffer => createHmac('sha256', secret).update('switchboard survey link v1').digest();
const mac = (secret: string, surveyId: string, expires: string): string =>
  createHmac('sha256', surveyKey(secret)).update(`${surveyId}.${expires}`).digest('base64url');

export function signSurveyToken(secret: string, surveyId: string, expiresAt: number): string {
  const expires = Math.floor(expiresAt).toString(36);
  return `${surveyId}.${expires}.${mac(secret, surveyId, expires)}`;
}

export function verifySurveyToken(secret: string, token: string, now: number): Result<{ surveyId: string; expiresAt: number }> {
  const parts = token.split('.');
  if (parts.length !== 3) return err('invalid_argument', 'this survey link is not valid');
  const [surveyId, expires, signature] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(surveyId) || !/^[0-9a-z]{1,12}$/.test(expires)) return err('invalid_argument', 'this survey link is not valid');
  if (!safeEqual(signature, mac(secret, surveyId, expires))) return err('invalid_argument', 'this survey link is not valid');
  const expiresAt = parseInt(expires, 36);
  if (expiresAt <= now) return err('conflict', 'this survey link has expired');
  return ok({ surveyId, expiresAt });
}
