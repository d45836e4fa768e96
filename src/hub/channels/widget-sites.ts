import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describeZodError } from '../../shared/result';

/**
 * What each website that embeds the chat widget shows its visitors: the welcome line, the
 * pre-chat form (name, a phone or an email, consent) and the text of the offline form. Read from
 * the JSON file WIDGET_SITES_FILE names (`{ "<site id>": { … } }`); the `default` site applies to
 * any site id the file does not name.
 */
const localizedSchema = z.object({ en: z.string().min(1).max(300), 'zh-CN': z.string().min(1).max(300), 'zh-TW': z.string().min(1).max(300) });
export type LocalizedText = z.infer<typeof localizedSchema>;

export const widgetSiteSchema = z.object({
  /** The header of the chat panel. */
  title: localizedSchema.optional(),
  welcome: localizedSchema,
  preChat: z
    .object({
      /** Off: the visitor chats at once; optional/required: the form asks first. */
      name: z.enum(['off', 'optional', 'required']).default('required'),
      contact: z.enum(['off', 'optional', 'required']).default('required'),
      /** The consent a visitor must tick before chatting; none asked when absent. */
      consent: localizedSchema.optional(),
    })
    .default({ name: 'required', contact: 'required' }),
  /** Above the offline form, when no agent is available. */
  offline: localizedSchema.optional(),
  /**
   * The queue "Call us" rings (it needs a number); null hides the button. Absent: the `voice`
   * queue, else the first queue with a number.
   */
  callQueue: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).nullable().optional(),
  /**
   * The websites that may show the chat in a frame (the page's CSP frame-ancestors), as origins such as
   * "https://shop.example"; absent: any website.
   */
  origins: z
    .array(z.string().regex(/^https?:\/\/[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?$/, 'origins: scheme and host only, such as https://shop.example'))
    .max(50)
    .optional(),
});
export type WidgetSite = z.infer<typeof widgetSiteSchema>;

export const widgetSitesSchema = z.record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), widgetSiteSchema);
export type WidgetSites = z.infer<typeof widgetSitesSchema>;

export const defaultWidgetSite: WidgetSite = {
  welcome: {
    en: 'Hi! Ask us anything about your orders, deliveries or returns. We usually reply within a few minutes.',
    'zh-CN': '您好！订单、物流、退换货的问题都可以问我们，通常几分钟内回复。',
    'zh-TW': '您好！訂單、物流、退換貨的問題都可以問我們，通常幾分鐘內回覆。',
  },
  preChat: {
    name: 'required',
    contact: 'required',
    consent: {
      en: 'I agree that my name, contact details and this chat are kept to answer my request.',
      'zh-CN': '我同意保存我的姓名、联系方式和本次对话，用于处理我的咨询。',
      'zh-TW': '我同意保存我的姓名、聯絡方式和本次對話，用於處理我的諮詢。',
    },
  },
};

/** The site's settings, the file's `default` entry, or the built-in default, in that order. */
export function widgetSite(sites: WidgetSites, siteId: string | undefined): WidgetSite {
  return (siteId ? sites[siteId] : undefined) ?? sites.default ?? defaultWidgetSite;
}

/** Reads and checks the sites file; a bad file fails the hub's start with a line that says what is wrong. */
export function loadWidgetSites(file: string | undefined): WidgetSites {
  if (!file) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new Error(`WIDGET_SITES_FILE ${file} could not be read: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  const parsed = widgetSitesSchema.safeParse(json);
  if (!parsed.success) throw new Error(`WIDGET_SITES_FILE ${file} is not valid: ${describeZodError(parsed.error)}`);
  return parsed.data;
}
