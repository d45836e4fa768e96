import { z } from 'zod';
import type { Language } from '../i18n/i18n';

/** Variables a canned response may use; anything else in braces is a mistake the schema rejects. */
export const cannedVariables = ['customerName', 'agentName'] as const;
type CannedVariable = (typeof cannedVariables)[number];

const cannedTextSchema = z
  .string()
  .min(1)
  .max(1000)
  .refine((text) => [...text.matchAll(/\{\{(\w+)\}\}/g)].every((m) => (cannedVariables as readonly string[]).includes(m[1]!)), {
    message: 'unknown variable',
  });

export const cannedResponseSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1).max(60),
  text: cannedTextSchema,
});
export type CannedResponse = z.infer<typeof cannedResponseSchema>;
export const cannedSetSchema = z.array(cannedResponseSchema).min(1);

/** The built-in set, per language. Written here rather than in the locale files: they are content, not UI. */
const builtIn: Record<Language, unknown> = {
  en: [
    { id: 'greeting', title: 'Greeting', text: 'Hello {{customerName}}, this is {{agentName}}. How can I help you today?' },
    { id: 'checking', title: 'Checking', text: 'Thank you for waiting, {{customerName}}. Let me check that for you.' },
    { id: 'order-status', title: 'Order status', text: 'Could you tell me your order number so I can look up its status?' },
    { id: 'refund', title: 'Refund', text: 'Your refund has been submitted and usually arrives within 3–5 working days.' },
    { id: 'closing', title: 'Closing', text: 'Is there anything else I can help with, {{customerName}}? Have a great day!' },
  ],
  'zh-CN': [
    { id: 'greeting', title: '问候', text: '{{customerName}}您好，我是客服{{agentName}}，请问有什么可以帮您？' },
    { id: 'checking', title: '稍等查询', text: '感谢您的耐心等待，{{customerName}}，我马上为您查询。' },
    { id: 'order-status', title: '订单状态', text: '请提供一下您的订单号，我帮您查询物流状态。' },
    { id: 'refund', title: '退款', text: '您的退款已提交，一般 3–5 个工作日到账。' },
    { id: 'closing', title: '结束语', text: '{{customerName}}，请问还有其他可以帮您的吗？祝您生活愉快！' },
  ],
  'zh-TW': [
    { id: 'greeting', title: '問候', text: '{{customerName}}您好，我是客服{{agentName}}，請問有什麼可以幫您？' },
    { id: 'checking', title: '稍候查詢', text: '感謝您的耐心等候，{{customerName}}，我馬上為您查詢。' },
    { id: 'order-status', title: '訂單狀態', text: '請提供您的訂單編號，我幫您查詢物流狀態。' },
    { id: 'refund', title: '退款', text: '您的退款已送出，一般 3–5 個工作天入帳。' },
    { id: 'closing', title: '結束語', text: '{{customerName}}，請問還有其他需要協助的嗎？祝您順心！' },
  ],
};

export function cannedResponses(language: Language): CannedResponse[] {
  return cannedSetSchema.parse(builtIn[language]);
}

/** Fills the variables; one that is unknown for this conversation becomes empty rather than showing braces. */
export function fillCanned(text: string, values: Partial<Record<CannedVariable, string>>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name as CannedVariable] ?? '').replace(/\s{2,}/g, ' ');
}

/** Matches title or text, case-insensitively, with every word of the query. */
export function searchCanned(responses: CannedResponse[], query: string): CannedResponse[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return responses;
  return responses.filter((r) => {
    const haystack = `${r.title} ${r.text}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}
