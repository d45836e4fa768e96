import { useTranslation } from 'react-i18next';
import type { CallQuality } from '../../../shared/domain/call';
import { mainProblem } from '../../phone/quality/e-model';

/** good / fair / poor, with what to do about it in plain words when it is not good. */
export function QualityBadge({ quality }: { quality: CallQuality | null }) {
  const { t } = useTranslation();
  if (!quality) return null;
  const problem = mainProblem(quality);
  return (
    <p className={`quality quality-${quality.grade}`} role="status" data-testid="call-quality" data-grade={quality.grade}>
      <span className="quality-grade">{t(`phone.quality.${quality.grade}`)}</span>
      {problem && <span className="quality-hint"> — {t(`phone.quality_hint.${problem}`)}</span>}
    </p>
  );
}
