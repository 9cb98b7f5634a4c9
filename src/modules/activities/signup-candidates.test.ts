import { describe, expect, it } from 'vitest';
import { candidatePrefix } from './signup-candidates.ts';

describe('issue #15 p4 the volunteers a lead may sign up by hand', () => {
  it('are those of the activity’s town, or of the wider region it serves', () => {
    expect(candidatePrefix('110115110207')).toBe('110115110'); // a village: its town
    expect(candidatePrefix('110115110000')).toBe('110115110'); // a town
    expect(candidatePrefix('110115000000')).toBe('110115'); // a district
  });
});
