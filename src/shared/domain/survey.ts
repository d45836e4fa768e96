import { z } from 'zod';

/** The languages a customer is asked in. */
export const surveyLanguages = ['zh-CN', 'zh-TW', 'en'] as const;
export const surveyLanguageSchema = z.enum(surveyLanguages);
export type SurveyLanguage = z.infer<typeof surveyLanguageSchema>;

/** The channels a survey is asked and answered on. */
export const surveyChannels = ['widget', 'wechat', 'email'] as const;
export const surveyChannelSchema = z.enum(surveyChannels);
export type SurveyChannel = z.infer<typeof surveyChannelSchema>;

/** 1 (very dissatisfied) to 5 (very satisfied). */
export const ratingSchema = z.number().int().min(1).max(5);
export const SURVEY_COMMENT_MAX = 1000;
export const surveyCommentSchema = z.string().trim().max(SURVEY_COMMENT_MAX);

/** A rating at or below this raises a supervisor alert. */
export const LOW_RATING_AT_MOST = 2;

/** A customer's answer, as agents see it on the conversation and in the customer's timeline. */
export const customerRatingSchema = z.object({
  rating: ratingSchema,
  comment: z.string().nullable(),
  ratedAt: z.number(),
  via: surveyChannelSchema,
});
export type CustomerRating = z.infer<typeof customerRatingSchema>;

/** What the widget page and the survey page post: the signed survey token, the rating, an optional comment. */
export const surveyAnswerSchema = z.object({
  token: z.string().min(10).max(400),
  rating: z.coerce.number().pipe(ratingSchema),
  comment: surveyCommentSchema.optional().default(''),
});
export type SurveyAnswer = z.infer<typeof surveyAnswerSchema>;
