import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/app';
import { initI18n } from './i18n/i18n';
import { applyTheme } from './lib/prefs';
import { bindHostEvents, refreshFromHost } from './store/actions';
import { useAppStore } from './store/app-store';
import { bindPhone } from './store/phone-actions';
import { shellPhone } from './shell/shell-phone';
import { startShellBridge } from './shell/start-shell-bridge';

applyTheme(useAppStore.getState().prefs.theme);
await initI18n(useAppStore.getState().language);
bindHostEvents();
bindPhone();
// Under Electron: tray, notifications, global shortcuts and tel: links; under the web host it stays off.
void startShellBridge({ phone: shellPhone });
void refreshFromHost();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
