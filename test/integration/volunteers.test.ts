/**
 * VS-1 / VS-2 over HTTP on a real database: real-name volunteer registration (age and guardian
 * consent, duplicates, scope, masking), the "8+N" categories, corps → teams → sub-teams with join
 * requests decided by a leader, and the resource and project lists.
 *
 * The story runs in order in this file; its steps live in volunteers.*.ts and the shared state in
 * volunteers.world.fixtures.ts.
 */
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../src/modules/auth/roles.ts';
import { ACCOUNTS } from './access/index.ts';
import { adultId, c, registration, t, useVolunteersWorld } from './volunteers.world.fixtures.ts';
import { registrationSteps } from './volunteers.registration.ts';
import { registrySteps } from './volunteers.registry.ts';
import { teamSteps } from './volunteers.teams.ts';
import { joinRequestSteps } from './volunteers.join-requests.ts';
import { resourceSteps } from './volunteers.resources.ts';

describe('volunteers, teams and lists (VS-1, VS-2)', () => {
  useVolunteersWorld();

  registrationSteps();
  registrySteps();
  teamSteps();
  joinRequestSteps();
  resourceSteps();

  it('self-registration is open to every role (the demo volunteer is registered already)', async () => {
    let seq = 100;
    for (const [username, role] of Object.entries(ACCOUNTS)) {
      const res = await c[username]!.call(
        'POST',
        '/api/v1/volunteers/me',
        registration({ idNumber: adultId(seq++) }),
      );
      expect(ROLES).toContain(role);
      if (username === 'volunteer' || username === 'organiser')
        expect(res.json(), username).toMatchObject({ code: 'VOLUNTEER_ALREADY_REGISTERED' });
      else expect(res.statusCode, `${username}: ${res.body}`).toBe(201);
    }
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/v1/volunteers/me',
      payload: registration(),
    });
    expect(anon.statusCode).toBe(401);
  });
});
