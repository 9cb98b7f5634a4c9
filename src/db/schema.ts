/**
 * Row types as the application sees them, identical on both dialects: timestamps are ISO-8601 UTC
 * strings, flags are 0/1 integers, JSON is text (see db/connection.ts for the PostgreSQL mapping).
 * The tables live in src/db/schema/ by area; this file is the one entry point. The schema check
 * (test/integration/schema-types.test.ts) compares them with a freshly migrated database.
 */
import type { ProgramsDatabase } from './schema/programs.ts';
import type { ProgramDayDatabase } from './schema/program-day.ts';
import type { PostsDatabase } from './schema/posts.ts';
import type { TrainingDatabase } from './schema/training.ts';
import type { RatingsDatabase } from './schema/ratings.ts';
import type { AppointmentsDatabase } from './schema/appointments.ts';
import type { HomeVisitsDatabase } from './schema/home-visits.ts';
import type { Open311Database } from './schema/open311.ts';
import type { RollupsDatabase } from './schema/rollups.ts';
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  AuditEventTable,
  AuditHeadTable,
  AuditSealHeadTable,
  AuditSealTable,
  AuditShardHeadTable,
  CounterTable,
  IdempotencyKeyTable,
  InstanceMetaTable,
} from './schema/audit.ts';
import type {
  AttachmentTable,
  AuthorizationScanTable,
  AuthorizationTable,
  CaseActionTable,
  CaseDeliveryTable,
  CasePauseTable,
  CaseRequestTable,
  CaseTable,
  EscalationTable,
  HandoffTable,
  InquiryTable,
  NotificationTable,
} from './schema/cases.ts';
import type {
  AccountRecoveryCodeTable,
  AccountTable,
  LoginThrottleTable,
  OutboxMessageTable,
  WebhookSubscriberTable,
  RegionTable,
  ResidentTable,
  RoleGrantTable,
  SessionTable,
  SmsLoginCodeTable,
  StationTable,
} from './schema/foundation.ts';
import type {
  CalendarNoticeDayTable,
  CalendarOverrideTable,
  CalendarVersionTable,
  CalendarYearTable,
  CatalogItemTable,
  CatalogItemVersionTable,
} from './schema/reference.ts';
import type {
  VsActivityTable,
  VsCategoryTable,
  VsCertificateTable,
  VsCodeUseTable,
  VsNeedTable,
  VsOrderActionTable,
  VsOrderSweepTable,
  VsOrderTable,
  VsProjectTable,
  VsRatingTable,
  VsRecordEntryTable,
  VsRegionStarPackTable,
  VsResourceTable,
  VsServiceRecordTable,
  VsSignupTable,
  VsStarPackTable,
  VsTeamMemberTable,
  VsTeamTable,
  VsVolunteerTable,
} from './schema/volunteers.ts';

export type * from './schema/columns.ts';
export type * from './schema/audit.ts';
export type * from './schema/cases.ts';
export type * from './schema/foundation.ts';
export type * from './schema/reference.ts';
export type * from './schema/volunteers.ts';
export type * from './schema/programs.ts';
export type * from './schema/program-day.ts';
export type * from './schema/posts.ts';

export type * from './schema/training.ts';

export type * from './schema/ratings.ts';

export type * from './schema/appointments.ts';

export type * from './schema/home-visits.ts';

export type * from './schema/open311.ts';

export type * from './schema/rollups.ts';

export interface Database
  extends
    ProgramsDatabase,
    ProgramDayDatabase,
    PostsDatabase,
    TrainingDatabase,
    RatingsDatabase,
    AppointmentsDatabase,
    HomeVisitsDatabase,
    Open311Database,
    RollupsDatabase {
  regions: RegionTable;
  stations: StationTable;
  residents: ResidentTable;
  accounts: AccountTable;
  role_grants: RoleGrantTable;
  sessions: SessionTable;
  outbox_messages: OutboxMessageTable;
  webhook_subscribers: WebhookSubscriberTable;
  sms_login_codes: SmsLoginCodeTable;
  login_throttle: LoginThrottleTable;
  account_recovery_codes: AccountRecoveryCodeTable;
  audit_head: AuditHeadTable;
  audit_events: AuditEventTable;
  audit_shard_heads: AuditShardHeadTable;
  audit_seals: AuditSealTable;
  audit_seal_head: AuditSealHeadTable;
  idempotency_keys: IdempotencyKeyTable;
  calendar_overrides: CalendarOverrideTable;
  calendar_years: CalendarYearTable;
  calendar_notice_days: CalendarNoticeDayTable;
  calendar_version: CalendarVersionTable;
  catalog_items: CatalogItemTable;
  catalog_item_versions: CatalogItemVersionTable;
  cases: CaseTable;
  case_actions: CaseActionTable;
  case_pauses: CasePauseTable;
  case_requests: CaseRequestTable;
  counters: CounterTable;
  inquiries: InquiryTable;
  handoffs: HandoffTable;
  notifications: NotificationTable;
  authorizations: AuthorizationTable;
  escalations: EscalationTable;
  attachments: AttachmentTable;
  authorization_scans: AuthorizationScanTable;
  vs_categories: VsCategoryTable;
  vs_volunteers: VsVolunteerTable;
  vs_teams: VsTeamTable;
  vs_team_members: VsTeamMemberTable;
  vs_resources: VsResourceTable;
  vs_projects: VsProjectTable;
  vs_orders: VsOrderTable;
  vs_needs: VsNeedTable;
  vs_order_actions: VsOrderActionTable;
  vs_order_sweeps: VsOrderSweepTable;
  vs_activities: VsActivityTable;
  vs_signups: VsSignupTable;
  vs_code_uses: VsCodeUseTable;
  vs_service_records: VsServiceRecordTable;
  vs_record_entries: VsRecordEntryTable;
  vs_ratings: VsRatingTable;
  vs_certificates: VsCertificateTable;
  vs_star_packs: VsStarPackTable;
  vs_region_star_packs: VsRegionStarPackTable;
  instance_meta: InstanceMetaTable;
  case_deliveries: CaseDeliveryTable;
}

export type Region = Selectable<RegionTable>;
export type Station = Selectable<StationTable>;
export type Resident = Selectable<ResidentTable>;
export type Account = Selectable<AccountTable>;
export type RoleGrant = Selectable<RoleGrantTable>;
export type NewStation = Insertable<StationTable>;
export type StationUpdate = Updateable<StationTable>;
export type AuditEvent = Selectable<AuditEventTable>;
export type { Generated };
