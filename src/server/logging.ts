import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyServerOptions } from 'fastify';
import { containsPersonalNumber, maskPersonalNumbers } from '../shared/personal-numbers.ts';

/** Percent-decodes a URL for scrubbing ("+" is a space in a query); a malformed escape stays as it is. */
function decodeUrl(url: string): string {
  return url.replace(/\+/g, ' ').replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/**
 * Masks anything shaped like a full ID number or mobile number, as a last line of defence in
 * logs. The URL is decoded first, so `q=%E7%A8%8B%20110115…` or full-width digits cannot slip by.
 */
export function scrubIdNumbers(text: string): string {
  const scrubbed = maskPersonalNumbers(decodeUrl(text));
  return /\/track\b/.test(scrubbed) ? scrubbed.replace(TRACKING_CODE_PARAM, '$1****') : scrubbed;
}

/** A case's 查询码 opens its public tracking: like a password, it never reaches a log. */
const TRACKING_CODE_PARAM = /([?&]code=)[^&#\s]*/g;

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * The request id: a client's `x-request-id` only when it matches a strict pattern (it goes into logs
 * and the audit chain) and carries no personal number, else a fresh UUID.
 */
export function requestIdFor(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' &&
    CLIENT_REQUEST_ID.test(given) &&
    !containsPersonalNumber(given)
    ? given
    : crypto.randomUUID();
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
