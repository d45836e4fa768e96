import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/result';
import { kbArticleInputSchema, kbLocales, type KbArticle, type KbArticleInput, type KbLocale } from '../../../shared/domain/kb-article';
import { KbMarkdown } from './kb-markdown';

type Field = 'title' | 'body' | 'tags';

interface KbArticleFormProps {
  /** The article being edited, or null for a new one. */
  article: KbArticle | null;
  defaultLocale: KbLocale;
  onSave(input: KbArticleInput): Promise<AppError | null>;
  onRetire(): Promise<AppError | null>;
  onCancel(): void;
}

const splitTags = (text: string): string[] =>
  text
    .split(/[,，、]/)
    .map((t) => t.trim())
    .filter(Boolean);

/** The title, Markdown body (with a safe preview), tags and locale of one article; nothing typed is lost to an error. */
export function KbArticleForm({ article, defaultLocale, onSave, onRetire, onCancel }: KbArticleFormProps) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(article?.title ?? '');
  const [body, setBody] = useState(article?.body ?? '');
  const [tags, setTags] = useState(article?.tags.join(', ') ?? '');
  const [locale, setLocale] = useState<KbLocale>(article?.locale ?? defaultLocale);
  const [invalid, setInvalid] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const refs = { title: useRef<HTMLInputElement>(null), body: useRef<HTMLTextAreaElement>(null), tags: useRef<HTMLInputElement>(null) };
  const retired = article?.retiredAt != null;

  const explain = (error: AppError): string => {
    switch (error.code) {
      case 'conflict':
        return t('kb.error_conflict');
      case 'permission_denied':
        return t('kb.error_permission');
      case 'unavailable':
      case 'unauthenticated':
      case 'timeout':
        return t('kb.error_offline');
      case 'invalid_argument':
        return t('kb.error_invalid', { detail: error.message });
      default:
        return t('kb.error_unknown', { detail: error.message });
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const parsed = kbArticleInputSchema.safeParse({ title, body, tags: splitTags(tags), locale });
    if (!parsed.success) {
      const fields: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (field === 'title' || field === 'body' || field === 'tags') fields[field] ??= t(`kb.error_${field}`);
      }
      setInvalid(fields);
      const first = (['title', 'body', 'tags'] as const).find((f) => fields[f]);
      if (first) refs[first].current?.focus();
      return;
    }
    setInvalid({});
    setBusy(true);
    const error = await onSave(parsed.data);
    setBusy(false);
    if (error) setProblem(explain(error));
  };

  const retire = async () => {
    setBusy(true);
    const error = await onRetire();
    setBusy(false);
    setConfirming(false);
    if (error) setProblem(explain(error));
  };

  const describedBy = (field: Field, hint?: string) => [invalid[field] ? `kb-${field}-error` : null, hint ?? null].filter(Boolean).join(' ') || undefined;

  return (
    <form className="kb-form" onSubmit={(e) => void submit(e)} aria-labelledby="kb-form-title" noValidate data-testid="kb-form">
      <h3 id="kb-form-title">{article ? t('kb.edit_title') : t('kb.new_title')}</h3>
      {retired && <p className="muted">{t('kb.retired_note')}</p>}
      <label htmlFor="kb-title">{t('kb.field_title')}</label>
      <input id="kb-title" ref={refs.title} value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={!!invalid.title} aria-describedby={describedBy('title')} disabled={retired} data-testid="kb-title" />
      {invalid.title && <p id="kb-title-error" className="field-error">{invalid.title}</p>}
      <label htmlFor="kb-locale">{t('kb.locale')}</label>
      <select id="kb-locale" value={locale} onChange={(e) => setLocale(e.target.value as KbLocale)} disabled={retired} data-testid="kb-locale">
        {kbLocales.map((l) => (
          <option key={l} value={l}>
            {t(`kb.locale_${l.replace('-', '_')}`)}
          </option>
        ))}
      </select>
      <label htmlFor="kb-tags">{t('kb.field_tags')}</label>
      <input id="kb-tags" ref={refs.tags} value={tags} onChange={(e) => setTags(e.target.value)} aria-invalid={!!invalid.tags} aria-describedby={describedBy('tags', 'kb-tags-hint')} disabled={retired} data-testid="kb-tags" />
      <p id="kb-tags-hint" className="muted hint">{t('kb.tags_hint')}</p>
      {invalid.tags && <p id="kb-tags-error" className="field-error">{invalid.tags}</p>}
      <label htmlFor="kb-body">{t('kb.field_body')}</label>
      <textarea id="kb-body" ref={refs.body} rows={10} value={body} onChange={(e) => setBody(e.target.value)} aria-invalid={!!invalid.body} aria-describedby={describedBy('body', 'kb-body-hint')} disabled={retired} data-testid="kb-body" />
      <p id="kb-body-hint" className="muted hint">{t('kb.body_hint')}</p>
      {invalid.body && <p id="kb-body-error" className="field-error">{invalid.body}</p>}
      <section className="kb-preview" aria-labelledby="kb-preview-title">
        <h4 id="kb-preview-title">{t('kb.preview')}</h4>
        <KbMarkdown source={body} />
      </section>
      {problem && (
        <p className="field-error" role="alert" data-testid="kb-error">
          {problem}
        </p>
      )}
      {confirming ? (
        <div className="kb-actions" role="group" aria-label={t('kb.retire_confirm')}>
          <span>{t('kb.retire_confirm')}</span>
          <button type="button" className="danger" onClick={() => void retire()} disabled={busy} data-testid="kb-retire-confirm" autoFocus>
            {t('kb.retire')}
          </button>
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            {t('kb.keep')}
          </button>
        </div>
      ) : (
        <div className="kb-actions">
          {!retired && (
            <button type="submit" disabled={busy} data-testid="kb-save">
              {t('kb.save')}
            </button>
          )}
          {article && !retired && (
            <button type="button" className="secondary" onClick={() => setConfirming(true)} disabled={busy} data-testid="kb-retire">
              {t('kb.retire')}
            </button>
          )}
          <button type="button" className="secondary" onClick={onCancel}>
            {t('kb.close')}
          </button>
        </div>
      )}
    </form>
  );
}
