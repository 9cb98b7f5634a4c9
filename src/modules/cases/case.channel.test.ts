import { describe, expect, it } from 'vitest';
import { decideChannel } from './case.channel.ts';

describe('decideChannel (GS-10: a case records its channel)', () => {
  it('defaults to the window, or to the agent when an agent files', () => {
    expect(
      decideChannel({ requested: undefined, filedByAgent: false, offered: ['online'] }),
    ).toEqual({ allowed: true, channel: 'window' });
    expect(
      decideChannel({ requested: undefined, filedByAgent: true, offered: ['window'] }),
    ).toEqual({ allowed: true, channel: 'agent' });
    expect(decideChannel({ requested: undefined, filedByAgent: true, offered: ['agent'] })).toEqual(
      {
        allowed: true,
        channel: 'agent',
      },
    );
  });

  it('takes the window and the phone for any item (赶集式)', () => {
    for (const requested of ['window', 'phone'] as const)
      expect(decideChannel({ requested, filedByAgent: false, offered: ['online'] }).allowed).toBe(
        true,
      );
  });

  it('records staff naming the agent channel only when the item offers it', () => {
    expect(decideChannel({ requested: 'agent', filedByAgent: false, offered: ['window'] })).toEqual(
      {
        allowed: false,
        channel: 'agent',
        offered: ['window'],
      },
    );
  });

  it('needs the item to offer an appointment, a home visit or online filing', () => {
    for (const requested of ['appointment', 'home_visit', 'online'] as const) {
      expect(decideChannel({ requested, filedByAgent: false, offered: ['window'] })).toEqual({
        allowed: false,
        channel: requested,
        offered: ['window'],
      });
      expect(decideChannel({ requested, filedByAgent: false, offered: [requested] }).allowed).toBe(
        true,
      );
    }
  });
});
