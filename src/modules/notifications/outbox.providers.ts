/**
 * Issue #15 point 5: the outbox's providers behind one interface (ChannelProvider) — the
 * official Aliyun and Tencent SMS SDKs, WeChat subscribe messages (HTTP API), e-mail over SMTP
 * (nodemailer), print at station, and the log provider. The webhook channel's provider lives in
 * modules/webhooks (it signs with the subscriber's secret). Configuration from the environment:
 * outbox-providers-env.ts.
 */
import * as dysmsNs from '@alicloud/dysmsapi20170525';
import * as openapiNs from '@alicloud/openapi-client';
import nodemailer from 'nodemailer';
import { sms as tencentSms } from 'tencentcloud-sdk-nodejs-sms';
import { DEFAULT_SIGNATURE, smsText } from './outbox.ts';
import { ProviderError, type ChannelProvider } from './outbox.channel.ts';
import {
  aliyunRequest,
  isTemplateKey,
  TEMPLATES,
  tencentRequest,
  wechatData,
  type TemplateDef,
} from './templates.rules.ts';
import { classifyProviderError } from './delivery.rules.ts';

/**
 * The Aliyun SDKs are CommonJS with `exports.default`: Node's ESM loader and the test runner's
 * interop nest `default` differently, so the constructors are found on either level.
 */
type Ctor<T> = new (m: Record<string, unknown>) => T;
function cjsExport<T>(ns: unknown, name: string): T {
  const top = ns as Record<string, unknown>;
  const d = top.default as Record<string, unknown> | undefined;
  const found = top[name] ?? d?.[name];
  if (found === undefined) throw new Error(`SDK export ${name} not found`);
  return found as T;
}
interface DysmsLike {
  sendSms(req: unknown): Promise<{ body?: { code?: string; message?: string; bizId?: string } }>;
}
const nsDefault = (dysmsNs as unknown as { default: unknown }).default;
const DysmsClient = (
  typeof nsDefault === 'function' ? nsDefault : cjsExport(nsDefault, 'default')
) as new (config: unknown) => DysmsLike;
const SendSmsRequest = cjsExport<Ctor<unknown>>(dysmsNs, 'SendSmsRequest');
const AliyunConfig = cjsExport<Ctor<unknown>>(openapiNs, 'Config');

/** The SDK error's code (Aliyun's / Tencent's), or `network`. */
function errCode(err: unknown): string {
  const c = (err as { code?: unknown }).code;
  return typeof c === 'string' || typeof c === 'number' ? String(c) : 'network';
}

function values(params: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) out[k] = String(v);
  return out;
}

function templateId(map: Readonly<Record<string, string>>, template: string, provider: string) {
  const id = map[template];
  if (!id)
    throw new ProviderError(`${provider}: no template registered for ${template}`, 'permanent');
  return id;
}

// ---- Aliyun ----

export interface AliyunSmsConfig {
  accessKeyId: string;
  accessKeySecret: string;
  /** Our template key → Aliyun's TemplateCode (SMS_…). */
  templates: Readonly<Record<string, string>>;
  signature?: string;
  /** Default dysmsapi.aliyuncs.com; a host:port for tests. */
  endpoint?: string;
  protocol?: 'https' | 'http';
}

