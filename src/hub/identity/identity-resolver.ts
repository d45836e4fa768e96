import type { Customer, Identity } from '../../shared/domain/customer';
import type { Logger } from '../../shared/log';
import { redactText } from '../../shared/redact';
import { newId } from '../ids';
import type { HubStore, Peer } from '../store/hub-store';
import type { MergeService } from './merge-service';
import { normalizeIdentity } from './normalize';

export interface IdentityClaims {
  /**
   * Who the message is from as the channel names them. Verified when the channel proves it (the widget visitor,
   * the WeChat openid, the platform user); unverified when it only says so (an email From, a caller id).
   */
  primary: Identity;
  /** More the message brought: a signed phone (verified), a typed email or a consignee phone (claims). */
  extra: Identity[];
  name?: string;
}

export interface Resolved {
  customer: Customer;
  created: boolean;
  changed: boolean;
  /** The sender is not proven: the message must not join a conversation another channel started. */
  unverified: boolean;
  /** The primary identity as stored (normalised): the message's peer. */
  peer: Peer;
}

/**
 * Finds the customer a message belongs to. Only proof decides: a verified primary identity finds its owner, and
 * a verified extra identity that another record holds verified is a strong match that links (merging two existing
 * records, undoably). A claim never decides anything: it is kept as a claim, and where it meets another customer's
 * identity or claim it becomes a merge suggestion for an agent. An unproven sender finds only the record that
 * was made for that same sender before. Runs inside the caller's transaction.
 */
export function createIdentityResolver(store: HubStore, merges: MergeService, log: Logger, now: () => number) {
  function suggest(customerId: string, candidateId: string, reason: Peer): void {
    const candidate = merges.resolve(candidateId);
    if (!candidate || candidate.id === customerId || store.openSuggestionBetween(customerId, candidate.id)) return;
    store.insertSuggestion({
      id: newId('sug'),
      customerId,
      candidateId: candidate.id,
      reason: { kind: reason.kind, value: reason.value },
      status: 'open',
      createdAt: now(),
    });
    log.log('info', 'merge suggested', { customer: customerId, candidate: candidate.id, kind: reason.kind });
  }

  /** Everyone else who holds this identity, verified or as a claim: each meets the customer as a suggestion. */
  function suggestOthers(customer: Customer, identity: Peer): void {
    const owner = store.customerByIdentity(identity.kind, identity.value);
    if (owner && owner.id !== customer.id) suggest(customer.id, owner.id, identity);
    for (const claim of store.claimsOn(identity.kind, identity.value)) {
      if (claim.customerId !== customer.id) suggest(customer.id, claim.customerId, identity);
    }
  }

  function create(claims: IdentityClaims, primary: Identity): Customer {
    const customer: Customer = {
      id: newId('cus'),
      // A phone number or address reads as a name; a visitor id or openid does not, and the desk labels it instead.
      name: redactText(claims.name?.trim() || (primary.kind === 'phone' || primary.kind === 'email' ? primary.value.slice(0, 40) : '')),
      tags: [],
      identities: primary.verified ? [primary] : [],
      createdAt: now(),
      mergedInto: null,
    };
    store.insertCustomer(customer);
    if (!primary.verified) store.addClaim(customer.id, primary, 'sender', customer.createdAt);
    return customer;
  }

  /** A proven sender: their record, or the record a proven extra identity names, or a new one. */
  function resolveVerified(claims: IdentityClaims, primary: Identity, proven: Identity[]): { customer: Customer; created: boolean; changed: boolean } {
    let customer = store.customerByIdentity(primary.kind, primary.value);
    let changed = false;
    const strong: Customer[] = [];
    for (const identity of proven) {
      const owner = store.customerByIdentity(identity.kind, identity.value);
      const current = owner ? merges.resolve(owner.id) : null;
      if (current && current.id !== customer?.id && !strong.some((s) => s.id === current.id)) strong.push(current);
    }
    let created = false;
    if (!customer) {
      const first = strong.shift();
      if (first) {
        store.addIdentity(first.id, primary);
        customer = first;
        changed = true;
        log.log('info', 'identity linked by strong match', { customer: first.id, kind: primary.kind });
      } else {
        customer = create(claims, primary);
        created = true;
        suggestOthers(customer, primary);
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
    for (const identity of proven) {
      if (store.customerByIdentity(identity.kind, identity.value)) continue;
      store.addIdentity(customer.id, identity);
      changed = true;
      // Claims others made on it meet the proven owner: an agent decides whether they are the same person.
      suggestOthers(customer, identity);
    }
    return { customer, created, changed };
  }

  /** An unproven sender: the record made for this same sender before, else a new record of their own. */
  function resolveUnverified(claims: IdentityClaims, primary: Identity): { customer: Customer; created: boolean } {
    for (const claim of store.claimsOn(primary.kind, primary.value)) {
      if (claim.source !== 'sender') continue;
      const customer = merges.resolve(claim.customerId);
      if (customer) return { customer, created: false };
    }
    const customer = create(claims, primary);
    suggestOthers(customer, primary);
    return { customer, created: true };
  }

  function resolve(claims: IdentityClaims): Resolved {
    const primary = normalizeIdentity(claims.primary) ?? claims.primary;
    const extras = claims.extra
      .map(normalizeIdentity)
      .filter((i): i is Identity => i !== null && !(i.kind === primary.kind && i.value === primary.value));
    // What an unproven sender says about themselves proves nothing either.
    const proven = primary.verified ? extras.filter((i) => i.verified) : [];
    const claimed = extras.filter((i) => !proven.includes(i));

    const outcome = primary.verified ? resolveVerified(claims, primary, proven) : { ...resolveUnverified(claims, primary), changed: false };
    const { customer } = outcome;
    let changed = outcome.changed || outcome.created;
    const holds = (i: Identity): boolean => store.customer(customer.id)?.identities.some((own) => own.kind === i.kind && own.value === i.value) ?? false;
    for (const identity of claimed) {
      if (holds(identity)) continue;
      store.addClaim(customer.id, identity, 'claim', now());
      changed = true;
      suggestOthers(customer, identity);
    }
    // The caller publishes the customer after its conversation, so agents who may see it get both.
    return {
      customer: store.customer(customer.id) ?? customer,
      created: outcome.created,
      changed,
      unverified: !primary.verified,
      peer: { kind: primary.kind, value: primary.value },
    };
  }

  return { resolve };
}
export type IdentityResolver = ReturnType<typeof createIdentityResolver>;
