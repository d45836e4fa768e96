import i18next from 'i18next';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { phoneContract } from '../../../shared/contracts/phone-contract';
import { createLogger } from '../../../shared/log';
import { createRpcServer } from '../../../shared/rpc/rpc-server';
import { detectLanguage, initI18n } from '../../i18n/i18n';
import { applyTheme, loadPrefs, PREFS_KEY } from '../../lib/prefs';
import { rpc } from '../../rpc/connect';
import { JsSipEngine } from '../jssip-engine';
import { PHONE_CHANNEL_NAME, type LinkChannel } from '../link/link-messages';
import { servePhoneLink } from '../link/phone-link-server';
import { SipJsEngine } from '../sipjs-engine';
import { openMicrophone } from '../service/open-microphone';
import { phoneRpc } from '../service/phone-rpc';
import { PhoneService } from '../service/phone-service';
import { wireSupervision, wireVoiceAgitation } from './phone-call-hooks';
import { wirePbxSupervision } from './pbx-supervision-hook';
import { PhoneStatusView } from './phone-status-view';

/**
 * The phone page: the SIP engine and nothing of the agent's UI, so reloading the UI never drops a
 * call. UI pages reach it over a BroadcastChannel with the phone contract.
 */
const LANGUAGE_KEY = 'switchboard.language';
const log = createLogger('phone', (line) => console.info(line));

applyTheme(loadPrefs().theme);
await initI18n(detectLanguage(localStorage.getItem(LANGUAGE_KEY), navigator.language));

const service = new PhoneService({
  host: { session: rpc.session, reportCallQuality: (input) => rpc.workspace.reportCallQuality(input) },
  createEngine: (adapter) => (adapter === 'jssip' ? new JsSipEngine() : new SipJsEngine()),
  prefs: () => loadPrefs(),
  openMicrophone,
  log,
});
const unwireVoice = wireVoiceAgitation(service, rpc, log);
const unwireSupervision = wireSupervision(service, rpc, log);
const unwirePbx = wirePbxSupervision(service, rpc, log);
const server = createRpcServer(log);
const emit = server.register(phoneContract, phoneRpc(service));
service.onState((state) => emit('state', state));
// In the browser this page is the pop-up the UI opened at sign-in. On a hub without telephony it has
// nothing to do: once the UI has had its state (it then shows "No phone on this server"), it closes.
const NO_TELEPHONY_CLOSE_MS = 3_000;
let closing = false;
service.onState((state) => {
  if (closing || state.link !== 'no_telephony' || !window.opener || window.switchboard) return;
  closing = true;
  setTimeout(() => {
    closing = false;
    if (service.snapshot().link === 'no_telephony') window.close();
  }, NO_TELEPHONY_CLOSE_MS);
});
const link = servePhoneLink(new BroadcastChannel(PHONE_CHANNEL_NAME) as LinkChannel, server);

// The UI writes prefs and the language to localStorage; the phone follows without a reload.
window.addEventListener('storage', (event) => {
  if (event.key === PREFS_KEY) {
    const prefs = loadPrefs();
    applyTheme(prefs.theme);
    service.applyPrefs(prefs);
  } else if (event.key === LANGUAGE_KEY) {
    const language = detectLanguage(event.newValue, navigator.language);
    void i18next.changeLanguage(language);
    document.documentElement.lang = language;
  }
});
window.addEventListener('pagehide', () => {
  link.close();
  unwireVoice();
  unwireSupervision();
  unwirePbx();
  void service.stop();
});

document.title = i18next.t('phone_page.title');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PhoneStatusView service={service} />
  </StrictMode>,
);
await service.start();
