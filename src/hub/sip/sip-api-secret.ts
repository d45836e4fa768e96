import { createHmac } from 'node:crypto';

/**
 * The secret Kamailio and the hub put in X-Switchboard-Sip-Secret on the routing API. It is NOT the
 * auth_ephemeral key: whoever sees the header (it crosses the network on every call) must not be able to
 * mint SIP credentials. SIP_API_SECRET sets it; by default it is derived one way from SIP_SECRET, so one
 * configured value still gives two secrets (src/host/telephony/sip-api-secret.ts derives it the same way).
 */
export function sipApiSecret(sip: { secret: string; apiSecret?: string | undefined }): string {
  return sip.apiSecret ?? createHmac('sha256', sip.secret).update('switchboard sip api v1').digest('base64url');
}
