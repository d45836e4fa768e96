import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { createComplianceChecker, type ComplianceFinding } from '../../../shared/nlp/compliance/compliance-check';

/** The shipped lists: the hub checks its configured ones again on send and tells supervisors. */
export const composerCompliance = createComplianceChecker();

/** Shown in place of sending: what is wrong with the reply; sending anyway stays possible (and is recorded by the hub). */
export function ComplianceWarning({ findings, onSendAnyway, onEdit }: { findings: ComplianceFinding[]; onSendAnyway(): void; onEdit(): void }) {
  const { t } = useTranslation();
  const editRef = useRef<HTMLButtonElement>(null);
  // Focus lands on "edit", the safe choice: an Enter pressed out of habit does not send.
  useEffect(() => editRef.current?.focus(), []);
  const phrases = findings.flatMap((f) => (f.kind === 'forbidden-phrase' ? [f.phrase] : []));
  const number = findings.some((f) => f.kind === 'sensitive-number');
  return (
    <div className="compliance-warning" role="alert" data-testid="compliance-warning">
      <p>{t('compliance.title')}</p>
      <ul>
        {phrases.length > 0 && <li>{t('compliance.phrases', { phrases: phrases.join(t('compliance.separator')) })}</li>}
        {number && <li>{t('compliance.number')}</li>}
      </ul>
      <p className="muted">{t('compliance.recorded')}</p>
      <div className="compliance-actions">
        <button type="button" ref={editRef} onClick={onEdit} data-testid="compliance-edit">
          {t('compliance.edit')}
        </button>
        <button type="button" className="secondary" onClick={onSendAnyway} data-testid="compliance-send-anyway">
          {t('compliance.send_anyway')}
        </button>
      </div>
    </div>
  );
}
