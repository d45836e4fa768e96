import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../shared/domain/message';
import { useAttachmentSource } from '../../lib/attachment-source';

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

/** A file in a message: images shown inline, other files offered for download; both read from the hub through the host. */
export function AttachmentView({ attachment }: { attachment: Attachment }) {
  const { t, i18n } = useTranslation();
  const source = useAttachmentSource(attachment.url);
  if (source.status === 'failed') {
    return (
      <span className="attachment muted" data-testid="attachment-unavailable">
        {t('conversation.attachment_unavailable', { name: attachment.name })}
      </span>
    );
  }
  if (source.status === 'loading') {
    return (
      <span className="attachment muted" role="status" data-testid="attachment-loading">
        {t('conversation.attachment_loading', { name: attachment.name })}
      </span>
    );
  }
  if (attachment.mimeType.startsWith('image/')) {
    return (
      <a className="attachment attachment-image" href={source.src} target="_blank" rel="noreferrer noopener">
        <img src={source.src} alt={attachment.name} loading="lazy" data-testid="attachment-image" />
      </a>
    );
  }
  return (
    <a className="attachment attachment-file" href={source.src} download={attachment.name} rel="noreferrer noopener" data-testid="attachment-file">
      <span aria-hidden="true">📎 </span>
      {t('conversation.download', { name: attachment.name, size: formatSize(attachment.size, i18n.language) })}
    </a>
  );
}
