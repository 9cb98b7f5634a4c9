/**
 * Issue #11 / #15 point 5 (X-5): the one interface every channel's provider implements, the
 * provider's error with its kind, and the providers without a remote service — log (development
 * and tests), print at station — plus issue #11's SMS provider interface and its env choice.
 */
import type { Logger } from 'pino';
import { smsText } from './outbox.ts';
import type { Channel } from './templates.rules.ts';
import type { ErrorKind } from './delivery.rules.ts';

/** Issue #11's SMS provider (kept: tests and callers use it). */
export interface SmsProvider {
  readonly name: string;
  send(
    to: string,
    templateKind: string,
    params: Record<string, unknown>,
  ): Promise<{ providerId: string }>;
}

/** One message as a provider sees it. */
export interface OutgoingMessage {
  id: string;
  channel: Channel;
  to: string;
  template: string;
  params: Record<string, unknown>;
  /** Stable across retries: a provider passes it on where it can (Aliyun OutId, webhook header). */
  dedupeKey: string;
  attempt: number;
  createdAt: string;
}

/** Issue #15: a provider of one channel. */
export interface ChannelProvider {
  readonly name: string;
  readonly channel: Channel;
  /** `delivered`: the provider's answer is the delivery (a webhook's 2xx, the log). */
  send(m: OutgoingMessage): Promise<{ providerId: string; delivered?: boolean }>;
}

export type ChannelProviders = Partial<Record<Channel, ChannelProvider>>;

/** A provider's refusal with its kind; any other error counts as transient. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly kind: ErrorKind,
    readonly providerCode?: string,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** Development: writes the message (with its code) to the server log. Never for production. */
export function logSmsProvider(log: Pick<Logger, 'info'>): SmsProvider {
  let n = 0;
  return {
    name: 'log',
    send(to, templateKind, params) {
      n += 1;
      log.info(
        { sms: { to, template: templateKind, params, text: smsText(templateKind, params) } },
        'SMS (log provider, development only)',
      );
      return Promise.resolve({ providerId: `log-${Date.now()}-${n}` });
    },
  };
}

/** Issue #15: the log provider for any channel (development and tests): delivered at once. */
export function logChannelProvider(channel: Channel, log: Pick<Logger, 'info'>): ChannelProvider {
  return {
    name: 'log',
    channel,
    send(m) {
      log.info(
        {
          message: {
            channel,
            to: m.to,
            template: m.template,
            params: m.params,
            text: channel === 'sms' ? smsText(m.template, m.params) : undefined,
          },
        },
        `${channel} (log provider, development only)`,
      );
      return Promise.resolve({ providerId: `log-${m.id}`, delivered: true });
    },
  };
}

/**
 * Print at station: the message waits in the station's print list (the station's page prints
 * it and marks it delivered). "Sending" is handing it to that list.
 */
export function printProvider(): ChannelProvider {
  return {
    name: 'print',
    channel: 'print',
    send: (m) => Promise.resolve({ providerId: `print-${m.id}` }),
  };
}

/** Issue #11's SMS provider as a channel provider. */
export function smsChannel(provider: SmsProvider): ChannelProvider {
  return {
    name: provider.name,
    channel: 'sms',
    send: (m) => provider.send(m.to, m.template, m.params),
  };
}

/**
 * SMS_PROVIDER: `log` (default outside production). In production `log` would print login codes
 * to the log instead of sending them: refused unless SMS_PROVIDER_ALLOW_LOG=true (a trial).
 * `aliyun` and `tencent` are built by outbox.providers.ts (channelProvidersFromEnv).
 */
export function smsProviderFromEnv(
  env: NodeJS.ProcessEnv,
  mode: 'development' | 'production' | 'test',
  log: Pick<Logger, 'info'>,
): SmsProvider {
  const name = env.SMS_PROVIDER ?? (mode === 'production' ? '' : 'log');
  if (name === 'log') {
    if (mode === 'production' && env.SMS_PROVIDER_ALLOW_LOG !== 'true')
      throw new Error(
        'SMS_PROVIDER=log writes login codes to the log: refused in production (set SMS_PROVIDER_ALLOW_LOG=true for a trial)',
      );
    return logSmsProvider(log);
  }
  throw new Error(
    name
      ? `SMS_PROVIDER=${name} is not known (available: log, aliyun, tencent)`
      : 'SMS_PROVIDER is required in production (available: aliyun, tencent; log with SMS_PROVIDER_ALLOW_LOG=true)',
  );
}
