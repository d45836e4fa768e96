import type { Conversation } from '../../shared/domain/conversation';
import { LOW_RATING_AT_MOST, type SurveyChannel, type SurveyLanguage } from '../../shared/domain/survey';
import type { Logger } from '../../shared/log';
import { sentimentLabelOf } from '../../shared/nlp/sentiment/sentiment-bands';
import { redactText } from '../../shared/redact';
import { err, ok, type Result } from '../../shared/result';
import type { Lifecycle } from '../conversations/lifecycle';
import { newId } from '../ids';
import { customerSentiment } from '../insights/conversation-summaries';
import type { HubStore } from '../store/hub-store';
import type { SurveyRecord } from '../store/survey-queries';
import { parseRatingReply } from './rating-reply';
import { surveyLanguageOf } from './survey-language';
import { fill, surveyStrings } from './survey-strings';
import { signSurveyToken, verifySurveyToken } from './survey-token';

/** A rating at or below the threshold, for the supervisors' alert feed. */
export interface LowRating {
  conversationId: string;
  queue: string;
  agentId: string | null;
  rating: number;
  at: number;
}

/** A survey message to a customer outside the widget: a WeChat text or a mail. */
export interface SurveyMessage {
  surveyId: string;
  via: 'wechat' | 'email';
  /** The openid or the address. */
  to: string;
  subject: string;
  text: string;
}

export interface SurveySenders {
  /** Shows the survey in the visitor's open widget tabs; false when none is open. */
  widget(visitorId: string, token: string): boolean;
  /**
   * Queues a WeChat text or a mail as a delivery job (tried again until it goes through, its state kept against
   * the survey); false when the hub has no such channel configured.
   */
  queue(message: SurveyMessage): boolean;
}

export interface SurveyServiceDeps {
  store: HubStore;
  lifecycle: Lifecycle;
  /** An internal note on the conversation, so its agents see the rating where they worked. */
  note(conversationId: string, text: string): void;
  senders: SurveySenders;
  /** Signs the survey links (a key is derived from it for this use only). */
  secret: string;
  /** Where customers open the hub's survey page, e.g. https://support.example.com (no trailing slash). */
  publicUrl: () => string;
  linkTtlMs: number;
  /** Off: nobody is asked (the customer's mood is still kept for the reports). */
  enabled: boolean;
  defaultLanguage: SurveyLanguage;
  lowRating(alert: LowRating): void;
  log: Logger;
  now?: () => number;
}

export type AnswerOutcome = { survey: SurveyRecord };

export interface SurveyService {
  /** The survey behind a link, if the link is good (signed, not expired). */
  open(token: string): Result<SurveyRecord>;
  /** Records a rating given through a signed link (the widget or the survey page). */
  answer(token: string, rating: number, comment: string, via: SurveyChannel): Result<SurveyRecord>;
  /** A WeChat customer's message: true when it answered their open survey (and must not open a conversation). */
  wechatReply(openId: string, text: string): boolean;
  token(survey: SurveyRecord): string;
  /** A widget visitor came back: their open survey, if any, is shown again. */
  visitorReturned(visitorId: string): void;
}

/**
 * After service, the customer is asked how it went: when the lifecycle closes a conversation an agent
 * handled, a survey is stored and asked on the channel the customer last wrote on (the widget's open
 * tabs, a WeChat text answered with a digit, or a mail with a signed single-use link), in the language
 * they wrote in. Every closed conversation also keeps the customer's mood for the reports.
 */
