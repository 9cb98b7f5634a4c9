/**
 * Open311 GeoReport v2 wire formats (issue #15 point 7), pure: the same answer as JSON or as XML
 * (FixMyStreet's client reads XML only), times in ISO 8601 at +08:00, and Open311's error envelope.
 * No XML library is a dependency of the project, so this is a small escaping builder: elements and
 * text only (no attributes), characters XML 1.0 forbids dropped.
 */
import { CHINA_OFFSET_MS } from '../../shared/china-time.ts';

export type Open311Format = 'json' | 'xml';

export type WireValue =
  string | number | boolean | null | WireValue[] | { [key: string]: WireValue };

/** The element each list's items are written as (GeoReport v2 and the mySociety extension). */
const ITEM_NAMES: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

/** "services.xml" → ["services", "xml"]; an unknown or missing suffix → null. */
export function splitFormat(file: string): { name: string; format: Open311Format } | null {
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return null;
  const ext = file.slice(dot + 1).toLowerCase();
  if (ext !== 'json' && ext !== 'xml') return null;
  return { name: file.slice(0, dot), format: ext };
}

/** An instant as ISO 8601 in China time: 2026-03-02T09:30:00+08:00. */
export function chinaIso(instant: string | Date): string {
  const ms =
    (typeof instant === 'string' ? Date.parse(instant) : instant.getTime()) + CHINA_OFFSET_MS;
  return `${new Date(ms).toISOString().slice(0, 19)}+08:00`;
}

// Tab, LF, CR and everything from U+0020 except the surrogates and U+FFFE/U+FFFF.
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(value: string): string {
  return value
    .replace(NOT_XML_CHAR, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

function element(name: string, value: WireValue): string {
  if (value === null) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object')
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => element(k, v))
      .join('')}</${name}>`;
  return `<${name}>${xmlText(String(value))}</${name}>`;
}

/** A whole XML document: the root element holding the value (a list's items by ITEM_NAMES). */
export function toXml(root: string, value: WireValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}`;
}

export interface Open311ErrorItem {
  code: number;
  description: string;
}

/** Open311's error envelope: JSON an array of {code, description}; XML <errors><error>…. */
export function errorEnvelope(
  format: Open311Format,
  errors: Open311ErrorItem[],
): { contentType: string; body: string } {
  return format === 'xml'
    ? {
        contentType: 'text/xml; charset=utf-8',
        body: toXml('errors', errors as unknown as WireValue),
      }
    : { contentType: 'application/json; charset=utf-8', body: JSON.stringify(errors) };
}

/** The answer in the asked format: JSON as is, XML under `root`. */
export function encode(
  format: Open311Format,
  root: string,
  value: WireValue,
): { contentType: string; body: string } {
  return format === 'xml'
    ? { contentType: 'text/xml; charset=utf-8', body: toXml(root, value) }
    : { contentType: 'application/json; charset=utf-8', body: JSON.stringify(value) };
}

/** Open311's statuses: 400 bad request, 403 key, 404 not found; other client errors are 400. */
export function open311Status(status: number): number {
  if (status === 403 || status === 401) return 403;
  if (status === 404 || status === 400) return status;
  if (status >= 500) return status;
  return 400;
}
