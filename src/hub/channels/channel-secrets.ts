import { webhookPlatformNames } from './webhook-platforms';

/**
 * The signed channels' secrets from the environment: `WEBHOOK_SECRET_<PLATFORM>` (e.g. WEBHOOK_SECRET_TAOBAO) for
 * each platform and `EMAIL_WEBHOOK_SECRET` for inbound mail. The single shared `WEBHOOK_SECRET` of earlier
 * versions let any integration sign as any other, so it is refused with a message saying what replaced it.
 */
export function channelSecretsFromEnv(env: NodeJS.ProcessEnv): {
  webhookSecrets: Record<string, string>;
  webhookOutboundUrls: Record<string, string>;
  emailSecret: string | undefined;
} {
  if (env.WEBHOOK_SECRET) {
    throw new Error('WEBHOOK_SECRET is no longer used: set WEBHOOK_SECRET_<PLATFORM> for each platform and EMAIL_WEBHOOK_SECRET for inbound mail');
  }
  const webhookSecrets: Record<string, string> = {};
  // WEBHOOK_REPLY_URL_<PLATFORM>: where agents' replies to that platform's customers are posted, signed with its secret.
  const webhookOutboundUrls: Record<string, string> = {};
  for (const platform of webhookPlatformNames) {
    const secret = env[`WEBHOOK_SECRET_${platform.toUpperCase()}`];
    if (secret) webhookSecrets[platform] = secret;
    const replyUrl = env[`WEBHOOK_REPLY_URL_${platform.toUpperCase()}`];
    if (replyUrl) webhookOutboundUrls[platform] = replyUrl;
  }
  return { webhookSecrets, webhookOutboundUrls, emailSecret: env.EMAIL_WEBHOOK_SECRET };
}
