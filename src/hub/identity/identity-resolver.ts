import type { Customer, Identity } from '../../shared/domain/customer';
import type { Logger } from '../../shared/log';
import { newId } from '../ids';
import type { HubStore } from '../store/hub-store';
import type { MergeService } from './merge-service';
import { normalizeIdentity } from './normalize';

export interface IdentityClaims {
  /** What the channel itself proves about the sender: the widget visitor, the WeChat openid… */
  primary: Identity;
  /** More the message brought: a signed phone (verified), a typed email (a claim). */
  extra: Identity[];
  name?: string;
}

/**
 * Finds the customer a message belongs to. The primary identity decides when it is known; a
 * verified extra identity that another record has is a strong match and links (merging two
 * existing records, undoably); an unverified one is only a weak match and becomes a suggestion.
 * Runs inside the caller's transaction.
 */
export function createIdentityResolver(
  store: HubStore,
  merges: MergeService,
  log: Logger,
  now: () => number,
) {
  function suggest(customerId: string, candidateId: string, reason: Identity): void {
    if (store.openSuggestionBetween(customerId, candidateId)) return;
    store.insertSuggestion({
      id: newId('sug'),
      customerId,
      candidateId,
      reason: { kind: reason.kind, value: reason.value },
      status: 'open',
      createdAt: now(),
    });
    log.log('info', 'merge suggested', { customer: customerId, candidate: candidateId, kind: reason.kind });
  }

  function resolve(claims: IdentityClaims): { customer: Customer; created: boolean; changed: boolean } {
    const primary = normalizeIdentity(claims.primary) ?? claims.primary;
    const extras = claims.extra
      .map(normalizeIdentity)
      .filter((i): i is Identity => i !== null && !(i.kind === primary.kind && i.value === primary.value));

    let customer = store.customerByIdentity(primary.kind, primary.value);
    let created = false;
    let changed = false;
    const strong: Customer[] = [];
    const weak: Array<{ owner: Customer; identity: Identity }> = [];
    for (const identity of extras) {
      const owner = store.customerByIdentity(identity.kind, identity.value);
      if (!owner || owner.id === customer?.id) continue;
      if (identity.verified) strong.push(owner);
      else weak.push({ owner, identity });
    }

    if (!customer) {
      const first = strong.shift();
      if (first) {
        store.addIdentity(first.id, primary);
        customer = first;
        changed = true;
        log.log('info', 'identity linked by strong match', { customer: first.id, kind: primary.kind });
      } else {
        customer = {
          id: newId('cus'),
          // A phone number or address reads as a name; a visitor id or openid does not, and the desk labels it instead.
          name: claims.name?.trim() || (primary.kind === 'phone' || primary.kind === 'email' ? primary.value.slice(0, 40) : ''),
          tags: [],
          identities: [primary],
          createdAt: now(),
          mergedInto: null,
        };
        store.insertCustomer(customer);
        created = true;
      }
    }

    for (const other of strong) {
      if (other.id === customer.id) continue;
      // The older record survives, so ids already on screens and in tickets stay valid.
      const [target, source]: [Customer, Customer] = other.createdAt <= customer.createdAt ? [other, customer] : [customer, other];
      const merged = merges.merge(target.id, source.id, 'auto');
      if (merged.ok) {
        customer = store.customer(target.id) ?? customer;
        changed = true;
      }
    }

    changed ||= created;
    for (const identity of extras) {
      const owner = store.customerByIdentity(identity.kind, identity.value);
      if (!owner) {
        store.addIdentity(customer.id, identity);
        changed = true;
      } else if (owner.id === customer.id && identity.verified && !owner.identities.some((i) => i.kind === identity.kind && i.value === identity.value && i.verified)) {
        store.addIdentity(customer.id, identity);
        changed = true;
      }
    }
    for (const { owner, identity } of weak) {
      const current = merges.resolve(owner.id);
      if (current && current.id !== customer.id) suggest(customer.id, current.id, identity);
    }

    // The caller publishes the customer after its conversation, so agents who may see it get both.
    return { customer: store.customer(customer.id) ?? customer, created, changed };
  }

  return { resolve };
}
export type IdentityResolver = ReturnType<typeof createIdentityResolver>;
