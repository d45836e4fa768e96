import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbArticleSummary } from '../../../shared/contracts/knowledge-contract';
import type { KbArticle, KbLocale } from '../../../shared/domain/kb-article';
import type { AppError } from '../../../shared/result';
import { rpc } from '../../rpc/connect';
import { useAppStore } from '../../store/app-store';
import { KbArticleForm } from './kb-article-form';
import './kb-admin.css';

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; article: KbArticle };

/** Admins manage the knowledge base here: every article, retired ones included, and one open in the editor. */
export function KbAdmin() {
  const { t, i18n } = useTranslation();
  const language = useAppStore((s) => s.language);
  const [articles, setArticles] = useState<KbArticleSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [showRetired, setShowRetired] = useState(false);
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [saved, setSaved] = useState<string | null>(null);

  const load = useCallback(async () => {
    const listed = await rpc.knowledge.adminList({});
    if (listed.ok) {
      setArticles(listed.value.articles);
      setLoadError(null);
    } else setLoadError(listed.error.code === 'permission_denied' ? t('kb.error_permission') : t('kb.error_offline'));
  }, [t]);
  useEffect(() => void load(), [load]);

  const open = async (id: string) => {
    setSaved(null);
    const found = await rpc.knowledge.article({ id });
    if (found.ok) setEditing({ kind: 'edit', article: found.value });
    else setLoadError(t('kb.error_offline'));
  };

  const save = async (input: Parameters<typeof rpc.knowledge.create>[0]['article']): Promise<AppError | null> => {
    const result = editing.kind === 'edit' ? await rpc.knowledge.edit({ id: editing.article.id, version: editing.article.version, article: input }) : await rpc.knowledge.create({ article: input });
    if (!result.ok) return result.error;
    setEditing({ kind: 'edit', article: result.value });
    setSaved(t('kb.saved', { title: result.value.title }));
    await load();
    return null;
  };

  const retire = async (): Promise<AppError | null> => {
    if (editing.kind !== 'edit') return null;
    const result = await rpc.knowledge.retire({ id: editing.article.id });
    if (!result.ok) return result.error;
    setEditing({ kind: 'none' });
    setSaved(t('kb.retired', { title: result.value.title }));
    await load();
    return null;
  };

  const shown = (articles ?? []).filter((a) => showRetired || a.retiredAt === null);
  const defaultLocale: KbLocale = language;
  return (
    <main className="panes kb-admin" aria-labelledby="kb-admin-title" data-testid="kb-admin">
      <section className="kb-list">
        <div className="kb-list-head">
          <h2 id="kb-admin-title">{t('kb.admin_title')}</h2>
          <button
            type="button"
            onClick={() => {
              setSaved(null);
              setEditing({ kind: 'new' });
            }}
            data-testid="kb-new"
          >
            {t('kb.new')}
          </button>
        </div>
        <label className="kb-retired-toggle">
          <input type="checkbox" checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} data-testid="kb-show-retired" />
          {t('kb.show_retired')}
        </label>
        <p role="status" className="muted">
          {saved ?? ''}
        </p>
        {loadError && (
          <p role="alert" className="field-error">
            {loadError}{' '}
            <button type="button" className="secondary" onClick={() => void load()}>
              {t('kb.reload')}
            </button>
          </p>
        )}
        {articles === null && !loadError && <p className="muted">{t('common.loading')}</p>}
        {articles !== null && shown.length === 0 && <p className="muted">{t('kb.empty')}</p>}
        {shown.length > 0 && (
          <ul className="kb-articles" aria-label={t('kb.articles')}>
            {shown.map((a) => (
              <li key={a.id} data-testid="kb-article" data-retired={a.retiredAt !== null}>
                <button type="button" className="kb-article" aria-current={editing.kind === 'edit' && editing.article.id === a.id} onClick={() => void open(a.id)}>
                  <strong>{a.title}</strong>
                  <span className="muted">
                    {t(`kb.locale_${a.locale.replace('-', '_')}`)}
                    {a.tags.length > 0 && ` · ${a.tags.join(', ')}`}
                    {' · '}
                    {a.retiredAt !== null ? t('kb.state_retired') : t('kb.state_in_force')}
                    {' · '}
                    {new Date(a.updatedAt).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="kb-editor" aria-label={t('kb.editor')}>
        {editing.kind === 'none' ? (
          <p className="muted">{t('kb.pick')}</p>
        ) : (
          <KbArticleForm
            key={editing.kind === 'edit' ? `${editing.article.id}:${editing.article.version}` : 'new'}
            article={editing.kind === 'edit' ? editing.article : null}
            defaultLocale={defaultLocale}
            onSave={save}
            onRetire={retire}
            onCancel={() => setEditing({ kind: 'none' })}
          />
        )}
      </section>
    </main>
  );
}
