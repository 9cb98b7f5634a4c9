/**
 * Issue #16 point 4: `doorstep generate --scale tiny|town|district|city [--seed N] [--years 2]
 * [--append]` into the configured database — never in production, and only into an empty database
 * unless --append (then give another --seed: generated usernames and ID numbers follow the seed).
 */
import { SingleBar, Presets } from 'cli-progress';
import type { CliIo } from './cli-io.ts';
import { batchConfig } from './batch-config.ts';
import { prepare } from '../server/bootstrap.ts';
import { generateDataSet } from '../modules/generate/generate.service.ts';
import { generateRegionSource } from '../modules/generate/generate-places.ts';

import { isScale, planScale, SCALES } from '../modules/generate/generate.plan.ts';

export const GENERATED_STAFF_PASSWORD = 'Generated-Staff-2026!';

export interface GenerateFlags {
  scale: string;
  seed: string;
  years: string;
  append?: boolean;
}

export async function runGenerate(io: CliIo, flags: GenerateFlags): Promise<number> {
  const seed = Number(flags.seed);
  const years = Number(flags.years);
  if (!isScale(flags.scale)) {
    io.err(`refused: --scale ${flags.scale}: one of ${SCALES.join(', ')}`);
    return 2;
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 1_000_000) {
    io.err('refused: --seed: a whole number from 0 to 1000000');
    return 2;
  }
  if (!Number.isInteger(years) || years < 1 || years > 10) {
    io.err('refused: --years: a whole number from 1 to 10');
    return 2;
  }
  // A batch job: its COPYs and the closing VACUUM run for minutes (the client's 20 s read timeout
  // cut the district's VACUUM).
  const config = batchConfig(io.env);
  if (config.env === 'production') {
    io.err('refused: generated data is never written into a production database');
    return 2;
  }
  const { db, pii } = await prepare(config, { demo: false });
  try {
    const [regions, residents] = await Promise.all(
      (['regions', 'residents'] as const).map((t) =>
        db.kysely
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ),
    );
    if ((Number(regions!.n) > 0 || Number(residents!.n) > 0) && !flags.append) {
      io.err('refused: the database is not empty; generate into an empty one, or pass --append');
      return 2;
    }
    const plan = planScale(flags.scale);
    const source = generateRegionSource(io.env);
    io.out(
      `generating ${plan.scale} (scope ${plan.scope}, ${plan.residents} residents, ${plan.cases} cases, ${years} years, seed ${seed}) into ${config.database.dialect} from ${source}`,
    );
    let bar: SingleBar | null = null;
    let current = '';
    const summary = await generateDataSet({
      db: db.kysely,
      pii,
      scale: plan.scale,
      seed,
      years,
      now: new Date(),
      regionSource: source,
      staffPassword: io.env.DOORSTEP_GENERATE_PASSWORD ?? GENERATED_STAFF_PASSWORD,
      progress: (step, done, total) => {
        if (step !== current) {
          bar?.stop();
          current = step;
          bar = new SingleBar(
            {
              format: `${step.padEnd(10)} [{bar}] {percentage}% {value}/{total} rows, {eta}s left`,
              hideCursor: true,
              noTTYOutput: true,
              notTTYSchedule: 5000,
              stream: io.progress,
            },
            Presets.shades_classic,
          );
          bar.start(total, done);
        } else bar?.update(done);
      },
    });
    (bar as SingleBar | null)?.stop();
    const rows = summary.residents + summary.cases * 2 + summary.hours * 2 + summary.ratings;
    io.out(`generated: ${JSON.stringify(summary)}`);
    io.out(
      `about ${rows} rows in ${summary.seconds.toFixed(1)} s: ${Math.round(rows / summary.seconds)} rows/s; staff log in as g${seed}-clerk-<village code>, g${seed}-town-<town code>, g${seed}-supervisor-<district code> with DOORSTEP_GENERATE_PASSWORD (default ${GENERATED_STAFF_PASSWORD})`,
    );
    return 0;
  } finally {
    await db.close();
  }
}
