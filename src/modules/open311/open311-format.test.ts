import { describe, expect, it } from 'vitest';
import { chinaIso, errorEnvelope, open311Status, splitFormat, toXml } from './open311-format.ts';

describe('Open311 wire formats', () => {
  it('splits the format suffix, keeping dots in the name', () => {
    expect(splitFormat('services.xml')).toEqual({ name: 'services', format: 'xml' });
    expect(splitFormat('inquiry.DX-SB-001.json')).toEqual({
      name: 'inquiry.DX-SB-001',
      format: 'json',
    });
    expect(splitFormat('services')).toBeNull();
    expect(splitFormat('services.html')).toBeNull();
    expect(splitFormat('.json')).toBeNull();
  });

  it('writes instants at +08:00', () => {
    expect(chinaIso('2026-03-02T01:30:05.123Z')).toBe('2026-03-02T09:30:05+08:00');
    expect(chinaIso('2026-03-01T20:00:00Z')).toBe('2026-03-02T04:00:00+08:00');
  });

  it('builds escaped XML with the GeoReport item names', () => {
    const xml = toXml('services', [
      { service_code: 'a&b', service_name: '<低保>', metadata: false, group: null },
    ]);
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<services><service><service_code>a&amp;b</service_code><service_name>&lt;低保&gt;</service_name><metadata>false</metadata><group/></service></services>',
    );
    expect(toXml('x', 'bell\u0007')).toContain('<x>bell</x>');
  });

  it('answers errors in the envelope with Open311 statuses', () => {
    expect(errorEnvelope('json', [{ code: 400, description: 'd' }]).body).toBe(
      '[{"code":400,"description":"d"}]',
    );
    expect(errorEnvelope('xml', [{ code: 404, description: 'd' }]).body).toContain(
      '<errors><error><code>404</code><description>d</description></error></errors>',
    );
    expect([401, 403, 404, 409, 422, 400, 503].map(open311Status)).toEqual([
      403, 403, 404, 400, 400, 400, 503,
    ]);
  });
});
