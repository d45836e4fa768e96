import { useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import type { LiveContact, SupervisorAlert } from '../../shared/protocol/supervisor-protocol';
import { AgentTable } from './agent-table';
import { AlertFeed } from './alert-feed';
import { ReportsTab } from './reports/reports-tab';
import { CallControls } from './call-controls';
import { ChatMonitor } from './chat-monitor';
import { ContactsTable } from './contacts-table';
import { QueueCharts } from './queue-charts';
import { QueueTable } from './queue-table';
import { acknowledge, bindSupervisor, connect, openContact, startMonitoring, type SupervisorClient } from './supervisor-actions';
import { useSupervisorT } from './supervisor-i18n';
import { queueLabel } from './locale-format';
import { useSupervisorStore, type SupervisorTab } from './supervisor-store';
import './supervisor.css';
import { customerLabel } from '../lib/customer-label';

const TABS: SupervisorTab[] = ['wallboard', 'monitor', 'reports'];

/** The supervisor console: wallboard (queues, agents, live contacts, charts), alerts, chat and call supervision. */
export function SupervisorConsole({ client }: { client: SupervisorClient }) {
  const st = useSupervisorT();
  const link = useSupervisorStore((s) => s.link);
  const wallboard = useSupervisorStore((s) => s.wallboard);
  const alerts = useSupervisorStore((s) => s.alerts);
  const tab = useSupervisorStore((s) => s.tab);
  const setTab = useSupervisorStore((s) => s.setTab);
  const error = useSupervisorStore((s) => s.error);
  const tabRefs = useRef<Array<HTMLButtonElement | null>>([]);

  useEffect(() => bindSupervisor(client), [client]);

  const agentName = useCallback((id: string | null) => (id ? (wallboard?.agents.find((a) => a.id === id)?.displayName ?? null) : null), [wallboard]);
  const customerName = useCallback(
    (conversationId: string) => {
      const contact = wallboard?.contacts.find((c) => c.conversationId === conversationId);
      return contact ? customerLabel(contact.customerName, contact.customerId, (tag) => st('contacts.visitor', { tag })) : null;
    },
    [wallboard, st],
  );
  const queueName = (id: string) => queueLabel(st, id, wallboard?.queues.find((q) => q.queue === id)?.name);
  const channelOf = (conversationId: string) => wallboard?.contacts.find((c) => c.conversationId === conversationId)?.channel ?? null;
  const openAlert = (a: SupervisorAlert) => a.conversationId && void openContact(client, a.conversationId, channelOf(a.conversationId));
  const open = (c: LiveContact) => void openContact(client, c.conversationId, c.channel);

  // Tabs follow the WAI-ARIA pattern: arrow keys move between them, Tab moves into the panel.
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const next = (index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length;
    setTab(TABS[next]!);
    tabRefs.current[next]?.focus();
  };

  return (
    <div className="supervisor-console" data-testid="supervisor-console">
      <header className="supervisor-header">
        <h2>{st('title')}</h2>
        <span role="status" data-testid="supervisor-link" data-status={link.status}>
          {st(`link.${link.status}`)}
        </span>
        {(link.status === 'disconnected' || link.status === 'refused') && (
          <button type="button" className="secondary" onClick={() => void connect(client)}>
            {link.status === 'refused' ? st('link.retry') : st('link.connect')}
          </button>
        )}
      </header>
      {error && (
        <p role="alert" className="supervisor-error">
          {st(`errors.${error.code}`, { defaultValue: st('errors.generic', { message: error.message }) })}
        </p>
      )}
      <div role="tablist" aria-label={st('tabs.label')}>
        {TABS.map((id, index) => (
          <button
            key={id}
            ref={(el) => {
              tabRefs.current[index] = el;
            }}
            type="button"
            role="tab"
            id={`sv-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`sv-panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
            onKeyDown={(e) => onTabKey(e, index)}
          >
            {st(`tabs.${id}`)}
          </button>
        ))}
      </div>
      <div className="supervisor-body">
        <div role="tabpanel" id={`sv-panel-${tab}`} aria-labelledby={`sv-tab-${tab}`} className="supervisor-panel">
          {tab === 'wallboard' && wallboard && (
            <>
              <QueueCharts queues={wallboard.queues} />
              <QueueTable queues={wallboard.queues} />
              <AgentTable agents={wallboard.agents} onMonitor={(agentId) => void startMonitoring(client, { kind: 'agent', agentId }, 'monitor')} />
              <ContactsTable contacts={wallboard.contacts} queues={wallboard.queues} onOpen={open} />
            </>
          )}
          {tab === 'reports' && <ReportsTab client={client} />}
          {tab === 'monitor' && (
            <>
              <CallControls client={client} agentName={agentName} customerName={customerName} />
              <ChatMonitor client={client} agentName={agentName} />
            </>
          )}
        </div>
        <AlertFeed alerts={alerts} queueName={queueName} customerName={customerName} onOpen={openAlert} onAcknowledge={(id) => void acknowledge(client, id)} />
      </div>
    </div>
  );
}
