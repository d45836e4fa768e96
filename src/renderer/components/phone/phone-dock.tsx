import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/app-store';
import { CallCard } from './call-card';
import { Dialpad } from './dialpad';
import { IncomingCalls } from './incoming-calls';

/** The phone's working area under the top bar: the dialpad when open and a card per call. */
export function PhoneDock() {
  const { t } = useTranslation();
  const calls = useAppStore(useShallow((s) => s.phoneCalls.filter((c) => c.state === 'active' || c.state === 'dialing')));
  const dialpadOpen = useAppStore((s) => s.dialpadOpen);
  return (
    <>
      {(calls.length > 0 || dialpadOpen) && (
        <section className="phone-dock" aria-label={t('phone.region')} data-testid="phone-dock">
          {calls.map((call) => (
            <CallCard key={call.id} call={call} others={calls} />
          ))}
          <Dialpad />
        </section>
      )}
      <IncomingCalls />
    </>
  );
}
