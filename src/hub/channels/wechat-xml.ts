import { z } from 'zod';

/**
 * WeChat pushes one flat `<xml>` element of simple fields, values plain or in CDATA. This
 * reads exactly that and refuses anything else (nesting, DOCTYPE, entities beyond the five
 * predefined), so no XML feature can be turned against the hub.
 */
export function parseWechatXml(xml: string): Record<string, string> | null {
  const body = xml.trim().match(/^(?:<\?xml[^>]*\?>\s*)?<xml>([\s\S]*)<\/xml>$/);
  if (!body?.[1] || /<!DOCTYPE|<!ENTITY/i.test(xml)) return null;
  const fields: Record<string, string> = {};
  const field = /\s*<([A-Za-z][A-Za-z0-9_]{0,63})>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/\1>\s*/y;
  let at = 0;
  const content = body[1];
  while (at < content.length) {
    field.lastIndex = at;
    const m = field.exec(content);
    if (!m?.[1]) return null;
    fields[m[1]] = m[2] ?? unescape(m[3] ?? '');
    at = field.lastIndex;
  }
  return fields;
}

function unescape(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos);/g, (_m, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e] ?? '');
}

const base = {
  ToUserName: z.string().min(1).max(64),
  FromUserName: z.string().min(1).max(128),
  CreateTime: z.string().regex(/^\d{1,12}$/),
};
const msgId = z.string().regex(/^\d{1,24}$/);

/** The inbound message types the hub understands; any other MsgType is refused with a clear error. */
export const wechatInboundSchema = z.discriminatedUnion('MsgType', [
  z.object({ ...base, MsgType: z.literal('text'), Content: z.string().min(1).max(10_000), MsgId: msgId }),
  z.object({ ...base, MsgType: z.literal('image'), PicUrl: z.string().max(2048).regex(/^https?:\/\//), MediaId: z.string().max(256), MsgId: msgId }),
  z.object({
    ...base,
    MsgType: z.literal('voice'),
    MediaId: z.string().max(256),
    Format: z.string().max(16),
    Recognition: z.string().max(10_000).optional(),
    MsgId: msgId,
  }),
  z.object({ ...base, MsgType: z.literal('event'), Event: z.string().max(64), EventKey: z.string().max(256).optional() }),
]);
export type WechatInbound = z.infer<typeof wechatInboundSchema>;
