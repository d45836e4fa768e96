import { z } from 'zod';

const CDATA = /<!\[CDATA\[[\s\S]*?\]\]>/g;

/**
 * WeChat pushes one flat `<xml>` element of simple fields, values plain or in CDATA. This
 * reads exactly that and refuses anything else (nesting, DOCTYPE, entities beyond the five
 * predefined), so no XML feature can be turned against the hub. Text inside CDATA is the
 * customer's own (it may well say `<!DOCTYPE`): only markup outside CDATA is checked.
 */
export function parseWechatXml(xml: string): Record<string, string> | null {
  const body = xml.trim().match(/^(?:<\?xml[^>]*\?>\s*)?<xml>([\s\S]*)<\/xml>$/);
  if (!body?.[1] || /<!DOCTYPE|<!ENTITY/i.test(xml.replace(CDATA, ''))) return null;
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

/** One flat `<xml>` of CDATA fields (a CDATA end inside a value is split, as XML requires). */
export function buildWechatXml(fields: Record<string, string | number>): string {
  const cdata = (v: string) => `<![CDATA[${v.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
  return `<xml>${Object.entries(fields)
    .map(([k, v]) => `<${k}>${typeof v === 'number' ? String(v) : cdata(v)}</${k}>`)
    .join('')}</xml>`;
}

/** A safe- or compatibility-mode push: the encrypted message (the only part the hub trusts) and who it is for. */
export const wechatEnvelopeSchema = z.object({ ToUserName: z.string().max(64).optional(), Encrypt: z.string().min(1).max(64 * 1024) });

const base = {
  ToUserName: z.string().min(1).max(64),
  FromUserName: z.string().min(1).max(128),
  CreateTime: z.string().regex(/^\d{1,12}$/),
};
const msgId = z.string().regex(/^\d{1,24}$/);
const mediaId = z.string().min(1).max(256);
const coordinate = z.string().regex(/^-?\d{1,3}(?:\.\d{1,12})?$/);

/** The inbound message types WeChat documents for an Official Account; any other MsgType is refused with a clear error. */
export const wechatInboundSchema = z.discriminatedUnion('MsgType', [
  z.object({ ...base, MsgType: z.literal('text'), Content: z.string().min(1).max(10_000), MsgId: msgId }),
  z.object({ ...base, MsgType: z.literal('image'), PicUrl: z.string().max(2048).regex(/^https?:\/\//), MediaId: mediaId, MsgId: msgId }),
  z.object({
    ...base,
    MsgType: z.literal('voice'),
    MediaId: mediaId,
    Format: z.string().regex(/^[A-Za-z0-9]{1,16}$/),
    /** WeChat's speech recognition, when the account has it switched on. */
    Recognition: z.string().max(10_000).optional(),
    MsgId: msgId,
  }),
  z.object({ ...base, MsgType: z.literal('video'), MediaId: mediaId, ThumbMediaId: z.string().max(256).optional(), MsgId: msgId }),
  z.object({ ...base, MsgType: z.literal('shortvideo'), MediaId: mediaId, ThumbMediaId: z.string().max(256).optional(), MsgId: msgId }),
  z.object({
    ...base,
    MsgType: z.literal('location'),
    Location_X: coordinate,
    Location_Y: coordinate,
    Scale: z.string().max(8).optional(),
    Label: z.string().max(1000).optional(),
    MsgId: msgId,
  }),
  z.object({
    ...base,
    MsgType: z.literal('link'),
    Title: z.string().max(1000),
    Description: z.string().max(4000).optional(),
    Url: z.string().max(2048).regex(/^https?:\/\//),
    MsgId: msgId,
  }),
  z.object({
    ...base,
    MsgType: z.literal('event'),
    Event: z.string().min(1).max(64),
    EventKey: z.string().max(256).optional(),
    Ticket: z.string().max(256).optional(),
  }),
]);
export type WechatInbound = z.infer<typeof wechatInboundSchema>;
