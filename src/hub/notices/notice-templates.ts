import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describeZodError } from '../../shared/result';
import type { SurveyLanguage } from '../../shared/domain/survey';

/** What a template may name: the order's own fields and what the platform's event carries. */
export const NOTICE_PLACEHOLDERS = ['name', 'orderId', 'summary', 'status', 'eta', 'reason', 'carrier', 'trackingNumber'] as const;
export type NoticePlaceholder = (typeof NOTICE_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{(\w+)\}/g;
export const placeholdersIn = (text: string): string[] => [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');

const known = (text: string): boolean => placeholdersIn(text).every((p) => (NOTICE_PLACEHOLDERS as readonly string[]).includes(p));
const templateText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine(known, { error: (issue) => `unknown placeholder in "${String(issue.input).slice(0, 40)}": use only {${NOTICE_PLACEHOLDERS.join('}, {')}}` });

const localizedTemplateSchema = z.object({ subject: templateText(200), text: templateText(1000) }).strict();

/** An order event's type, as platforms name it: `shipment_delayed`. */
export const noticeEventTypeSchema = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'an event type is lower-case letters, digits and _ (e.g. shipment_delayed)');

/** One template per event type, in every language the desk speaks. */
export const noticeTemplatesSchema = z
  .record(z.string(), z.object({ 'zh-CN': localizedTemplateSchema, 'zh-TW': localizedTemplateSchema, en: localizedTemplateSchema }).strict())
  .superRefine((templates, ctx) => {
    for (const type of Object.keys(templates)) {
      if (!noticeEventTypeSchema.safeParse(type).success) ctx.addIssue({ code: 'custom', path: [type], message: `"${type}": an event type is lower-case letters, digits and _ (e.g. shipment_delayed)` });
    }
  });
export type NoticeTemplates = z.infer<typeof noticeTemplatesSchema>;

/** The shipped templates: a NOTICE_TEMPLATES_FILE replaces them. */
export const DEFAULT_NOTICE_TEMPLATES: NoticeTemplates = {
  shipment_delayed: {
    'zh-CN': {
      subject: '您的订单 {orderId} 配送延迟',
      text: '{name}您好，很抱歉，您的订单 {orderId}（{summary}）配送延迟，预计 {eta} 送达。如有疑问，直接回复此消息即可联系客服。',
    },
    'zh-TW': {
      subject: '您的訂單 {orderId} 配送延遲',
      text: '{name}您好，很抱歉，您的訂單 {orderId}（{summary}）配送延遲，預計 {eta} 送達。如有疑問，直接回覆此訊息即可聯絡客服。',
    },
    en: {
      subject: 'Your order {orderId} is delayed',
      text: 'Hello {name}, we are sorry: your order {orderId} ({summary}) is delayed and should now arrive {eta}. Reply to this message if you have any question.',
    },
  },
  out_for_delivery: {
    'zh-CN': { subject: '您的订单 {orderId} 正在派送', text: '{name}您好，您的订单 {orderId}（{summary}）今天正在派送中。如有疑问，直接回复此消息即可联系客服。' },
    'zh-TW': { subject: '您的訂單 {orderId} 正在派送', text: '{name}您好，您的訂單 {orderId}（{summary}）今天正在派送中。如有疑問，直接回覆此訊息即可聯絡客服。' },
    en: { subject: 'Your order {orderId} is out for delivery', text: 'Hello {name}, your order {orderId} ({summary}) is out for delivery today. Reply to this message if you have any question.' },
  },
  refund_completed: {
    'zh-CN': { subject: '订单 {orderId} 已退款', text: '{name}您好，您的订单 {orderId} 的退款已完成。如有疑问，直接回复此消息即可联系客服。' },
    'zh-TW': { subject: '訂單 {orderId} 已退款', text: '{name}您好，您的訂單 {orderId} 的退款已完成。如有疑問，直接回覆此訊息即可聯絡客服。' },
    en: { subject: 'Order {orderId} refunded', text: 'Hello {name}, the refund of your order {orderId} is complete. Reply to this message if you have any question.' },
  },
};

/** The templates a hub uses: the file's (checked, every problem named) or the shipped ones. */
export function loadNoticeTemplates(file: string | undefined): NoticeTemplates {
  if (!file) return DEFAULT_NOTICE_TEMPLATES;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new Error(`NOTICE_TEMPLATES_FILE ${file} cannot be read as JSON: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  const parsed = noticeTemplatesSchema.safeParse(json);
  if (!parsed.success) throw new Error(`NOTICE_TEMPLATES_FILE ${file}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

export type RenderedNotice = { subject: string; text: string };

/**
 * Fills the template of `type` in `language`; an error names the event type without a template or the values
 * the template needs that the event did not carry.
 */
export function renderNotice(
  templates: NoticeTemplates,
  type: string,
  language: SurveyLanguage,
  values: Partial<Record<NoticePlaceholder, string>>,
): { ok: true; value: RenderedNotice } | { ok: false; message: string } {
  const template = Object.hasOwn(templates, type) ? templates[type]?.[language] : undefined;
  if (!template) return { ok: false, message: `no notice template for event type "${type}" (known: ${Object.keys(templates).join(', ') || 'none'})` };
  const missing = [...new Set([...placeholdersIn(template.subject), ...placeholdersIn(template.text)])].filter((p) => !values[p as NoticePlaceholder]);
  if (missing.length > 0) return { ok: false, message: `the "${type}" notice needs ${missing.map((m) => `data.${m}`).join(', ')}` };
  const fill = (text: string) => text.replace(PLACEHOLDER, (_m, k: string) => values[k as NoticePlaceholder] ?? '');
  return { ok: true, value: { subject: fill(template.subject), text: fill(template.text) } };
}
