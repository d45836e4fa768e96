import { describe, expect, it } from 'vitest';
import type { WorkspaceMessage } from '../../shared/contracts/workspace-contract';
import { foldMeta } from './inbox-slice';

const message = (authorKind: WorkspaceMessage['authorKind'], createdAt: number, text: string): WorkspaceMessage => ({
  id: `m${createdAt}`, conversationId: 'c1', channel: 'widget', direction: authorKind === 'customer' ? 'in' : 'out', authorKind,
  authorId: null, text, attachments: [], internal: false, key: null, createdAt, delivery: 'sent',
});
const fold = (messages: WorkspaceMessage[]) => messages.reduce(foldMeta, { awaitingSince: null, lastCustomerText: null });

describe('what a conversation is owed', () => {
  it('counts from the customer’s first unanswered message; the bot’s answers do not count as the desk’s', () => {
    expect(fold([message('customer', 1, 'where is my order'), message('bot', 2, 'On its way'), message('customer', 3, '转人工')])).toEqual({ awaitingSince: 1, lastCustomerText: '转人工' });
    expect(fold([message('customer', 1, 'where is my order'), message('bot', 2, 'On its way'), message('agent', 4, 'Hello, I am Alice')])).toEqual({ awaitingSince: null, lastCustomerText: 'where is my order' });
  });
});
