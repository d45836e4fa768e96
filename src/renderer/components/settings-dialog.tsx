import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ensureNotificationPermission } from '../lib/desktop-notification';
import { playAlertTone } from '../lib/alert-tone';
import { themes, type Prefs } from '../lib/prefs';
import { updatePrefs } from '../store/agent-actions';
import { useAppStore } from '../store/app-store';
import { ModalDialog } from './common/modal-dialog';
import { LanguageSwitcher } from './language-switcher';
import { setConfirmDialLinks } from '../shell/shell-actions';
import { useShellStore } from '../shell/shell-store';

/** Devices the browser reports; labels stay empty until the page has had microphone permission once. */
function useAudioDevices(): { inputs: MediaDeviceInfo[]; outputs: MediaDeviceInfo[] } {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  useEffect(() => {
    const media = navigator.mediaDevices as MediaDevices | undefined;
    if (!media?.enumerateDevices) return;
    const refresh = () => void media.enumerateDevices().then(setDevices, () => setDevices([]));
    refresh();
    media.addEventListener('devicechange', refresh);
    return () => media.removeEventListener('devicechange', refresh);
  }, []);
  return {
    inputs: devices.filter((d) => d.kind === 'audioinput' && d.deviceId !== 'default'),
    outputs: devices.filter((d) => d.kind === 'audiooutput' && d.deviceId !== 'default'),
  };
}

function DeviceSelect({ label, value, devices, field }: { label: string; value: string; devices: MediaDeviceInfo[]; field: keyof Prefs }) {
  const { t } = useTranslation();
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => updatePrefs({ [field]: e.target.value })} data-testid={`device-${field}`}>
        <option value="">{t('settings.system_default')}</option>
        {devices.map((d, i) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || t('settings.device_n', { n: i + 1 })}
          </option>
        ))}
      </select>
    </label>
  );
}

export function SettingsDialog() {
  const { t } = useTranslation();
  const open = useAppStore((s) => s.overlay === 'settings');
  const setOverlay = useAppStore((s) => s.setOverlay);
  const prefs = useAppStore((s) => s.prefs);
  const { inputs, outputs } = useAudioDevices();
  // Desktop-only: tel:/sip: links reach the Electron app, never the browser shell.
  const shellSettings = useShellStore((s) => (s.present ? s.settings : null));
  if (!open) return null;
  return (
    <ModalDialog title={t('settings.title')} onClose={() => setOverlay('none')} testId="settings">
      <div className="dialog-form">
        <LanguageSwitcher testId="settings-language" labelShown />
        <fieldset>
          <legend>{t('settings.theme')}</legend>
          {themes.map((theme) => (
            <label key={theme} className="radio">
              <input type="radio" name="theme" value={theme} checked={prefs.theme === theme} onChange={() => updatePrefs({ theme })} />
              {t(`settings.theme_${theme}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('settings.audio')}</legend>
          <DeviceSelect label={t('settings.microphone')} value={prefs.microphoneId} devices={inputs} field="microphoneId" />
          <DeviceSelect label={t('settings.speaker')} value={prefs.speakerId} devices={outputs} field="speakerId" />
          <DeviceSelect label={t('settings.ringer')} value={prefs.ringerId} devices={outputs} field="ringerId" />
        </fieldset>
        <fieldset>
          <legend>{t('phone.settings.title')}</legend>
          <label>
            {t('phone.settings.adapter')}
            <select value={prefs.sipAdapter} onChange={(e) => updatePrefs({ sipAdapter: e.target.value === 'jssip' ? 'jssip' : 'sipjs' })} data-testid="settings-sip-adapter">
              <option value="sipjs">{t('phone.settings.adapter_sipjs')}</option>
              <option value="jssip">{t('phone.settings.adapter_jssip')}</option>
            </select>
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={prefs.autoAnswer} onChange={(e) => updatePrefs({ autoAnswer: e.target.checked })} data-testid="settings-auto-answer" />
            {t('phone.settings.auto_answer')}
          </label>
          {shellSettings && (
            <label className="checkbox">
              <input
                type="checkbox"
                checked={shellSettings.confirmDialLinks}
                onChange={(e) => void setConfirmDialLinks(e.target.checked)}
                data-testid="settings-confirm-dial-links"
              />
              {t('dialPrompt.setting')}
            </label>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('settings.alerts')}</legend>
          <label className="checkbox">
            <input type="checkbox" checked={prefs.sounds} onChange={(e) => updatePrefs({ sounds: e.target.checked })} data-testid="settings-sounds" />
            {t('settings.sounds')}
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={prefs.notifications}
              onChange={(e) => {
                updatePrefs({ notifications: e.target.checked });
                // Asked from this click: browsers only honour permission prompts from a user gesture.
                if (e.target.checked) void ensureNotificationPermission();
              }}
            />
            {t('settings.notifications')}
          </label>
          <button type="button" className="secondary" onClick={() => void playAlertTone(prefs.ringerId)}>
            {t('settings.test_sound')}
          </button>
        </fieldset>
      </div>
    </ModalDialog>
  );
}
