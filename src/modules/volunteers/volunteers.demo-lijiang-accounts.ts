/** 丽江 demo accounts: three shop owners (residents with accounts), centre staff, a leader, a volunteer. */
import { hashPassword } from '../auth/password.ts';
import type { Role } from '../../shared/roles.ts';
import { buildIdNumber } from '../residents/id-number.ts';
import { registerResident } from '../residents/residents.service.ts';
import { DAYAN, GUCHENG, XINYI } from './volunteers.demo-ids.ts';
import { insertAccount, type DemoVolunteerDeps, type SeedBase } from './volunteers.demo-support.ts';

export async function seedLijiangAccounts(deps: DemoVolunteerDeps, base: SeedBase) {
  const { db, pii, now } = deps;
  /* ---------- 丽江: accounts ---------- */
  const shopOwners = [
    {
      fullName: '和丽华',
      birth: '19780512',
      seq: '024',
      shop: '纳西手工银器店',
      phone: '13988801001',
    },
    {
      fullName: '木春燕',
      birth: '19850923',
      seq: '046',
      shop: '古城鲜花饼铺',
      phone: '13988801002',
    },
    { fullName: '杨志刚', birth: '19720308', seq: '013', shop: '东巴纸工坊', phone: '13988801003' },
  ];
  const residentIds: string[] = [];
  for (const [i, s] of shopOwners.entries()) {
    const r = await registerResident(
      { db, pii },
      {
        ...base,
        resident: {
          idNumber: buildIdNumber('530702', s.birth, s.seq),
          fullName: s.fullName,
          phone: s.phone,
          homeRegionCode: XINYI,
          address: `云南省丽江市古城区大研街道新义社区新义街${12 + i * 7}号（${s.shop}）`,
        },
      },
    );
    residentIds.push(r.id);
  }
  const passwordHash = await hashPassword(deps.password);
  return db.transaction().execute(async (trx) => {
    const mk = (
      username: string,
      displayName: string,
      role: Role,
      regionCode: string,
      residentId?: string,
    ) =>
      insertAccount(trx, {
        username,
        displayName,
        role,
        regionCode,
        residentId,
        passwordHash,
        now,
      });
    return {
      staff: await mk(
        'lj-staff',
        '古城区新时代文明实践中心工作人员（演示）',
        'volunteer_staff',
        GUCHENG,
      ),
      leader: await mk('lj-leader', '彩虹志愿服务队队长（演示）', 'team_leader', DAYAN),
      volunteer: await mk('lj-volunteer', '彩虹志愿服务队志愿者（演示）', 'volunteer', DAYAN),
      residents: [
        await mk(
          'lj-resident1',
          `${shopOwners[0]!.fullName}（演示）`,
          'resident',
          XINYI,
          residentIds[0],
        ),
        await mk(
          'lj-resident2',
          `${shopOwners[1]!.fullName}（演示）`,
          'resident',
          XINYI,
          residentIds[1],
        ),
        await mk(
          'lj-resident3',
          `${shopOwners[2]!.fullName}（演示）`,
          'resident',
          XINYI,
          residentIds[2],
        ),
      ],
    };
  });
}
