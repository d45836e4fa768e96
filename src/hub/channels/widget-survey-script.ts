import type { WidgetLanguage } from './widget-strings';
import { surveyStrings } from '../surveys/survey-strings';

/** JSON inside a <script>: nothing in it may close the element or start a comment. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028|\u2029/g, '');

/** The survey card's own styles, added to the widget page's. */
export const widgetSurveyCss = `
  #survey-form fieldset { border: 0; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 6px; }
  #survey-form legend { font-weight: 600; margin-bottom: 6px; }
  #survey-form .choice { display: flex; align-items: center; gap: 4px; border: 1px solid #9aa5b1; border-radius: 6px; padding: 4px 8px; font-size: 14px; }
  #survey-form .actions { display: flex; gap: 8px; }
`;

/**
 * The satisfaction survey in the widget, as plain browser JavaScript beside the page's own script.
 * When the hub sends `{ type: 'survey', token }` after the chat closed (the page passes frames it does
 * not know on as a `switchboard-frame` event), a card asks for 1–5 and a comment and posts them with
 * the signed token to /survey/answer. Keyboard: the choices are a radio group, the card takes focus.
 */
export function widgetSurveyScript(language: WidgetLanguage): string {
  const s = surveyStrings[language];
  const words = { question: s.question, comment: s.comment, submit: s.submit, skip: s.skip, needRating: s.needRating, thanks: s.thanks, used: s.used, expired: s.expired, failed: s.failed, ratings: [s.rating1, s.rating2, s.rating3, s.rating4, s.rating5] };
  return String.raw`(() => {
  const S = ${scriptJson(words)};
  const el = (tag, props, children) => { const e = document.createElement(tag); Object.assign(e, props || {}); (children || []).forEach((c) => e.appendChild(c)); return e; };
  let shown = null;
  document.addEventListener('switchboard-frame', (event) => {
    const f = event.detail;
    if (!f || f.type !== 'survey' || typeof f.token !== 'string' || shown === f.token) return;
    shown = f.token;
    const old = document.getElementById('survey-form');
    if (old) old.remove();
    const status = el('p', { id: 'survey-status', className: 'error' });
    status.setAttribute('role', 'alert');
    status.dataset.testid = 'survey-status';
    const legend = el('legend', { textContent: S.question });
    const choices = S.ratings.map((label, i) => {
      const input = el('input', { type: 'radio', name: 'survey-rating', value: String(i + 1) });
      input.dataset.testid = 'survey-rating-' + (i + 1);
      return el('label', { className: 'choice' }, [input, document.createTextNode(label)]);
    });
    const comment = el('textarea', { id: 'survey-comment', rows: 2, maxLength: 1000 });
    comment.dataset.testid = 'survey-comment';
    const submit = el('button', { type: 'submit', textContent: S.submit });
    submit.dataset.testid = 'survey-submit';
    const skip = el('button', { type: 'button', className: 'secondary', textContent: S.skip });
    const form = el('form', { id: 'survey-form', className: 'card', noValidate: true }, [
      el('fieldset', {}, [legend, ...choices]),
      el('label', { className: 'field', htmlFor: 'survey-comment', textContent: S.comment }),
      comment,
      status,
      el('div', { className: 'actions' }, [submit, skip]),
    ]);
    form.dataset.testid = 'widget-survey';
    form.setAttribute('aria-label', S.question);
    const chatForm = document.getElementById('chat-form');
    chatForm.parentNode.insertBefore(form, chatForm);
    if (document.hasFocus()) choices[0].querySelector('input').focus();
    const done = (text) => {
      const thanks = el('p', { textContent: text });
      thanks.setAttribute('role', 'status');
      thanks.dataset.testid = 'survey-done';
      form.replaceChildren(thanks);
    };
    skip.addEventListener('click', () => { form.remove(); document.getElementById('text').focus(); });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const picked = form.querySelector('input[name="survey-rating"]:checked');
      if (!picked) { status.textContent = S.needRating; choices[0].querySelector('input').focus(); return; }
      submit.disabled = true;
      status.textContent = '';
      fetch('/survey/answer', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: f.token, rating: Number(picked.value), comment: comment.value }) })
        .then((r) => r.json().catch(() => ({})).then((body) => ({ status: r.status, body })))
        .then(({ status: code, body }) => {
          if (code === 200) return done(S.thanks);
          const message = (body && body.error && body.error.message) || '';
          if (code === 409) return done(/expired/.test(message) ? S.expired : S.used);
          submit.disabled = false;
          status.textContent = S.failed;
        })
        .catch(() => { submit.disabled = false; status.textContent = S.failed; });
    });
  });
})();`;
}
