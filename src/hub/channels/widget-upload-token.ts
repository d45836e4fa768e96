import { createHmac } from 'node:crypto';
import { safeEqual } from './channel-http';

/** How long a widget page may upload with the token its hello gave it. */
const UPLOAD_TOKEN_TTL_MS = 24 * 3_600_000;

const mac = (secret: string, visitorId: string, until: number): string =>
  createHmac('sha256', secret).update(`widget-upload|${visitorId}|${until}`).digest('hex');

/** Handed to a visitor's socket at hello: uploads for that visitor need it, so nobody uploads in another's name or without a chat. */
export function issueUploadToken(secret: string, visitorId: string, nowMs: number): string {
  const until = Math.floor((nowMs + UPLOAD_TOKEN_TTL_MS) / 1000);
  return `${until}.${mac(secret, visitorId, until)}`;
}

export function validUploadToken(secret: string, visitorId: string, token: unknown, nowMs: number): boolean {
  if (typeof token !== 'string') return false;
  const m = /^(\d{1,12})\.([0-9a-f]{64})$/.exec(token);
  if (!m?.[1] || !m[2]) return false;
  const until = Number(m[1]);
  return until * 1000 > nowMs && safeEqual(mac(secret, visitorId, until), m[2]);
}
