import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../shared/domain/message';

/** Only web links and inline data may be rendered or downloaded; anything else (javascript:, file:) is dropped. */
function safeUrl(url: string): string | null {
  try {
    const parsed = new URL(url, location.href);
    return ['http:', 'https:', 'blob:', 'data:'].includes(parsed.protocol) ? parsed.toString() : null;
  } catch {
    return null;
  }
}

function formatSize(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value)} ${units[unit]}`;
}

export function AttachmentView({ attachment }: { attachment: Attachment }) {
  const { t, i18n } = useTranslation();
  const url = safeUrl(attachment.url);
  if (!url) return <span className="attachment muted">{attachment.name}</span>;
  if (attachment.mimeType.startsWith('image/')) {
    return (
      <a className="attachment attachment-image" href={url} target="_blank" rel="noreferrer noopener">
        <img src={url} alt={attachment.name} loading="lazy" />
      </a>
    );
  }
  return (
    <a className="attachment attachment-file" href={url} download={attachment.name} rel="noreferrer noopener" data-testid="attachment-file">
      <span aria-hidden="true">📎 </span>
      {t('conversation.download', { name: attachment.name, size: formatSize(attachment.size, i18n.language) })}
    </a>
  );
}