export function createSurveyService(deps: SurveyServiceDeps): SurveyService {
  const { store, log } = deps;
  const now = deps.now ?? Date.now;
  const token = (s: SurveyRecord): string => signSurveyToken(deps.secret, s.id, s.expiresAt);
  const warn = (what: string) => (cause: unknown) => log.log('warn', what, { detail: cause instanceof Error ? cause.message : String(cause) });

  /** Where the customer can be asked: the channel they last wrote on, else an email address of theirs. */
  function reach(c: Conversation): { via: SurveyChannel; to: string } | null {
    for (const via of [c.lastInboundChannel, c.channel]) {
      if (via === 'widget' || via === 'wechat' || via === 'email') {
        const peer = store.lastInboundPeer(c.id, via);
        if (peer) return { via, to: peer.value };
      }
    }
    const email = store.customer(c.customerId)?.identities.find((i) => i.kind === 'email' && i.verified);
    return email ? { via: 'email', to: email.value } : null;
  }

  function ask(survey: SurveyRecord, to: string): void {
    const words = surveyStrings[survey.language];
    const queue = (message: Omit<SurveyMessage, 'surveyId' | 'to'>) => {
      if (!deps.senders.queue({ surveyId: survey.id, to, ...message })) log.log('info', 'survey not sent: the channel is not configured', { survey: survey.id, via: message.via });
    };
    switch (survey.askedVia) {
      case 'widget':
        if (!deps.senders.widget(to, token(survey))) log.log('info', 'survey waits for the visitor to come back', { survey: survey.id });
        return;
      case 'wechat':
        queue({ via: 'wechat', subject: words.emailSubject, text: words.wechatPrompt });
        return;
      case 'email': {
        const link = `${deps.publicUrl()}/survey/${encodeURIComponent(token(survey))}`;
        const days = Math.max(1, Math.round(deps.linkTtlMs / 86_400_000));
        queue({ via: 'email', subject: words.emailSubject, text: fill(words.emailBody, { link, days }) });
        return;
      }
      case null:
        return;
    }
  }

  function closed(prev: Conversation, next: Conversation): void {
    const at = next.closedAt ?? now();
    const messages = store.messages(next.id);
    const agentId = prev.assigneeId;
    const score = customerSentiment(messages);
    if (score !== null) store.recordContactSentiment(next.id, next.queue, agentId, sentimentLabelOf(score), at);
    // Only a contact someone served is surveyed: a customer who gave up in the queue was never helped.
    if (!deps.enabled || !agentId || store.surveyOfConversation(next.id)) return;
    const target = reach(next);
    const texts = messages.filter((m) => m.authorKind === 'customer' && !m.internal).map((m) => m.text);
    const survey: SurveyRecord = {
      id: newId('srv'),
      conversationId: next.id,
      customerId: next.customerId,
      queue: next.queue,
      agentId,
      channel: next.channel,
      language: surveyLanguageOf(texts, deps.defaultLanguage),
      askedVia: target?.via ?? null,
      askedAt: at,
      expiresAt: at + deps.linkTtlMs,
      rating: null,
      comment: null,
      ratedAt: null,
      ratedVia: null,
    };
    store.insertSurvey(survey);
    if (target) ask(survey, target.to);
  }

  deps.lifecycle.onChanged(({ prev, next }) => {
    if (!prev || prev.status === 'closed' || next.status !== 'closed') return;
    try {
      closed(prev, next);
    } catch (cause) {
      warn('survey not started')(cause);
    }
  });

  function record(survey: SurveyRecord, rating: number, comment: string, via: SurveyChannel): Result<SurveyRecord> {
    const at = now();
    const text = redactText(comment.trim()) || null;
    if (!store.rateSurvey(survey.id, rating, text, via, at)) {
      return survey.ratedAt !== null || store.survey(survey.id)?.ratedAt ? err('conflict', 'this survey has already been answered') : err('conflict', 'this survey link has expired');
    }
    const rated = store.survey(survey.id) ?? survey;
    deps.note(survey.conversationId, text ? `Customer rated the service ${rating}/5: “${text}”` : `Customer rated the service ${rating}/5`);
    if (rating <= LOW_RATING_AT_MOST) deps.lowRating({ conversationId: survey.conversationId, queue: survey.queue, agentId: survey.agentId, rating, at });
    log.log('info', 'survey answered', { survey: survey.id, rating, via });
    return ok(rated);
  }

  function open(link: string): Result<SurveyRecord> {
    const checked = verifySurveyToken(deps.secret, link, now());
    if (!checked.ok) return checked;
    const survey = store.survey(checked.value.surveyId);
    return survey ? ok(survey) : err('not_found', 'this survey link is not valid');
  }

  return {
    open,
    answer(link, rating, comment, via) {
      const found = open(link);
      return found.ok ? record(found.value, rating, comment, via) : found;
    },
    wechatReply(openId, text) {
      const answer = parseRatingReply(text);
      if (!answer) return false;
      const customer = store.customerByIdentity('wechat_openid', openId);
      // A customer already talking to the desk again means the digit belongs to that conversation.
      if (!customer || store.openTextConversation(customer.id)) return false;
      const survey = store.openSurveyOf([customer.id], 'wechat', now());
      if (!survey) return false;
      const done = record(survey, answer.rating, answer.comment, 'wechat');
      if (done.ok) deps.senders.queue({ surveyId: survey.id, via: 'wechat', to: openId, subject: '', text: fill(surveyStrings[survey.language].wechatThanks, { rating: answer.rating }) });
      return done.ok;
    },
    token,
    visitorReturned(visitorId) {
      const customer = store.customerByIdentity('widget_visitor', visitorId);
      const survey = customer && !store.openTextConversation(customer.id) ? store.openSurveyOf([customer.id], 'widget', now()) : null;
      if (survey) deps.senders.widget(visitorId, token(survey));
    },
  };
}
