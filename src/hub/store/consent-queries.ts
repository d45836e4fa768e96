import { consentSchema, type Consent } from '../../shared/domain/consent';
import type { QueryFn } from './sqlite-query';

export interface ConsentQueries {
  /** The first time a visitor agreed to these words on this site is the one kept. */
  recordConsent(visitorId: string, consent: Consent): void;
  /** Consents given by any widget visitor this customer is, oldest first. */
  consentsOfCustomer(customerId: string): Consent[];
}

export function consentQueries(q: QueryFn): ConsentQueries {
  return {
    recordConsent(visitorId, c) {
      q('INSERT INTO consents (visitor_id, site_id, language, text, given_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING').run(
        visitorId, c.siteId, c.language, c.text, c.givenAt,
      );
    },
    consentsOfCustomer(customerId) {
      return q(
        `SELECT c.site_id, c.language, c.text, c.given_at FROM consents c
         JOIN identities i ON i.kind = 'widget_visitor' AND i.value = c.visitor_id
         WHERE i.customer_id = ? ORDER BY c.given_at, c.site_id`,
      )
        .all(customerId)
        .map((r) => consentSchema.parse({ siteId: r.site_id, language: r.language, text: r.text, givenAt: r.given_at }));
    },
  };
}
