/**
 * Issue #15 point 5: every channel's provider from the environment; a configured channel
 * with a missing setting stops the server (as SMS_PROVIDER=log does in production).
 */
import type { Logger } from 'pino';
import { DEFAULT_SIGNATURE } from './outbox.ts';
import {
  logChannelProvider,
  printProvider,
  smsChannel,
  smsProviderFromEnv,
  type ChannelProviders,
} from './outbox.channel.ts';
import {
  aliyunSmsProvider,
  smtpProvider,
  tencentSmsProvider,
  wechatProvider,
} from './outbox.providers.ts';
import { checkSignature } from './templates.rules.ts';

function jsonMap(env: NodeJS.ProcessEnv, name: string): Record<string, string> {
  const raw = env[name];
  if (!raw) throw new Error(`${name} is required (JSON: our template key → the provider's id)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error(`${name} is not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`${name} must be a JSON object`);
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
}

function need(env: NodeJS.ProcessEnv, ...names: string[]): string[] {
  const missing = names.filter((n) => !env[n]);
  if (missing.length) throw new Error(`${missing.join(', ')} required`);
  return names.map((n) => env[n]!);
}

/**
 * The providers of every configured channel:
 * - SMS_PROVIDER: log | aliyun | tencent (see smsProviderFromEnv for `log` in production);
 *   SMS_SIGNATURE (default 【家门口】);
 * - WECHAT_APP_ID, WECHAT_APP_SECRET, WECHAT_TEMPLATES: WeChat subscribe messages (else none);
 * - SMTP_HOST, SMTP_PORT, SMTP_FROM (SMTP_USER, SMTP_PASS, SMTP_SECURE): e-mail (else none;
 *   `log` outside production);
 * - print at station: always.
 * A configured channel with a missing setting throws: the server does not start.
 */
export function channelProvidersFromEnv(
  env: NodeJS.ProcessEnv,
  mode: 'development' | 'production' | 'test',
  log: Pick<Logger, 'info'>,
): ChannelProviders {
  const providers: ChannelProviders = { print: printProvider() };
  const signature = env.SMS_SIGNATURE ?? DEFAULT_SIGNATURE;
  if (!checkSignature(signature))
    throw new Error(`SMS_SIGNATURE must be 【2–12 characters】 (got ${signature})`);
  const sms = env.SMS_PROVIDER ?? (mode === 'production' ? '' : 'log');
  if (sms === 'aliyun') {
    const [id, secret] = need(env, 'ALIYUN_ACCESS_KEY_ID', 'ALIYUN_ACCESS_KEY_SECRET');
    providers.sms = aliyunSmsProvider({
      accessKeyId: id!,
      accessKeySecret: secret!,
      templates: jsonMap(env, 'ALIYUN_SMS_TEMPLATES'),
      signature,
      endpoint: env.ALIYUN_SMS_ENDPOINT,
    });
  } else if (sms === 'tencent') {
    const [id, key, app] = need(
      env,
      'TENCENT_SECRET_ID',
      'TENCENT_SECRET_KEY',
      'TENCENT_SMS_APP_ID',
    );
    providers.sms = tencentSmsProvider({
      secretId: id!,
      secretKey: key!,
      appId: app!,
      region: env.TENCENT_SMS_REGION,
      templates: jsonMap(env, 'TENCENT_SMS_TEMPLATES'),
      signature,
      endpoint: env.TENCENT_SMS_ENDPOINT,
    });
  } else {
    providers.sms = smsChannel(smsProviderFromEnv(env, mode, log));
  }
  if (env.WECHAT_APP_ID || env.WECHAT_APP_SECRET || env.WECHAT_TEMPLATES) {
    const [appId, appSecret] = need(env, 'WECHAT_APP_ID', 'WECHAT_APP_SECRET');
    providers.wechat = wechatProvider({
      appId: appId!,
      appSecret: appSecret!,
      templates: jsonMap(env, 'WECHAT_TEMPLATES'),
      baseUrl: env.WECHAT_API_BASE,
      page: env.WECHAT_PAGE,
    });
  }
  if (env.SMTP_HOST || env.SMTP_FROM) {
    const [host, port, from] = need(env, 'SMTP_HOST', 'SMTP_PORT', 'SMTP_FROM');
    providers.email = smtpProvider({
      host: host!,
      port: Number(port),
      from: from!,
      user: env.SMTP_USER,
      pass: env.SMTP_PASS,
      secure: env.SMTP_SECURE === 'true',
    });
  } else if (mode !== 'production') {
    providers.email = logChannelProvider('email', log);
  }
  return providers;
}
