/**
 * Shared shapes of the API's JSON, named from the generated contract (issue #12): the server's
 * OpenAPI document is the one source (`npm run gen:api`).
 */
import type { Answer, BodyOf, Item } from './contract';

export type Me = Answer<'/api/v1/auth/me'>;
export type Grant = Item<Me['grants']>;
export type Role = Grant['role'];
export type LocalizedLabel = Grant['roleLabel'];
export type Preferences = Me['preferences'];
export type Locale = Preferences['locale'];
/** A capability the server grants (`/auth/me`), e.g. 'cases.intake'. */
export type Capability = Item<Me['capabilities']>;

export type Region = Item<Answer<'/api/v1/regions'>>;
export type RegionLevel = Region['level'];
export type RegionDetail = Answer<'/api/v1/regions/{code}'>;
export type RegionPathItem = Item<RegionDetail['path']>;

export type Station = Item<Answer<'/api/v1/stations'>>;
export type StationKind = Station['kind'];
export type OpeningHours = Item<Station['openingHours']>;

export type Resident = Answer<'/api/v1/residents/{id}'>;
export type NewResident = BodyOf<'/api/v1/residents'>;
export type RevealedResident = Answer<'/api/v1/residents/{id}/reveal', 'post'>;

export type AuditEvent = Item<Answer<'/api/v1/audit/events'>>;
export type AuditVerification = Answer<'/api/v1/audit/verify', 'post'>;
