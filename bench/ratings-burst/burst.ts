/** The burst over HTTP (every rating sent `taps` times at once) and the database's count after. */
import type { DatabaseConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { Client, summary } from '../market-day/http.ts';
import type { World } from './seed.ts';

export interface BurstOutcome {
  figures: ReturnType<typeof summary>;
  subjects: number;
  /** Subjects with exactly one 201 among their taps. */
  oneWinner: number;
  /** Answers other than 201 and the expected refusals (409 / 4xx problem for a repeat). */
  unexpected: string[];
}

export async function burst(
  base: string,
  world: World,
  taps: number,
  connections: number,
): Promise<BurstOutcome> {
  const client = new Client(base, connections);
  const jobs: { subject: string; send: () => Promise<number> }[] = [];
  for (const s of world.stations) {
    for (const token of s.linkTokens)
      for (let t = 0; t < taps; t++)
        jobs.push({
          subject: `link:${token}`,
          send: async () =>
            (
              await client.request('link', 'POST', `/ratings/public/links/${token}`, null, {
                level: 5,
              })
            ).status,
        });
    for (let t = 0; t < taps; t++)
      jobs.push({
        subject: `device:${s.id}`,
        send: async () =>
          (
            await client.request(
              'device',
              'POST',
              '/ratings/device/ratings',
              null,
              { caseId: s.deviceCaseId, level: 4 },
              { 'x-rating-device': s.deviceToken },
            )
          ).status,
      });
  }
  jobs.sort(() => Math.random() - 0.5);
  const wins = new Map<string, number>();
  const unexpected: string[] = [];
  const t0 = performance.now();
  await Promise.all(
    jobs.map(async (j) => {
      const status = await j.send();
      if (status === 201) wins.set(j.subject, (wins.get(j.subject) ?? 0) + 1);
      else if (status !== 409 && status !== 404 && unexpected.length < 10)
        unexpected.push(`${j.subject}: ${status}`);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  client.close();
  const subjects = new Set(jobs.map((j) => j.subject)).size;
  return {
    figures: summary(client.samples, seconds),
    subjects,
    oneWinner: [...wins.values()].filter((n) => n === 1).length,
    unexpected,
  };
}

/** In the database: one rating per subject, one audit event per rating, the devices' among them. */
export async function dbCount(url: string) {
  const config: DatabaseConfig = url.startsWith('sqlite:')
    ? { dialect: 'sqlite', file: url.slice('sqlite:'.length) }
    : { dialect: 'postgres', url, poolSize: 2 };
  const db = openDatabase(config);
  const k = db.kysely;
  try {
    const perSubject = await k
      .selectFrom('ratings')
      .select(['subject_id', 'channel', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['subject_id', 'channel'])
      .execute();
    const events = await k
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'rating.recorded')
      .executeTakeFirstOrThrow();
    return {
      ratings: perSubject.reduce((a, r) => a + Number(r.n), 0),
      twice: perSubject.filter((r) => Number(r.n) > 1).length,
      device: perSubject.filter((r) => r.channel === 'device').length,
      events: Number(events.n),
    };
  } finally {
    await db.close();
  }
}