/** Aliyun SMS (dysmsapi 2017-05-25) through the official SDK. OutId carries the dedupe key. */
export function aliyunSmsProvider(cfg: AliyunSmsConfig): ChannelProvider {
  const client = new DysmsClient(
    new AliyunConfig({
      accessKeyId: cfg.accessKeyId,
      accessKeySecret: cfg.accessKeySecret,
      endpoint: cfg.endpoint ?? 'dysmsapi.aliyuncs.com',
      protocol: cfg.protocol ?? 'https',
    }),
  );
  const signature = cfg.signature ?? DEFAULT_SIGNATURE;
  return {
    name: 'aliyun',
    channel: 'sms',
    async send(m) {
      const req = aliyunRequest(
        signature,
        templateId(cfg.templates, m.template, 'aliyun'),
        m.to,
        values(m.params),
      );
      let body: { code?: string; message?: string; bizId?: string } | undefined;
      try {
        const res = await client.sendSms(
          new SendSmsRequest({ ...req, outId: m.dedupeKey.slice(0, 64) }),
        );
        body = res.body;
      } catch (err) {
        // The SDK throws for HTTP errors; its `code` is Aliyun's error code when there is one.
        const code = errCode(err);
        throw new ProviderError(
          `aliyun ${code}: ${err instanceof Error ? err.message : String(err)}`,
          classifyProviderError('aliyun', code),
          code,
        );
      }
      if (body?.code !== 'OK') {
        const code = body?.code ?? 'unknown';
        throw new ProviderError(
          `aliyun ${code}: ${body?.message ?? ''}`,
          classifyProviderError('aliyun', code),
          code,
        );
      }
      return { providerId: body.bizId ?? '' };
    },
  };
}

// ---- Tencent ----

export interface TencentSmsConfig {
  secretId: string;
  secretKey: string;
  appId: string;
  region?: string;
  /** Our template key → Tencent's TemplateId. */
  templates: Readonly<Record<string, string>>;
  signature?: string;
  /** Default sms.tencentcloudapi.com; a host:port for tests. */
  endpoint?: string;
  protocol?: 'https://' | 'http://';
}

/** Tencent Cloud SMS (2021-01-11) through the official SDK; positional variables. */
export function tencentSmsProvider(cfg: TencentSmsConfig): ChannelProvider {
  const client = new tencentSms.v20210111.Client({
    credential: { secretId: cfg.secretId, secretKey: cfg.secretKey },
    region: cfg.region ?? 'ap-guangzhou',
    profile: {
      httpProfile: {
        endpoint: cfg.endpoint ?? 'sms.tencentcloudapi.com',
        protocol: cfg.protocol ?? 'https://',
      },
    },
  });
  const signature = cfg.signature ?? DEFAULT_SIGNATURE;
  return {
    name: 'tencent',
    channel: 'sms',
    async send(m) {
      if (!isTemplateKey(m.template))
        throw new ProviderError(`tencent: unknown template ${m.template}`, 'permanent');
      const req = {
        ...tencentRequest(
          signature,
          cfg.appId,
          templateId(cfg.templates, m.template, 'tencent'),
          m.to,
          m.template,
          values(m.params),
        ),
        SessionContext: m.dedupeKey.slice(0, 512),
      };
      let status: { Code?: string; Message?: string; SerialNo?: string } | undefined;
      try {
        const res = await client.SendSms(req);
        status = res.SendStatusSet?.[0];
      } catch (err) {
        const code = errCode(err);
        throw new ProviderError(
          `tencent ${code}: ${err instanceof Error ? err.message : String(err)}`,
          classifyProviderError('tencent', code),
          code,
        );
      }
      if (status?.Code !== 'Ok') {
        const code = status?.Code ?? 'unknown';
        throw new ProviderError(
          `tencent ${code}: ${status?.Message ?? ''}`,
          classifyProviderError('tencent', code),
          code,
        );
      }
      return { providerId: status.SerialNo ?? '' };
    },
  };
}

// ---- WeChat subscribe messages ----

export interface WechatConfig {
  appId: string;
  appSecret: string;
  /** Our template key → the subscribe message's template_id. */
  templates: Readonly<Record<string, string>>;
  /** Default https://api.weixin.qq.com; a local server for tests. */
  baseUrl?: string;
  /** The mini-program page the message opens. */
  page?: string;
}

/**
 * WeChat subscribe messages (小程序订阅消息): the access token from /cgi-bin/token (cached until
 * shortly before it expires), then /cgi-bin/message/subscribe/send. errcode 43101 (the user did not
 * subscribe / refused) is `refused`: the message's fallback SMS goes instead.
 */
