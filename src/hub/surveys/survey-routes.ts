import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { ratingSchema, surveyAnswerSchema, surveyCommentSchema, type SurveyLanguage } from '../../shared/domain/survey';
import { describeZodError, type AppError } from '../../shared/result';
import { sendError } from '../channels/channel-http';
import type { Budget } from '../http/limits';
import { surveyFormPage, surveyMessagePage } from './survey-page';
import type { SurveyService } from './survey-service';
import { surveyStrings } from './survey-strings';

const tokenParam = z.object({ token: z.string().min(10).max(400) });
const formSchema = z.object({ rating: z.coerce.number().pipe(ratingSchema), comment: surveyCommentSchema.optional().default('') });
const FORM_LIMIT = 16 * 1024;

/** The word for a refused link, in the customer's language. */
function refusal(language: SurveyLanguage, error: AppError): string {
  const s = surveyStrings[language];
  if (/already/.test(error.message)) return s.used;
  if (/expired/.test(error.message)) return s.expired;
  return s.invalid;
}

/**
 * The customer's side of a survey: GET /survey/:token (the email link's page), POST /survey/:token
 * (its form), POST /survey/answer (JSON, from the widget). Anyone can reach these, so each address
 * has a budget, and the signed single-use link is the only key.
 */
export async function registerSurveyRoutes(app: FastifyInstance, deps: { surveys: SurveyService; limiter: Budget; defaultLanguage: SurveyLanguage }): Promise<void> {
  const { surveys } = deps;
  const html = (reply: FastifyReply, status: number, body: string) =>
    reply.status(status).header('cache-control', 'no-store').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'").type('text/html; charset=utf-8').send(body);

  await app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    scope.post('/survey/answer', async (req, reply) => {
      if (!(await deps.limiter.take(`survey:${req.ip}`))) return sendError(reply, 'rate_limited', 'too many requests, slow down');
      const parsed = surveyAnswerSchema.safeParse(req.body);
      if (!parsed.success) return sendError(reply, 'invalid_argument', describeZodError(parsed.error));
      const done = surveys.answer(parsed.data.token, parsed.data.rating, parsed.data.comment, 'widget');
      if (!done.ok) return sendError(reply, done.error.code, done.error.message);
      return { ok: true, rating: parsed.data.rating };
    });

    scope.get('/survey/:token', async (req, reply) => {
      if (!(await deps.limiter.take(`survey:${req.ip}`))) return sendError(reply, 'rate_limited', 'too many requests, slow down');
      const params = tokenParam.safeParse(req.params);
      const found = params.success ? surveys.open(params.data.token) : null;
      if (!params.success || !found) return html(reply, 400, surveyMessagePage(deps.defaultLanguage, surveyStrings[deps.defaultLanguage].invalid));
      // An expired link says so (in the hub's default language: the survey it named is not read).
      if (!found.ok) return html(reply, 400, surveyMessagePage(deps.defaultLanguage, refusal(deps.defaultLanguage, found.error)));
      const { language, ratedAt } = found.value;
      if (ratedAt !== null) return html(reply, 409, surveyMessagePage(language, surveyStrings[language].used));
      return html(reply, 200, surveyFormPage(language, `/survey/${encodeURIComponent(params.data.token)}`));
    });

    scope.post('/survey/:token', async (req, reply) => {
      if (!(await deps.limiter.take(`survey:${req.ip}`))) return sendError(reply, 'rate_limited', 'too many requests, slow down');
      const params = tokenParam.safeParse(req.params);
      const found = params.success ? surveys.open(params.data.token) : null;
      if (!params.success || !found?.ok) return html(reply, 400, surveyMessagePage(deps.defaultLanguage, surveyStrings[deps.defaultLanguage].invalid));
      const { language } = found.value;
      const form = formSchema.safeParse(req.body ?? {});
      if (!form.success) return html(reply, 400, surveyFormPage(language, `/survey/${encodeURIComponent(params.data.token)}`, surveyStrings[language].needRating));
      const done = surveys.answer(params.data.token, form.data.rating, form.data.comment, 'email');
      if (!done.ok) return html(reply, 409, surveyMessagePage(language, refusal(language, done.error)));
      return html(reply, 200, surveyMessagePage(language, surveyStrings[language].thanks));
    });
  });
}
