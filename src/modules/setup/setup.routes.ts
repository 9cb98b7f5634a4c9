/**
 * Issue #15 point 1: the first-run setup's API. While no administrator exists, the setup token
 * (printed in the server's log, setup-token.ts) in `x-setup-token` lets the person installing
 * Doorstep load the regions and create the first administrator; from then on the same steps are
 * an administrator's (regions here; catalog, stations and people on their own pages). Every step
 * shows what it will do before doing it (the regions preview; the status of each step).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasAnyRole, type Actor } from '../../shared/actor.ts';

/** Whoever called: signed in or not (the setup's token-guarded steps take anonymous callers). */
type Caller = Actor | null;
import { AppError } from '../../shared/problem.ts';
import './setup.problems.ts';
import { createAccount } from '../auth/account.service.ts';
import { readSetupState } from './setup-status.ts';
import { applyRegions, previewRegions, regionSourcePath } from './setup-regions.ts';
import { SETUP_STEPS, setupActionAllowed } from './setup.rules.ts';
import { isSetupToken } from './setup-token.ts';

const PUBLIC = { access: { public: true } } as const;
const tags = ['setup'];
const TOKEN_HEADER = 'x-setup-token';
/** Who did a token-guarded step: nobody signed in yet (the audit log names the setup). */
const SETUP_ACTOR = { accountId: null, role: 'setup', stationId: null };

const SetupStepView = z.object({
  key: z.enum(SETUP_STEPS),
  done: z.boolean(),
  count: z.number().int(),
  optional: z.boolean(),
});
const SetupView = z.object({
  open: z.boolean(),
  /** Whether the server has the NBS division data for the regions step. */
  regionSource: z.boolean(),
  /** The steps, to an administrator or while setup is open; empty otherwise. */
  steps: z.array(SetupStepView),
  next: z.enum(SETUP_STEPS).nullable(),
});
const ScopeBody = z.strictObject({
  scope: z
    .string()
    .trim()
    .regex(/^\d{0,12}$/),
});
const RegionPreviewView = z.object({
  source: z.string(),
  scope: z.string(),
  path: z.array(z.string()),
  total: z.number().int(),
  byLevel: z.record(z.string(), z.number().int()),
  present: z.number().int(),
  added: z.number().int(),
});
const RegionImportView = z.object({
  scope: z.string(),
  read: z.number().int(),
  imported: z.number().int(),
  unchanged: z.number().int(),
  renamed: z.number().int(),
  refused: z.array(z.object({ row: z.number().int(), code: z.string(), reason: z.string() })),
});

export const setupRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;
  const sourcePath = () => regionSourcePath(process.env);

  /** Throws unless the caller may take the action now. */
  async function allow(
    request: { headers: Record<string, unknown>; actor: Caller },
    action: 'regions' | 'admin',
  ) {
    const { state, counts } = await readSetupState(db);
    const actor = request.actor;
    const verdict = setupActionAllowed(action, state, counts, {
      hasToken: isSetupToken(app.deps.pii, request.headers[TOKEN_HEADER]),
      isAdmin: !!actor && hasAnyRole(actor, ['admin']),
    });
    if (verdict === 'token_required') throw new AppError('SETUP_TOKEN_REQUIRED');
    if (verdict === 'closed') throw new AppError('SETUP_CLOSED');
    if (verdict === 'regions_first') throw new AppError('SETUP_REGIONS_FIRST');
  }

  app.get(
    '/setup',
    {
      config: PUBLIC,
      schema: {
        tags,
        summary:
          'Issue #15: the first-run setup — open while no administrator exists; its steps and what each has',
        response: { 200: SetupView },
      },
    },
    async (request) => {
      const { state } = await readSetupState(db);
      const visible = state.open || (!!request.actor && hasAnyRole(request.actor, ['admin']));
      return {
        open: state.open,
        regionSource: visible && sourcePath() !== null,
        steps: visible ? state.steps : [],
        next: visible ? state.next : null,
      };
    },
  );

  app.post(
    '/setup/regions/preview',
    {
      config: PUBLIC,
      schema: {
        tags,
        summary:
          'What importing the NBS regions of a province, city, district or town would write (writes nothing)',
        body: ScopeBody,
        response: { 200: RegionPreviewView },
      },
    },
    async (request) => {
      await allow(request, 'regions');
      return previewRegions(db, { sourcePath: sourcePath(), scope: request.body.scope });
    },
  );

  app.post(
    '/setup/regions',
    {
      config: PUBLIC,
      schema: {
        tags,
        summary:
          'Import the NBS regions of a province, city, district or town (a re-run changes nothing and says so)',
        body: ScopeBody,
        response: { 200: RegionImportView },
      },
    },
    async (request) => {
      await allow(request, 'regions');
      const admin =
        request.actor && hasAnyRole(request.actor, ['admin'])
          ? { accountId: request.actor.accountId, role: 'admin', stationId: null }
          : SETUP_ACTOR;
      const summary = await applyRegions(db, {
        sourcePath: sourcePath(),
        scope: request.body.scope,
        actor: admin,
        now: app.deps.now(),
      });
      return {
        scope: summary.scope,
        read: summary.read,
        imported: summary.imported,
        unchanged: summary.unchanged,
        renamed: summary.renamed.length,
        refused: summary.refused,
      };
    },
  );

  app.post(
    '/setup/admin',
    {
      config: { ...PUBLIC, idempotent: true },
      schema: {
        tags,
        summary:
          'Create the first administrator (setup token; once only): scope a region already loaded',
        body: z.strictObject({
          username: z
            .string()
            .trim()
            .regex(/^[a-zA-Z0-9_.-]{3,50}$/),
          displayName: z.string().trim().min(1).max(50),
          password: z.string().min(1).max(200),
          regionCode: z.string().regex(/^\d{12}$/),
        }),
        response: { 201: z.object({ id: z.string(), username: z.string() }) },
      },
    },
    async (request, reply) => {
      await allow(request, 'admin');
      const region = await db
        .selectFrom('regions')
        .select('code')
        .where('code', '=', request.body.regionCode)
        .executeTakeFirst();
      if (!region) throw new AppError('UNKNOWN_REGION');
      const created = await createAccount(db, {
        username: request.body.username,
        displayName: request.body.displayName,
        password: request.body.password,
        grants: [{ role: 'admin', regionCode: request.body.regionCode }],
        actor: SETUP_ACTOR,
        requestId: request.id,
        now: app.deps.now(),
      });
      return reply.status(201).send({ id: created.id, username: created.username });
    },
  );
};
