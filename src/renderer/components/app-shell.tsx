import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rpc } from '../rpc/connect';
import { useAppStore } from '../store/app-store';
import { AfterCallWorkBar } from './agent/after-call-work';
import { ConversationView } from './conversation/conversation-view';
import { CustomerPanel } from './customer/customer-panel';
import { ErrorBar } from './error-bar';
import { InboxList } from './inbox/inbox-list';
import { useOfferShortcuts } from './offer-toasts';
import { PhoneDock } from './phone/phone-dock';
import { OfflineBanner } from './offline/offline-banner';
import { SettingsDialog } from './settings-dialog';

/** The console and its charts (echarts) load the first time a supervisor opens it: agents never pay for them. */
const SupervisorConsole = lazy(() => import('../supervisor').then((m) => ({ default: m.SupervisorConsole })));
import { ShortcutSheet, useGlobalShortcuts } from './shortcut-sheet';
import { SkipLinks } from './skip-links';
import { PhoneWindowBanner } from './shell/phone-window-banner';
import { DialPromptDialog } from './shell/dial-prompt-dialog';
import { TopBar, type ShellView } from './shell/top-bar';
import { KbAdmin } from './knowledge/kb-admin';

export function AppShell() {
  const { t } = useTranslation();
  const agent = useAppStore((s) => s.agent);
  const [view, setView] = useState<ShellView>('inbox');
  const canSupervise = agent?.role === 'supervisor' || agent?.role === 'admin';
  // The hub lets admins alone write the knowledge base (src/hub/knowledge/kb-routes.ts).
  const canManageKb = agent?.role === 'admin';
  useGlobalShortcuts();
  useOfferShortcuts();
  return (
    <div className="shell">
      <SkipLinks />
      <TopBar
        view={view}
        canSupervise={canSupervise}
        canManageKb={canManageKb}
        onToggleView={() => setView(view === 'supervisor' ? 'inbox' : 'supervisor')}
        onToggleKb={() => setView(view === 'knowledge' ? 'inbox' : 'knowledge')}
      />
      <AfterCallWorkBar />
      <ErrorBar />
      <PhoneWindowBanner />
      <PhoneDock />
      <OfflineBanner />
      {view === 'knowledge' && canManageKb ? (
        <KbAdmin />
      ) : view === 'supervisor' && canSupervise ? (
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
      <DialPromptDialog />
    </div>
  );
}
