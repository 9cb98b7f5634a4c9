/** The roles of PRODUCT.md. Each grant of a role carries a scope: a region or a station. */
export const ROLES = [
  'admin',
  'supervisor',
  'district_officer',
  'town_officer',
  'clerk',
  'agent',
  'volunteer_staff',
  'team_leader',
  'volunteer',
  'organiser',
  'guardian',
  'resident',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '管理员', en: 'Administrator' },
  supervisor: { zh: '监督员', en: 'Supervisor' },
  district_officer: { zh: '区级部门人员', en: 'District officer' },
  town_officer: { zh: '镇级中心人员', en: 'Town centre officer' },
  clerk: { zh: '村级专管员', en: 'Station clerk' },
  agent: { zh: '代办员', en: 'Village agent' },
  volunteer_staff: { zh: '文明实践中心人员', en: 'Volunteer centre staff' },
  team_leader: { zh: '志愿队长', en: 'Team leader' },
  volunteer: { zh: '志愿者', en: 'Volunteer' },
  organiser: { zh: '活动组织方', en: 'Program organiser' },
  guardian: { zh: '监护人', en: 'Guardian' },
  resident: { zh: '群众', en: 'Resident' },
};

/** Role groups used by route declarations. */
export const STAFF_ROLES = [
  'admin',
  'supervisor',
  'district_officer',
  'town_officer',
  'clerk',
  'agent',
] as const satisfies readonly Role[];
/** Who may register residents and look them up at a window. */
export const RESIDENT_REGISTRARS = [
  'admin',
  'town_officer',
  'clerk',
  'agent',
] as const satisfies readonly Role[];
/** Who may read the resident registry in their scope. */
export const RESIDENT_READERS = [
  'admin',
  'supervisor',
  'district_officer',
  'town_officer',
  'clerk',
  'agent',
] as const satisfies readonly Role[];
/** Everyone with an account: the region/station browser is open to them. */
export const ALL_ROLES = ROLES;
