import type { SurveyLanguage } from '../../shared/domain/survey';
import { surveyStrings } from './survey-strings';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function shell(language: SurveyLanguage, body: string): string {
  const s = surveyStrings[language];
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(s.pageTitle)}</title>
<style>
  body { font-family: system-ui, "Noto Sans CJK SC", "Noto Sans CJK TC", sans-serif; margin: 0; background: #f5f6f8; color: #1f2933; font-size: 16px; }
  main { max-width: 520px; margin: 32px auto; padding: 20px; background: #fff; border: 1px solid #e5e7eb; border-radius: 12px; }
  h1 { font-size: 20px; margin: 0 0 12px; }
  fieldset { border: 0; padding: 0; margin: 0 0 16px; display: flex; flex-direction: column; gap: 8px; }
  legend { font-weight: 600; margin-bottom: 8px; }
  label { display: flex; gap: 8px; align-items: center; }
  textarea { font: inherit; width: 100%; box-sizing: border-box; padding: 8px; border: 1px solid #9aa5b1; border-radius: 6px; }
  button { font: inherit; margin-top: 12px; padding: 8px 16px; background: #1d4ed8; color: #fff; border: 1px solid #1d4ed8; border-radius: 6px; cursor: pointer; }
  :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
  .error { color: #b91c1c; }
</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

/** The page an email's survey link opens: five choices and a comment, posted as a plain form (works without script). */
export function surveyFormPage(language: SurveyLanguage, action: string, error: string | null = null): string {
  const s = surveyStrings[language];
  const choices = ([1, 2, 3, 4, 5] as const)
    .map((n) => `<label><input type="radio" name="rating" value="${n}" required data-testid="survey-rating-${n}">${escapeHtml(s[`rating${n}`])}</label>`)
    .join('\n');
  return shell(
    language,
    `<h1>${escapeHtml(s.pageTitle)}</h1>
<form method="post" action="${escapeHtml(action)}" data-testid="survey-form">
  <fieldset><legend>${escapeHtml(s.question)}</legend>
${choices}
  </fieldset>
  <label for="comment" style="display:block">${escapeHtml(s.comment)}</label>
  <textarea id="comment" name="comment" rows="4" maxlength="1000" data-testid="survey-comment"></textarea>
  ${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
  <button type="submit" data-testid="survey-submit">${escapeHtml(s.submit)}</button>
</form>`,
  );
}

/** A one-line answer page: thanks, already answered, expired or not valid. */
export function surveyMessagePage(language: SurveyLanguage, text: string): string {
  return shell(language, `<h1>${escapeHtml(surveyStrings[language].pageTitle)}</h1><p role="status" data-testid="survey-message">${escapeHtml(text)}</p>`);
}
