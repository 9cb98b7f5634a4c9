/** Shapes of the API's JSON (see /api/openapi.json). */

export type Locale = 'zh-CN' | 'en';

export type Role =
  | 'admin'
  | 'supervisor'
  | 'district_officer'
  | 'town_officer'
  | 'clerk'
  | 'agent'
  | 'volunteer_staff'
  | 'team_leader'
  | 'volunteer'
  | 'organiser'
  | 'guardian'
  | 'resident';

export interface LocalizedLabel {
  zh: string;
  en: string;
}

export interface Grant {
  role: Role;
  roleLabel: LocalizedLabel;
  regionCode: string;
  regionName: string;
  stationId: string | null;
  stationName: string | null;
  reachPrefix: string;
}

export interface Preferences {
  elderlyMode: boolean;
  locale: Locale;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  residentId: string | null;
  grants: Grant[];
  preferences: Preferences;
  /** login asks for a code when enabled; required = must enrol before anything else. */
  secondFactor?: { enabled: boolean; required: boolean };
}

export type RegionLevel = 'province' | 'city' | 'district' | 'town' | 'village' | 'grid';

export interface Region {
  code: string;
  name: string;
  parentCode: string | null;
  level: RegionLevel;
  childCount: number;
  stationCount: number;
}

export interface RegionPathItem {
  code: string;
  name: string;
  level: RegionLevel;
}

export interface RegionDetail {
  path: RegionPathItem[];
  children: Region[];
}

export type StationKind = 'district_centre' | 'town_centre' | 'village_station';

export interface OpeningHours {
  days: number[];
  open: string;
  close: string;
}

export interface Station {
  id: string;
  code: string;
  name: string;
  kind: StationKind;
  regionCode: string;
  regionName: string;
  address: string;
  phone: string;
  openingHours: OpeningHours[];
  isDemo: boolean;
}

export interface Resident {
  id: string;
  fullName: string;
  sex: 'male' | 'female';
  birthDate: string;
  idMasked: string;
  phoneMasked: string | null;
  homeRegionCode: string;
  homeRegionName: string;
  address: string;
  registeredStationId: string | null;
  createdAt: string;
}

export interface NewResident {
  idNumber: string;
  fullName: string;
  phone?: string;
  homeRegionCode: string;
  address: string;
}

export interface RevealedResident {
  idNumber: string;
  phone: string | null;
}

export interface AuditEvent {
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  stationId: string | null;
  stationName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  /** What a reader knows the entity by (a case or order number, a name), when it has one. */
  entityLabel: string | null;
  regionCode: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  reason: string | null;
}
