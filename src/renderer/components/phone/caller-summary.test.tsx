import i18next, { type i18n } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Customer360View } from '../../../shared/contracts/customer-360';
import type { Conversation } from '../../../shared/domain/conversation';
import type { Customer } from '../../../shared/domain/customer';
import en from '../../i18n/locales/en.json';
import zhCN from '../../i18n/locales/zh-CN.json';
import type { AppStore } from '../../store/app-store';
import { CallerSummary } from './caller-summary';

// Loading a profile goes through the app's RPC client, which needs a browser; a static render never runs effects.
vi.mock('../../store/customer-actions', () => ({ loadCustomer360: vi.fn(async () => {}) }));

/** The app store needs a browser; the component reads only these slices, from the state each test sets. */
let state: Pick<AppStore, 'conversations' | 'customers' | 'profiles'> = { conversations: {}, customers: {}, profiles: {} };
vi.mock('../../store/app-store', () => ({ useAppStore: <T,>(select: (s: typeof state) => T): T => select(state) }));
const setState = (next: typeof state): void => {
  state = next;
};

let i18n: i18n;
beforeAll(async () => {
  i18n = i18next.createInstance();
  await i18n.init({ resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } }, lng: 'en', fallbackLng: 'en' });
});

const customer = (id: string, name: string, tags: string[] = []): Customer => ({ id, name, tags, identities: [], createdAt: 1, mergedInto: null }) as Customer;
const conversation = (id: string, customerId: string, patch: Partial<Conversation> = {}): Conversation => ({
  id, customerId, channel: 'voice', status: 'offered', queue: 'voice', assigneeId: null, priority: 0, tags: [], createdAt: 1, updatedAt: 1, lastMessageAt: null, preview: '', ...patch,
});
const view = (who: Customer, patch: Partial<Customer360View> = {}): Customer360View => ({ customer: who, orders: [], tickets: [], contacts: [], mergeSuggestions: [], merges: [], summary: null, ...patch });
const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

async function render(language: string): Promise<string> {
  await i18n.changeLanguage(language);
  return text(renderToStaticMarkup(<I18nextProvider i18n={i18n}><CallerSummary call={{ sipCallId: 'sip-1', conversationId: 'conv_call' }} /></I18nextProvider>));
}

describe('the caller on a ringing call', () => {
  it('is the conversation\'s customer, with the VIP tag and one line on the last contact', async () => {
    const zhang = customer('cus_zhang', '张伟', ['VIP']);
    const earlier = { conversationId: 'conv_old', channels: ['widget' as const], status: 'closed', startedAt: Date.UTC(2026, 0, 5), summary: 'Asked where the earphones are', sentiment: null, disposition: 'resolved' };
    setState({
      conversations: { conv_call: conversation('conv_call', 'cus_zhang') },
      customers: { cus_zhang: zhang },
      profiles: { cus_zhang: { status: 'ready', value: view(zhang, { contacts: [earlier] }) } },
    });
    const shown = await render('en');
    expect(shown).toContain('张伟');
    expect(shown).toContain('VIP');
    expect(shown).toContain('Last contact Jan 5, 2026: Asked where the earphones are');
    expect(shown).not.toContain('not verified');
  });

  it('names a known customer whose number an unverified caller uses as a likely match only', async () => {
    const caller = customer('cus_new', '+8613800138000');
    const zhang = customer('cus_zhang', '张伟', ['VIP']);
    setState({
      conversations: { conv_call: conversation('conv_call', 'cus_new', { unverified: true }) },
      customers: { cus_new: caller },
      profiles: {
        cus_new: { status: 'ready', value: view(caller, { mergeSuggestions: [{ id: 'ms_1', candidateId: 'cus_zhang', candidateName: '张伟', reason: { kind: 'phone', value: '+8613800138000' } }] }) },
        cus_zhang: { status: 'ready', value: view(zhang) },
      },
    });
    expect(await render('en')).toBe('+8613800138000 VIP (unverified) Number matches 张伟 (not verified)');
    expect(await render('zh-CN')).toBe('+8613800138000 VIP（未验证） 号码与 张伟 相符（未验证）');
  });

  it('shows the likely customer\'s name, VIP tag (unverified) and last contact even where the agent may not read their record', async () => {
    const caller = customer('cus_new', '+8613800138000');
    const suggestion = {
      id: 'ms_1',
      candidateId: 'cus_zhang',
      candidateName: '张伟',
      reason: { kind: 'phone' as const, value: '+8613800138000' },
      candidateVip: true,
      candidateLastContact: { startedAt: Date.UTC(2026, 0, 5), summary: 'Asked where the earphones are' },
    };
    setState({
      conversations: { conv_call: conversation('conv_call', 'cus_new', { unverified: true }) },
      customers: { cus_new: caller },
      profiles: {
        cus_new: { status: 'ready', value: view(caller, { mergeSuggestions: [suggestion] }) },
        // The hub refuses this agent the known customer's 360.
        cus_zhang: { status: 'failed', error: { code: 'not_found', message: 'no such customer' } },
      },
    });
    expect(await render('en')).toBe('+8613800138000 VIP (unverified) Number matches 张伟 (not verified) Last contact Jan 5, 2026: Asked where the earphones are');
    const html = renderToStaticMarkup(<I18nextProvider i18n={i18n}><CallerSummary call={{ sipCallId: 'sip-1', conversationId: 'conv_call' }} /></I18nextProvider>);
    expect(html).toContain('data-unverified="true"');
  });

  it('shows no VIP tag for a likely customer who is not one', async () => {
    const caller = customer('cus_new', '+8613800138000');
    const suggestion = { id: 'ms_1', candidateId: 'cus_li', candidateName: '李娜', reason: { kind: 'phone' as const, value: '+8613800138000' }, candidateVip: false, candidateLastContact: null };
    setState({
      conversations: { conv_call: conversation('conv_call', 'cus_new', { unverified: true }) },
      customers: { cus_new: caller },
      profiles: { cus_new: { status: 'ready', value: view(caller, { mergeSuggestions: [suggestion] }) }, cus_li: { status: 'failed', error: { code: 'not_found', message: 'no such customer' } } },
    });
    expect(await render('en')).toBe('+8613800138000 Number matches 李娜 (not verified)');
  });

  it('shows nothing until the call\'s conversation is known', async () => {
    setState({ conversations: {}, customers: {}, profiles: {} });
    expect(await render('en')).toBe('');
  });
});