export function wechatProvider(
  cfg: WechatConfig,
  now: () => Date = () => new Date(),
): ChannelProvider {
  const base = (cfg.baseUrl ?? 'https://api.weixin.qq.com').replace(/\/$/, '');
  let token: { value: string; until: number } | null = null;
  const call = async (url: string, init?: RequestInit) => {
    let res: Response;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
    } catch (err) {
      throw new ProviderError(`wechat network: ${String(err)}`, 'transient', 'network');
    }
    if (!res.ok)
      throw new ProviderError(`wechat HTTP ${res.status}`, 'transient', String(res.status));
    return (await res.json()) as Record<string, unknown>;
  };
  const accessToken = async () => {
    if (token && token.until > now().getTime()) return token.value;
    const q = new URLSearchParams({
      grant_type: 'client_credential',
      appid: cfg.appId,
      secret: cfg.appSecret,
    });
    const r = await call(`${base}/cgi-bin/token?${q.toString()}`);
    if (typeof r.access_token !== 'string')
      throw new ProviderError(
        `wechat token ${String(r.errcode)}: ${String(r.errmsg)}`,
        'transient',
      );
    token = {
      value: r.access_token,
      until: now().getTime() + (Number(r.expires_in ?? 7200) - 300) * 1000,
    };
    return token.value;
  };
  return {
    name: 'wechat',
    channel: 'wechat',
    async send(m) {
      if (!isTemplateKey(m.template))
        throw new ProviderError(`wechat: unknown template ${m.template}`, 'permanent');
      const { data, problems } = wechatData(m.template, values(m.params));
      if (problems.length)
        throw new ProviderError(`wechat: ${JSON.stringify(problems)}`, 'permanent', '47003');
      const body = {
        touser: m.to,
        template_id: templateId(cfg.templates, m.template, 'wechat'),
        page: cfg.page,
        data,
      };
      const r = await call(
        `${base}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(await accessToken())}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        },
      );
      const code = Number(r.errcode ?? 0);
      if (code !== 0) {
        if (code === 40001 || code === 42001) token = null; // token expired: fetch anew next time
        throw new ProviderError(
          `wechat ${code}: ${String(r.errmsg)}`,
          classifyProviderError('wechat', code),
          String(code),
        );
      }
      return {
        providerId:
          typeof r.msgid === 'number' || typeof r.msgid === 'string' ? String(r.msgid) : m.id,
      };
    },
  };
}

// ---- E-mail (SMTP) ----

export interface SmtpConfig {
  host: string;
  port: number;
  secure?: boolean;
  user?: string;
  pass?: string;
  from: string;
  /** Tests against a local server without TLS. */
  ignoreTLS?: boolean;
}

/** E-mail over SMTP (nodemailer). 5xx answers are permanent (no such mailbox), 4xx transient. */
export function smtpProvider(cfg: SmtpConfig): ChannelProvider {
  const transport = nodemailer.createTransport({
    host: cfg.host,
    port: cfg.port,
    secure: cfg.secure ?? cfg.port === 465,
    ignoreTLS: cfg.ignoreTLS ?? false,
    auth: cfg.user ? { user: cfg.user, pass: cfg.pass ?? '' } : undefined,
  });
  return {
    name: 'smtp',
    channel: 'email',
    async send(m) {
      const def: TemplateDef | undefined = isTemplateKey(m.template)
        ? TEMPLATES[m.template]
        : undefined;
      if (!def) throw new ProviderError(`smtp: unknown template ${m.template}`, 'permanent');
      try {
        const info = await transport.sendMail({
          from: cfg.from,
          to: m.to,
          subject: `${DEFAULT_SIGNATURE}${def.emailSubject ?? '通知'}`,
          text: smsText(m.template, m.params),
          messageId: `<${m.dedupeKey.replace(/[^\w.-]/g, '_')}@doorstep>`,
        });
        return { providerId: String(info.messageId) };
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        throw new ProviderError(
          `smtp ${code ?? 'network'}: ${err instanceof Error ? err.message : String(err)}`,
          code ? classifyProviderError('smtp', code) : 'transient',
          code ? String(code) : 'network',
        );
      }
    },
  };
}
