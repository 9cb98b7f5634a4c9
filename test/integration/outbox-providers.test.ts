/**
 * Issue #15 point 5: the providers against local fakes — the official Aliyun and Tencent SMS
 * SDKs pointed at a local HTTP endpoint (their endpoint override), WeChat subscribe messages at a
 * local API base, e-mail through nodemailer to a tiny SMTP server started here. Each maps the
 * provider's answer to delivered / permanent / transient / refused. No database needed.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelProvidersFromEnv } from '../../src/modules/notifications/outbox-providers-env.ts';
import {
  ProviderError,
  type OutgoingMessage,
} from '../../src/modules/notifications/outbox.channel.ts';
import {
  aliyunSmsProvider,
  smtpProvider,
  tencentSmsProvider,
  wechatProvider,
} from '../../src/modules/notifications/outbox.providers.ts';

const msg = (over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  id: 'm-1',
  channel: 'sms',
  to: '13800000000',
  template: 'login_code',
  params: { code: '123456', minutes: 5 },
  dedupeKey: 'dk-1',
  attempt: 1,
  createdAt: '2026-03-02T01:30:00.000Z',
  ...over,
});

interface Hit {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A local HTTP server answering with the next scripted JSON body. */
async function fakeApi() {
  const hits: Hit[] = [];
  const script: unknown[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      hits.push({ url: req.url ?? '', headers: req.headers, body });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(script.shift() ?? {}));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { hits, script, port, close: () => new Promise((r) => server.close(r)) };
}

