import type { FastifyServerOptions } from 'fastify';

const ID_NUMBER = /\b(\d{6})\d{8}(\d{3}[\dXx])\b/g;

/** Masks anything shaped like a full ID number, as a last line of defence in logs. */
export function scrubIdNumbers(text: string): string {
  return text.replace(ID_NUMBER, '$1********$2');
}

/** Structured JSON logs with the request id; URLs scrubbed; bodies and auth headers never logged. */
export function logOptions(
  level: string,
): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    serializers: {
      req(req: { method: string; url: string; id: string; ip?: string }) {
        return { method: req.method, url: scrubIdNumbers(req.url), id: req.id, ip: req.ip };
      },
    },
  };
}
