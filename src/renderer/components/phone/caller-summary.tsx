import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhoneCall } from '../../../shared/contracts/phone-contract';
import { customerLabel } from '../../lib/customer-label';
import { useAppStore } from '../../store/app-store';
import { findCallConversation } from '../../store/call-conversation';
import { loadCustomer360 } from '../../store/customer-actions';

/**
 * Who is calling, before the agent answers: the customer of the call's conversation (named by
 * Kamailio in the INVITE), a VIP tag, and one line on their last contact. A caller ID proves
 * nothing, so an unverified caller whose number matches a known customer is shown as a likely
 * match, not as that customer: that customer's name, VIP tag (marked unverified) and last contact.
 */
export function CallerSummary({ call }: { call: Pick<PhoneCall, 'sipCallId' | 'conversationId'> }) {
  const { t, i18n } = useTranslation();
  const conversation = useAppStore((s) => findCallConversation(call, Object.values(s.conversations)));
  const customerId = conversation?.customerId;
  const customer = useAppStore((s) => (customerId ? s.customers[customerId] : undefined));
  const profile = useAppStore((s) => (customerId ? s.profiles[customerId] : undefined));
  const view = profile?.status === 'ready' ? profile.value : null;
  const likely = conversation?.unverified ? view?.mergeSuggestions.find((m) => m.reason.kind === 'phone') : undefined;
  const subjectId = likely?.candidateId ?? customerId;
  const subject = useAppStore((s) => (subjectId ? s.profiles[subjectId] : undefined));

  useEffect(() => {
    if (customerId && !profile) void loadCustomer360(customerId);
  }, [customerId, profile]);
  useEffect(() => {
    if (subjectId && subjectId !== customerId && !subject) void loadCustomer360(subjectId);
  }, [subjectId, customerId, subject]);

  if (!conversation || !customerId) return null;
  const subjectView = subject?.status === 'ready' ? subject.value : null;
  const name = customerLabel(customer?.name ?? view?.customer.name, customerId, (tag) => t('customer.visitor', { tag }));
  // Where the agent may not read the likely customer's record, the hub still tells the screen pop
  // whether they are a VIP and one line on their last contact.
  const vip = subjectView ? subjectView.customer.tags.includes('VIP') : (likely?.candidateVip ?? false);
  const seen = subjectView?.contacts
    .filter((c) => c.conversationId !== conversation.id && c.summary.trim().length > 0)
    .sort((a, b) => b.startedAt - a.startedAt)[0];
  const last = seen ?? (likely && !subjectView ? (likely.candidateLastContact ?? undefined) : undefined);
  const day = (at: number): string => new Date(at).toLocaleDateString(i18n.language, { dateStyle: 'medium' });

  return (
    <div className="caller-summary" data-testid="caller-summary">
      <span className="caller-name" data-testid="caller-name">
        {name}
      </span>
      {vip && (
        // A VIP tag that comes with an unproven caller ID is the known customer's, claimed by the number.
        <span className={likely ? 'tag vip unverified' : 'tag vip'} data-testid="caller-vip" data-unverified={likely ? 'true' : undefined}>
          {likely ? t('phone.caller_vip_unverified') : t('customer.vip')}
        </span>
      )}
      {likely && (
        <span className="caller-likely" data-testid="caller-likely">
          {t('phone.caller_likely', { name: subjectView?.customer.name || likely.candidateName || likely.reason.value })}
        </span>
      )}
      {last && (
        <p className="caller-last-contact" data-testid="caller-last-contact">
          {t('phone.caller_last_contact', { date: day(last.startedAt), summary: last.summary })}
        </p>
      )}
    </div>
  );
}