/** A tiny SMTP server (RFC 5321's happy path), refusing recipients at refused.example. */
async function fakeSmtp() {
  const mails: { from: string; to: string[]; data: string }[] = [];
  const server = net.createServer((sock) => {
    let buf = '';
    let inData = false;
    let cur = { from: '', to: [] as string[], data: '' };
    sock.write('220 fake ESMTP\r\n');
    sock.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            mails.push(cur);
            cur = { from: '', to: [], data: '' };
            sock.write('250 queued as X1\r\n');
          } else cur.data += `${line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') sock.write('250 fake\r\n');
        else if (verb === 'MAIL') {
          cur.from = line;
          sock.write('250 ok\r\n');
        } else if (verb === 'RCPT') {
          if (line.includes('refused.example')) sock.write('550 no such user\r\n');
          else {
            cur.to.push(line);
            sock.write('250 ok\r\n');
          }
        } else if (verb === 'DATA') {
          inData = true;
          sock.write('354 go\r\n');
        } else if (verb === 'QUIT') {
          sock.end('221 bye\r\n');
        } else sock.write('250 ok\r\n');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { mails, port, close: () => new Promise((r) => server.close(r)) };
}

async function kindOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof ProviderError ? e.kind : `other:${String(e)}`;
  }
}

describe('X-5 providers against local fakes (issue #15 point 5)', () => {
  let api: Awaited<ReturnType<typeof fakeApi>>;
  let smtp: Awaited<ReturnType<typeof fakeSmtp>>;
  beforeAll(async () => {
    api = await fakeApi();
    smtp = await fakeSmtp();
  });
  afterAll(async () => {
    await api.close();
    await smtp.close();
  });

  it('Aliyun (official SDK): named variables, sign name, OutId = dedupe key; codes mapped', async () => {
    const p = aliyunSmsProvider({
      accessKeyId: 'ak',
      accessKeySecret: 'sk',
      templates: { login_code: 'SMS_100' },
      endpoint: `127.0.0.1:${api.port}`,
      protocol: 'http',
    });
    api.script.push({ Code: 'OK', BizId: 'biz-1', RequestId: 'r', Message: 'OK' });
    expect(await p.send(msg())).toEqual({ providerId: 'biz-1' });
    const q = new URL(api.hits.at(-1)!.url, 'http://x').searchParams;
    expect(q.get('PhoneNumbers')).toBe('13800000000');
    expect(q.get('SignName')).toBe('家门口');
    expect(q.get('TemplateCode')).toBe('SMS_100');
    expect(JSON.parse(q.get('TemplateParam')!)).toEqual({ code: '123456', minutes: '5' });
    expect(q.get('OutId')).toBe('dk-1');
    api.script.push({ Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: 'bad number' });
    expect(await kindOf(p.send(msg()))).toBe('permanent');
    api.script.push({ Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: 'flow control' });
    expect(await kindOf(p.send(msg()))).toBe('transient');
    expect(await kindOf(p.send(msg({ template: 'rating_invite' })))).toBe('permanent'); // no code
  });

  it('Tencent (official SDK): positional values, E.164, SessionContext; codes mapped', async () => {
    const p = tencentSmsProvider({
      secretId: 'id',
      secretKey: 'key',
      appId: '1400000000',
      templates: { appt_reminder: '2001' },
      endpoint: `127.0.0.1:${api.port}`,
      protocol: 'http://',
    });
    const ok = (Code: string) => ({
      Response: {
        SendStatusSet: [{ SerialNo: 's-1', PhoneNumber: '+8613800000000', Code, Message: Code }],
        RequestId: 'r',
      },
    });
    api.script.push(ok('Ok'));
    const m = msg({
      template: 'appt_reminder',
      params: { station: '伊庄村便民服务站', date: '2026-03-03', time: '09:00' },
    });
    expect(await p.send(m)).toEqual({ providerId: 's-1' });
    const hit = api.hits.at(-1)!;
    expect(hit.headers['x-tc-action']).toBe('SendSms');
    expect(JSON.parse(hit.body)).toMatchObject({
      SmsSdkAppId: '1400000000',
      SignName: '家门口',
      TemplateId: '2001',
      PhoneNumberSet: ['+8613800000000'],
      TemplateParamSet: ['2026-03-03', '09:00', '伊庄村便民服务站'],
      SessionContext: 'dk-1',
    });
    api.script.push(ok('FailedOperation.PhoneNumberInBlacklist'));
    expect(await kindOf(p.send(m))).toBe('permanent');
    api.script.push(ok('LimitExceeded.PhoneNumberDailyLimit'));
    expect(await kindOf(p.send(m))).toBe('transient');
  });

  it('WeChat subscribe messages: token once, typed data; 43101 is a refusal (→ SMS fallback)', async () => {
    const p = wechatProvider({
      appId: 'wx1',
      appSecret: 's',
      templates: { case_pickup_ready: 'tpl-1' },
      baseUrl: `http://127.0.0.1:${api.port}`,
    });
    const m = msg({
      channel: 'wechat',
      to: 'openid-1',
      template: 'case_pickup_ready',
      params: { number: '20260302-00001', station: '伊庄村便民服务站' },
    });
    const n = api.hits.length;
    api.script.push({ access_token: 'tok', expires_in: 7200 }, { errcode: 0, msgid: 42 });
    expect(await p.send(m)).toEqual({ providerId: '42' });
    api.script.push({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
    expect(await kindOf(p.send(m))).toBe('refused');
    const hits = api.hits.slice(n);
    expect(hits.map((h) => h.url.split('?')[0])).toEqual([
      '/cgi-bin/token',
      '/cgi-bin/message/subscribe/send',
      '/cgi-bin/message/subscribe/send',
    ]);
    expect(JSON.parse(hits[1]!.body)).toEqual({
      touser: 'openid-1',
      template_id: 'tpl-1',
      data: {
        character_string1: { value: '20260302-00001' },
        thing2: { value: '伊庄村便民服务站' },
      },
    });
  });

  it('SMTP (nodemailer) to a local server: delivered; a refused mailbox (550) is permanent', async () => {
    const p = smtpProvider({
      host: '127.0.0.1',
      port: smtp.port,
      from: 'noreply@doorstep.example',
      ignoreTLS: true,
    });
    const m = msg({
      channel: 'email',
      to: 'resident@example.cn',
      template: 'case_decided',
      params: { number: '20260302-00001', item: '高龄津贴申请', outcome: '办结' },
    });
    const r = await p.send(m);
    expect(r.providerId).toContain('dk-1');
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.to[0]).toContain('resident@example.cn');
    expect(smtp.mails[0]!.data).toMatch(/Subject: /);
    expect(await kindOf(p.send({ ...m, to: 'x@refused.example' }))).toBe('permanent');
  });

  it('configuration: production refuses an incomplete provider; development falls back to log', () => {
    const log = { info: () => undefined };
    expect(() => channelProvidersFromEnv({ SMS_PROVIDER: 'aliyun' }, 'production', log)).toThrow(
      /ALIYUN_ACCESS_KEY_ID/,
    );
    expect(() =>
      channelProvidersFromEnv(
        { SMS_PROVIDER: 'tencent', TENCENT_SECRET_ID: 'a', TENCENT_SECRET_KEY: 'b' },
        'production',
        log,
      ),
    ).toThrow(/TENCENT_SMS_APP_ID/);
    expect(() => channelProvidersFromEnv({}, 'production', log)).toThrow(/SMS_PROVIDER/);
    expect(() =>
      channelProvidersFromEnv({ SMS_PROVIDER: 'log', WECHAT_APP_ID: 'x' }, 'development', log),
    ).toThrow(/WECHAT_APP_SECRET/);
    expect(() => channelProvidersFromEnv({ SMS_SIGNATURE: '家门口' }, 'development', log)).toThrow(
      /SMS_SIGNATURE/,
    );
    const dev = channelProvidersFromEnv({}, 'development', log);
    expect(Object.keys(dev).sort()).toEqual(['email', 'print', 'sms']);
    const prod = channelProvidersFromEnv(
      {
        SMS_PROVIDER: 'aliyun',
        ALIYUN_ACCESS_KEY_ID: 'a',
        ALIYUN_ACCESS_KEY_SECRET: 'b',
        ALIYUN_SMS_TEMPLATES: '{"login_code":"SMS_1"}',
      },
      'production',
      log,
    );
    expect(prod.sms?.name).toBe('aliyun');
    expect(prod.email).toBeUndefined(); // no SMTP configured: no e-mail in production
  });
});
