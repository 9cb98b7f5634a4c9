import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RESIDENT_PATHS } from './web-entries.ts';

describe('#11 the service worker keeps one shell per web entry', () => {
  it('its light-entry addresses are exactly the ones the server gives the light entry', () => {
    const sw = fs.readFileSync('web/public/sw.js', 'utf8');
    const list = /const LIGHT_PATHS = \[(.*)\];/.exec(sw)?.[1];
    expect(list, 'LIGHT_PATHS in web/public/sw.js').toBeDefined();
    const swPatterns = [...list!.matchAll(/\/\^(.*?)\$\//g)].map((m) => `^${m[1]}$`);
    expect(swPatterns).toEqual(RESIDENT_PATHS.map((re) => re.source));
  });
});
