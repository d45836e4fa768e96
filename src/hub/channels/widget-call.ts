/**
 * "Call us" from the widget: a visitor who has said hello gets SIP credentials for one call to a
 * queue number, through the same Kamailio the agents' phones use. The SIP user names the
 * visitor's customer (`web-<customer id>`): only the hub can mint credentials for it (Kamailio
 * checks them against the shared secret and the From), so the call is filed under that
 * customer without any state kept here, on whichever hub Kamailio asks. The credentials live two
 * minutes (enough to place the call), and Kamailio lets a `web-` user call queue numbers only.
 */
import type { Customer } from '../../shared/domain/customer';
import { issueSipCredentials, type SipCredentials } from '../sip/sip-credentials';

/** How the SIP users of website visitors begin; sip/kamailio.cfg holds the same prefix. */
export const VISITOR_SIP_PREFIX = 'web-';
/** Long enough to place the call; a copied credential is soon useless. */
export const VISITOR_CALL_TTL_SECONDS = 120;

/** The customer a visitor's SIP user names, or null for any other SIP user. */
export function customerIdOfVisitorCaller(sipUser: string): string | null {
  return sipUser.startsWith(VISITOR_SIP_PREFIX) && sipUser.length > VISITOR_SIP_PREFIX.length ? sipUser.slice(VISITOR_SIP_PREFIX.length) : null;
}

export interface VisitorCallTicket extends SipCredentials {
  /** The queue number to dial. */
  number: string;
  /** Shown on the agent's ringing phone: the customer's name, when they gave one. */
  displayName?: string;
}

export interface WidgetCallDeps {
  sip: { secret: string; domain: string; wsUrl: string } | undefined;
  /** The number of the queue the site's "Call us" reaches, or null when it has none. */
  queueNumber(siteId: string): string | null;
  now?: () => number;
}

export interface WidgetCalls {
  /** Whether this site's visitors can call now: telephony configured and a queue with a number. */
  available(siteId: string): boolean;
  /** Credentials for one call from this customer's browser; null when calls are not available. */
  issue(customer: Customer, siteId: string): VisitorCallTicket | null;
}

export function createWidgetCalls(deps: WidgetCallDeps): WidgetCalls {
  const now = deps.now ?? Date.now;
  return {
    available: (siteId) => deps.sip !== undefined && deps.queueNumber(siteId) !== null,
    issue(customer, siteId) {
      const number = deps.queueNumber(siteId);
      if (!deps.sip || !number) return null;
      const credentials = issueSipCredentials({
        sipUser: `${VISITOR_SIP_PREFIX}${customer.id}`,
        secret: deps.sip.secret,
        ttlSeconds: VISITOR_CALL_TTL_SECONDS,
        domain: deps.sip.domain,
        wsUrl: deps.sip.wsUrl,
        nowMs: now(),
      });
      return { ...credentials, number, ...(customer.name ? { displayName: customer.name } : {}) };
    },
  };
}
