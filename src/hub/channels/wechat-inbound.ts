import type { Attachment } from '../../shared/domain/message';
import type { WechatInbound } from './wechat-xml';

/** What one WeChat push means to the hub. */
export type WechatAction =
  | { kind: 'message'; text: string; attachments: Attachment[]; key: string }
  /** subscribe: the follower becomes a customer; `scene` is the parametric QR code they followed through. */
  | { kind: 'follow'; scene: string | null }
  /** unsubscribe: WeChat delivers nothing to them any more; an open conversation says so. */
  | { kind: 'unfollow' }
  /** An event with nothing for an agent (menu links opened, location reports, mass-send reports). */
  | { kind: 'ignore' };

function media(m: { MediaId: string }, name: string, mimeType: string, url = ''): Attachment {
  // WeChat keeps the file (3 days) and hands it out for the MediaId through its media API; the id is the reference.
  return { id: `wx_${m.MediaId}`.slice(0, 100), name, mimeType, size: 0, url };
}

/**
 * Each documented message type arrives as what it is: text; image, voice (WeChat's recognition text as the
 * message when present), video and short video as attachments; a location as its label and coordinates; a
 * link as its title, description and address; a menu click or a QR scan as a request naming its key.
 */
export function wechatAction(m: WechatInbound): WechatAction {
  const key = m.MsgType === 'event' ? `wechat:event:${m.FromUserName}:${m.CreateTime}:${m.Event}` : `wechat:${m.MsgId}`;
  switch (m.MsgType) {
    case 'text':
      return { kind: 'message', text: m.Content, attachments: [], key };
    case 'image':
      return { kind: 'message', text: '', attachments: [media(m, 'image.jpg', 'image/jpeg', m.PicUrl)], key };
    case 'voice': {
      const format = m.Format.toLowerCase();
      return { kind: 'message', text: m.Recognition?.trim() ?? '', attachments: [media(m, `voice.${format}`, `audio/${format}`)], key };
    }
    case 'video':
    case 'shortvideo':
      return { kind: 'message', text: '', attachments: [media(m, 'video.mp4', 'video/mp4')], key };
    case 'location':
      return { kind: 'message', text: `📍 ${m.Label ? `${m.Label} ` : ''}(${m.Location_X}, ${m.Location_Y})`, attachments: [], key };
    case 'link':
      return { kind: 'message', text: [`🔗 ${m.Title}`, m.Description, m.Url].filter(Boolean).join('\n'), attachments: [], key };
    case 'event':
      switch (m.Event.toLowerCase()) {
        case 'subscribe':
          return { kind: 'follow', scene: m.EventKey?.replace(/^qrscene_/, '') || null };
        case 'unsubscribe':
          return { kind: 'unfollow' };
        case 'click':
          return { kind: 'message', text: `Menu: ${m.EventKey ?? ''}`.trim(), attachments: [], key };
        case 'scan':
          return { kind: 'message', text: `QR code: ${m.EventKey ?? ''}`.trim(), attachments: [], key };
        default:
          return { kind: 'ignore' };
      }
  }
}
