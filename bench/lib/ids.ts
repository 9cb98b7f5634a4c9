import { buildIdNumber } from '../../src/modules/residents/id-number.ts';

/** 魏善庄镇 (the clerk's reach): the villages 110115110200–110115110238. */
const VILLAGES = Array.from({ length: 39 }, (_, i) => `110115110${200 + i}`);
const FIRST_BIRTH_DAY = Date.UTC(1940, 0, 1);
const DAY_MS = 86_400_000;
const PER_DAY = 1000; // the 3-digit sequence

/**
 * Valid, never-repeating ID numbers for the whole run: the n-th number is born on day n ÷ 1000
 * after 1940-01-01 with sequence n mod 1000, so 1,000 a day and 29 million before 2020.
 */
export class IdSource {
  #next = 0;

  nextIdNumber(): string {
    const n = this.#next++;
    const birth = new Date(FIRST_BIRTH_DAY + Math.floor(n / PER_DAY) * DAY_MS);
    const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
    return buildIdNumber('110115', ymd, String(n % PER_DAY).padStart(3, '0'));
  }

  get issued(): number {
    return this.#next;
  }
}

export interface NewResidentBody {
  idNumber: string;
  fullName: string;
  phone: string;
  homeRegionCode: string;
  address: string;
}

/** A registration body for the clerk of 伊庄村 (reach: all of 魏善庄镇). */
export function residentBody(ids: IdSource): NewResidentBody {
  const n = ids.issued;
  const idNumber = ids.nextIdNumber();
  return {
    idNumber,
    fullName: `测试居民${n}`,
    phone: `139${String(n % 100_000_000).padStart(8, '0')}`,
    homeRegionCode: VILLAGES[n % VILLAGES.length]!,
    address: `北京市大兴区魏善庄镇测试路${1 + (n % 500)}号`,
  };
}
