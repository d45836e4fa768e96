import { createHmac } from 'node:crypto';
import type { Identity } from '../../shared/domain/customer';
import { safeEqual } from './channel-http';
import type { WidgetHello } from './widget-protocol';

/**
 * What the embedding website signs for a visitor it has signed in: the visitor id it gave the widget, the phone and
 * email it vouches for, and an expiry (unix seconds). Bound to the visitor id, a signature copied from one page
 * does not verify anyone else; bound to the expiry, a leaked one soon stops working.
 */
export function widgetIdentityPayload(who: { visitorId: string; phone?: string; email?: string; expires: number }): string {
  return `v1|${who.visitorId}|${who.phone ?? ''}|${who.email ?? ''}|${who.expires}`;
}

/** Whether the hello carries a current signature of the embedding site over its visitor id, phone and email. */
export function widgetSignatureValid(hello: WidgetHello, secret: string | undefined, nowMs: number): boolean {
  if (!secret || !hello.identitySignature || !hello.identityExpires || hello.identityExpires * 1000 <= nowMs) return false;
  const payload = widgetIdentityPayload({ visitorId: hello.visitorId, phone: hello.phone, email: hello.email, expires: hello.identityExpires });
  return safeEqual(createHmac('sha256', secret).update(payload).digest('hex'), hello.identitySignature);
}

/** Phone and email a visitor gave: verified when the embedding site signed them for this visitor and the signature is current. */
export function widgetIdentities(hello: WidgetHello, secret: string | undefined, nowMs: number): Identity[] {
  const verified = Boolean(hello.phone || hello.email) && widgetSignatureValid(hello, secret, nowMs);
  const out: Identity[] = [];
  if (hello.phone) out.push({ kind: 'phone', value: hello.phone, verified });
  if (hello.email) out.push({ kind: 'email', value: hello.email, verified });
  return out;
}
