import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_MESSAGE_ATTACHMENTS } from '../../../shared/domain/draft';
import type { Attachment } from '../../../shared/domain/message';
import { ATTACHMENT_MAX_BYTES, attachmentMimeTypes } from '../../../shared/protocol/hub-api';
import type { AppError } from '../../../shared/result';
import { fileProblem, pastedName, uploadFile } from '../../lib/upload-file';

interface Upload {
  id: number;
  name: string;
  share: number;
}

export type AttachProblem = { kind: 'type' | 'size' | 'empty' | 'count' | 'offline'; name: string } | { kind: 'failed'; name: string; error: AppError };

/**
 * Files on their way with a reply: uploaded to the hub as soon as they are chosen, pasted or
 * dropped (so sending is instant), listed with progress, removable before sending.
 */
export function useComposerAttachments(initial: Attachment[], changed: (attachments: Attachment[]) => void, online: boolean) {
  const [attachments, setAttachments] = useState(initial);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [problem, setProblem] = useState<AttachProblem | null>(null);
  const nextId = useRef(0);
  const current = useRef(attachments);
  current.current = attachments;

  const replace = (next: Attachment[]) => {
    setAttachments(next);
    changed(next);
  };

  const addFiles = (files: File[], pasted: boolean) => {
    // Files go to the hub as they are chosen: with no hub there is nowhere to put them yet.
    if (!online) return setProblem({ kind: 'offline', name: files[0]?.name ?? '' });
    setProblem(null);
    for (const file of files) {
      const name = pasted ? pastedName(file, new Date()) : file.name;
      const why = fileProblem(file);
      if (why) return setProblem({ kind: why, name });
      if (current.current.length + uploads.length >= MAX_MESSAGE_ATTACHMENTS) return setProblem({ kind: 'count', name });
      const id = nextId.current++;
      setUploads((u) => [...u, { id, name, share: 0 }]);
      void uploadFile(file, name, (share) => setUploads((u) => u.map((x) => (x.id === id ? { ...x, share } : x)))).then((result) => {
        setUploads((u) => u.filter((x) => x.id !== id));
        if (result.ok) replace([...current.current, result.value]);
        else setProblem({ kind: 'failed', name, error: result.error });
      });
    }
  };

  return {
    attachments,
    uploading: uploads.length > 0,
    uploads,
    problem,
    addFiles,
    remove: (id: string) => replace(current.current.filter((a) => a.id !== id)),
    reset: (next: Attachment[]) => {
      setProblem(null);
      setAttachments(next);
    },
  };
}

export function AttachButton({ online, onFiles }: { online: boolean; onFiles(files: File[]): void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept={attachmentMimeTypes.join(',')}
        onChange={(e) => {
          onFiles([...(e.target.files ?? [])]);
          e.target.value = '';
        }}
        data-testid="attach-input"
      />
      <button
        type="button"
        className="secondary"
        aria-disabled={!online}
        aria-describedby={online ? undefined : 'attach-offline'}
        onClick={() => (online ? input.current?.click() : onFiles([]))}
        data-testid="attach"
      >
        {t('composer.attach')}
      </button>
      {!online && (
        <span id="attach-offline" className="muted composer-hint" data-testid="attach-offline">
          {t('composer.attach_offline')}
        </span>
      )}
    </>
  );
}

export function AttachmentChips({
  attachments,
  uploads,
  problem,
  onRemove,
}: {
  attachments: Attachment[];
  uploads: Upload[];
  problem: AttachProblem | null;
  onRemove(id: string): void;
}) {
  const { t } = useTranslation();
  const limitMb = ATTACHMENT_MAX_BYTES / 1024 / 1024;
  return (
    <>
      {(attachments.length > 0 || uploads.length > 0) && (
        <ul className="composer-files" aria-label={t('composer.files')} data-testid="composer-files">
          {attachments.map((a) => (
            <li key={a.id} data-testid="composer-file">
              <span className="name">{a.name}</span>
              <button type="button" className="link" onClick={() => onRemove(a.id)} aria-label={t('composer.remove_file', { name: a.name })}>
                ×
              </button>
            </li>
          ))}
          {uploads.map((u) => (
            <li key={`u${u.id}`} className="uploading" data-testid="composer-upload">
              <span className="name">{u.name}</span>
              <progress max={1} value={u.share} aria-label={t('composer.uploading', { name: u.name })} />
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <p role="alert" className="error composer-problem" data-testid="attach-problem">
          {problem.kind === 'failed'
            ? t('composer.attach_failed', { name: problem.name, reason: t(`error.${problem.error.code}`, { message: problem.error.message }) })
            : t(`composer.attach_${problem.kind}`, { name: problem.name, limit: limitMb, max: MAX_MESSAGE_ATTACHMENTS })}
        </p>
      )}
    </>
  );
}
