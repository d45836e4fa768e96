import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rpc } from '../rpc/connect';
import { logout } from '../store/actions';
import { useAppStore } from '../store/app-store';
import { AfterCallWorkBar } from './agent/after-call-work';
import { AgentStateSelector } from './agent/agent-state-selector';
import { ConnectionBadge } from './connection-badge';
import { ConversationView } from './conversation/conversation-view';
import { CustomerPanel } from './customer/customer-panel';
import { ErrorBar } from './error-bar';
import { InboxList } from './inbox/inbox-list';
import { LanguageSwitcher } from './language-switcher';
import { useOfferShortcuts } from './offer-toasts';
import { PhoneDock } from './phone/phone-dock';
import { PhoneStatus } from './phone/phone-status';
import { OfflineBanner } from './offline/offline-banner';
import { OfflineSearch } from './offline/offline-search';
import { SettingsDialog } from './settings-dialog';

/** The console and its charts (echarts) load the first time a supervisor opens it: agents never pay for them. */
const SupervisorConsole = lazy(() => import('../supervisor').then((m) => ({ default: m.SupervisorConsole })));
import { ShortcutSheet, useGlobalShortcuts } from './shortcut-sheet';
import { SkipLinks } from './skip-links';
import { PhoneWindowBanner } from './shell/phone-window-banner';
import { UpdateIndicator } from './shell/update-indicator';

export function AppShell() {
  const { t } = useTranslation();
  const agent = useAppStore((s) => s.agent);
  const setOverlay = useAppStore((s) => s.setOverlay);
  const [view, setView] = useState<'inbox' | 'supervisor'>('inbox');
  const canSupervise = agent?.role === 'supervisor' || agent?.role === 'admin';
  useGlobalShortcuts();
  useOfferShortcuts();
  return (
    <div className="shell">
      <SkipLinks />
      <header className="topbar">
        <h1>{t('app.name')}</h1>
        <ConnectionBadge />
        <UpdateIndicator />
        <PhoneStatus />
        <OfflineSearch />
        <span className="agent" data-testid="agent-name" data-state={agent?.state}>
          {agent?.displayName} · {agent ? t(`state.${agent.state}`) : ''}
        </span>
        <AgentStateSelector />
        <LanguageSwitcher />
        <button className="secondary" onClick={() => setOverlay('shortcuts')} aria-keyshortcuts="?" data-testid="open-shortcuts">
          {t('shortcuts.button')}
        </button>
        <button className="secondary" onClick={() => setOverlay('settings')} data-testid="open-settings">
          {t('settings.open')}
        </button>
        {canSupervise && (
          <button
            className="secondary"
            aria-pressed={view === 'supervisor'}
            data-testid="open-supervisor"
            onClick={() => setView(view === 'inbox' ? 'supervisor' : 'inbox')}
          >
            {view === 'supervisor' ? t('shell.inbox') : t('shell.supervisor')}
          </button>
        )}
        <button className="secondary" onClick={() => void logout()}>
          {t('shell.logout')}
        </button>
      </header>
      <AfterCallWorkBar />
      <ErrorBar />
      <PhoneWindowBanner />
      <PhoneDock />
      <OfflineBanner />
      {view === 'supervisor' && canSupervise ? (
        <Suspense
          fallback={
            <main className="panes" role="status">
              {t('common.loading')}
            </main>
          }
        >
          <SupervisorConsole client={rpc.supervisor} />
        </Suspense>
      ) : (
        <main className="panes">
          <InboxList />
          <ConversationView />
          <CustomerPanel />
        </main>
      )}
      <ShortcutSheet />
      <SettingsDialog />
    </div>
  );
}
