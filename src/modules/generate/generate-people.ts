/**
 * `doorstep generate`, step 2: residents through the residents module's bulk writer (ID numbers
 * lookup-hashed and encrypted, phones encrypted, masks kept — never a number in clear). The
 * volunteers among them follow in generate-volunteering.ts.
 */
import { insertResidents, type ResidentToRegister } from '../residents/resident-batch.ts';
import type { GenerateContext } from './generate-context.ts';
import type { Places } from './generate-places.ts';
import { personAt } from './generate.plan.ts';

export interface People {
  residentIds: string[];
  /** Index into places.villages of each resident's home village. */
  homeVillage: Int32Array;
}

export async function generateResidents(ctx: GenerateContext, places: Places): Promise<People> {
  const total = ctx.plan.residents;
  const codes = places.villages.map((v) => v.code);
  const villageIndex = new Map(codes.map((c, i) => [c, i]));
  const people: People = { residentIds: [], homeVillage: new Int32Array(total) };
  ctx.progress('residents', 0, total);
  for (let start = 0; start < total; start += ctx.batch) {
    const batch: ResidentToRegister[] = [];
    for (let i = start; i < Math.min(total, start + ctx.batch); i += 1) {
      const p = personAt(ctx.seed, i, codes);
      people.homeVillage[i] = villageIndex.get(p.homeRegionCode)!;
      batch.push({
        idNumber: p.idNumber,
        sex: p.sex,
        birthDate: p.birthDate,
        fullName: p.fullName,
        phone: p.phone,
        homeRegionCode: p.homeRegionCode,
        address: `${places.villages[people.homeVillage[i]!]!.name}${p.address}`,
      });
    }
    const ids = await ctx.db
      .transaction()
      .execute((trx) =>
        insertResidents(trx, ctx.pii, { residents: batch, stationId: null, now: ctx.now }),
      );
    people.residentIds.push(...ids);
    ctx.progress('residents', people.residentIds.length, total);
  }
  return people;
}
