import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/app-store';

/** Told once a supervisor takes the chat over: the composer gives way to the read-only note. */
export function TakenOverNotice({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const name = useAppStore((s) => s.takenOver[conversationId]);
  if (name === undefined) return null;
  return (
    <p className="supervision-notice muted" role="status" data-testid="taken-over">
      {t('supervisionNotice.taken_over', { name })}
    </p>
  );
}
