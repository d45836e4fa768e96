import type { Transporter } from 'nodemailer';
import type { Channel } from '../../shared/domain/channel';
import type { DirectSender } from '../jobs/direct-delivery';
import type { Peer } from '../store/hub-store';
import { SIGNATURE_HEADER, signChannelBody } from './channel-http';

export interface DirectSenderConfig {
  /** The hub's SMTP transport, or null without SMTP_URL. */
  mail: Transporter | null;
  fromAddress: string;
  /** The WeChat customer-service API, or null without WECHAT_APP_ID. */
  wechat: { sendText(openId: string, text: string): Promise<void> } | null;
  /** Where messages to each platform's users are posted (WEBHOOK_REPLY_URL_<PLATFORM>), signed with its secret. */
  webhookUrls: Record<string, string>;
  webhookSecrets: Partial<Record<string, string>>;
}

/**
 * The channels that can reach a customer outside a conversation, over the same transports as replies:
 * a mail, a WeChat customer-service text, a signed post to the platform. The widget is not among them: a
 * visitor is reachable only while their page is open.
 */
export function createDirectSenders(config: DirectSenderConfig): Partial<Record<Channel, DirectSender>> {
  const senders: Partial<Record<Channel, DirectSender>> = {};
  const { mail, wechat } = config;
  if (mail) {
    senders.email = {
      accepts: (to) => to.kind === 'email',
      async send(to, content) {
        // The same Message-ID on every try: a mail server that took an earlier try de-duplicates it.
        await mail.sendMail({ from: config.fromAddress, to: to.value, subject: content.subject, text: content.text, messageId: `<${content.id}@switchboard.hub>` });
      },
    };
  }
  if (wechat) {
    senders.wechat = {
      accepts: (to) => to.kind === 'wechat_openid',
      send: (to, content) => wechat.sendText(to.value, content.text),
    };
  }
  const platformOf = (to: Peer): { platform: string; userId: string; url: string; secret: string } | null => {
    if (to.kind !== 'platform_user') return null;
    const [platform, ...rest] = to.value.split(':');
    const url = platform ? config.webhookUrls[platform] : undefined;
    const secret = platform ? config.webhookSecrets[platform] : undefined;
    return platform && url && secret ? { platform, userId: rest.join(':'), url, secret } : null;
  };
  senders.webhook = {
    accepts: (to) => platformOf(to) !== null,
    async send(to, content, signal) {
      const target = platformOf(to);
      if (!target) throw new Error('no outbound URL for this platform');
      // Posted like a reply (the platform de-duplicates by messageId), with no conversation behind it.
      const body = JSON.stringify({ messageId: content.id, userId: target.userId, text: content.text, at: Date.now() });
      const response = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signChannelBody(target.secret, `reply:${target.platform}`, body, Math.floor(Date.now() / 1000)) },
        body,
        signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]),
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`the platform ${target.platform} answered ${response.status}`);
    },
  };
  return senders;
}
