import type { Identity, IdentityKind } from '../../shared/domain/customer';

/**
 * One spelling per identity, so "138 0013 8000", "+86 13800138000" and "13800138000" are the
 * same phone and "Zhang@Example.com" the same email.
 */
export function normalizeIdentityValue(kind: IdentityKind, value: string): string | null {
  const trimmed = value.trim();
  switch (kind) {
    case 'phone': {
      const digits = trimmed.replace(/[\s()-]/g, '');
      if (/^1[3-9]\d{9}$/.test(digits)) return `+86${digits}`;
      if (/^(?:\+|00)\d{7,15}$/.test(digits)) return `+${digits.replace(/^(\+|00)/, '')}`;
      if (/^\d{5,15}$/.test(digits)) return digits;
      return null;
    }
    case 'email': {
      const lower = trimmed.toLowerCase();
      return /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/.test(lower) ? lower : null;
    }
    case 'wechat_openid':
    case 'platform_user':
    case 'widget_visitor':
      return trimmed.length > 0 && trimmed.length <= 200 ? trimmed : null;
  }
}

export function normalizeIdentity(identity: Identity): Identity | null {
  const value = normalizeIdentityValue(identity.kind, identity.value);
  return value ? { ...identity, value } : null;
}

const PHONE_IN_TEXT = /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g;
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,}/g;

/** Phones and emails a customer typed: claims, never proof. */
export function identitiesClaimedInText(text: string): Identity[] {
  const found: Identity[] = [];
  for (const m of text.matchAll(PHONE_IN_TEXT)) {
    const value = normalizeIdentityValue('phone', m[0].replace(/^\+?86[\s-]?/, ''));
    if (value) found.push({ kind: 'phone', value, verified: false });
  }
  for (const m of text.matchAll(EMAIL_IN_TEXT)) {
    const value = normalizeIdentityValue('email', m[0]);
    if (value) found.push({ kind: 'email', value, verified: false });
  }
  return found;
}
