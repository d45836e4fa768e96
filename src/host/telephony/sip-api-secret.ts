import { createHmac } from 'node:crypto';

/** Kamailio's routing-API secret, derived from the auth_ephemeral key as the hub does (src/hub/sip/sip-api-secret.ts). */
export function derivedSipApiSecret(secret: string): string {
  return createHmac('sha256', secret).update('switchboard sip api v1').digest('base64url');
}
