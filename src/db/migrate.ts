import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './connection.ts';
import { foundation } from './migrations/0001_foundation.ts';
import { calendar } from './migrations/0002_calendar.ts';
import { catalog } from './migrations/0003_catalog.ts';
import { cases } from './migrations/0004_cases.ts';
import { firstResponse } from './migrations/0005_first_response.ts';
import { attachments } from './migrations/0006_attachments.ts';
import { escalations } from './migrations/0007_escalations.ts';
import { volunteers } from './migrations/0008_volunteers.ts';
import { casesGaps } from './migrations/0009_cases_gaps.ts';
import { vsActivitiesExtra } from './migrations/0010_vs_activities_extra.ts';
import { starPacks } from './migrations/0011_star_packs.ts';
import { calendarYears } from './migrations/0012_calendar_years.ts';
import { caseRequests } from './migrations/0013_case_requests.ts';
import { auditKeyed } from './migrations/0017_audit_keyed.ts';
import { idempotencyCommit } from './migrations/0016_idempotency_commit.ts';
import { scope } from './migrations/0018_scope.ts';
import { piiText } from './migrations/0014_pii_text.ts';
import { authHardening } from './migrations/0015_auth_hardening.ts';
import { notificationsSms } from './migrations/0019_notifications_sms.ts';
import { programs } from './migrations/0020_programs.ts';
import { programLottery } from './migrations/0021_program_lottery.ts';
import { programDay } from './migrations/0022_program_day.ts';
import { caseChannel } from './migrations/0023_case_channel.ts';
import { programsFinish } from './migrations/0030_programs_finish.ts';
import { posts } from './migrations/0024_posts.ts';
import { training } from './migrations/0025_training.ts';
import { ratings } from './migrations/0026_ratings.ts';
import { appointments } from './migrations/0027_appointments.ts';
import { homeVisits } from './migrations/0028_home_visits.ts';
import { ratingsInvites } from './migrations/0031_ratings_invites.ts';
import { programsGradeNeighbourhood } from './migrations/0032_programs_grade_neighbourhood.ts';
import { homeVisitsResidents } from './migrations/0033_home_visits_residents.ts';
import { appointmentsBookingSlots } from './migrations/0034_appointments_booking_slots.ts';
import { residentsOneLogin } from './migrations/0035_residents_one_login.ts';
import { regionsSearch } from './migrations/0040_regions_search.ts';
import { stationWindows } from './migrations/0037_station_windows.ts';
import { open311 } from './migrations/0039_open311.ts';
import { catalogTownItems } from './migrations/0044_catalog_town_items.ts';
import { auditShards } from './migrations/0048_audit_shards.ts';
import { casesOverdueMarker } from './migrations/0050_cases_overdue_marker.ts';
import { caseListIndexes } from './migrations/0049_case_list_indexes.ts';
import { miscListIndexes } from './migrations/0057_misc_list_indexes.ts';
import { figureRollups } from './migrations/0053_figure_rollups.ts';
import { outboxChannels } from './migrations/0041_outbox_channels.ts';
import { partitions } from './migrations/0054_partitions.ts';
import { registryListIndexes } from './migrations/0055_registry_list_indexes.ts';
import { vsListIndexes } from './migrations/0056_vs_list_indexes.ts';
import { unpagedListIndexes } from './migrations/0058_unpaged_list_indexes.ts';
import { keysetLastLists } from './migrations/0059_keyset_last_lists.ts';
import { hourRecordsRegionKey } from './migrations/0060_hour_records_region_key.ts';
import { casesTownCreated } from './migrations/0061_cases_town_created.ts';
import { caseStationTotals } from './migrations/0062_case_station_totals.ts';
import { vsFigureIndexes } from './migrations/0063_vs_figure_indexes.ts';
import { vsAreaRollups } from './migrations/0064_vs_area_rollups.ts';
import { casesRunningDue } from './migrations/0065_cases_running_due.ts';
import { vsAreaRollupSlots } from './migrations/0066_vs_area_rollup_slots.ts';
import { calendarVersion } from './migrations/0067_calendar_version.ts';
import { accountsMustChangePassword } from './migrations/0045_accounts_must_change_password.ts';
import type { DialectMigration } from './migrations/types.ts';

/** One ordered list for both dialects; a migration branches on dialect only where it must. */
const MIGRATIONS: Record<string, DialectMigration> = {
  '0001_foundation': foundation,
  '0002_calendar': calendar,
  '0003_catalog': catalog,
  '0004_cases': cases,
  '0005_first_response': firstResponse,
  '0006_attachments': attachments,
  '0007_escalations': escalations,
  '0008_volunteers': volunteers,
  '0009_cases_gaps': casesGaps,
  '0010_vs_activities_extra': vsActivitiesExtra,
  '0011_star_packs': starPacks,
  '0012_calendar_years': calendarYears,
  '0013_case_requests': caseRequests,
  '0017_audit_keyed': auditKeyed,
  '0016_idempotency_commit': idempotencyCommit,
  '0018_scope': scope,
  '0014_pii_text': piiText,
  '0015_auth_hardening': authHardening,
  '0019_notifications_sms': notificationsSms,
  '0020_programs': programs,
  '0021_program_lottery': programLottery,
  '0022_program_day': programDay,
  '0023_case_channel': caseChannel,
  '0030_programs_finish': programsFinish,
  '0024_posts': posts,
  '0025_training': training,
  '0026_ratings': ratings,
  '0027_appointments': appointments,
  '0028_home_visits': homeVisits,
  '0031_ratings_invites': ratingsInvites,
  '0032_programs_grade_neighbourhood': programsGradeNeighbourhood,
  '0033_home_visits_residents': homeVisitsResidents,
  '0034_appointments_booking_slots': appointmentsBookingSlots,
  '0035_residents_one_login': residentsOneLogin,
  '0040_regions_search': regionsSearch,
  '0037_station_windows': stationWindows,
  '0039_open311': open311,
  '0044_catalog_town_items': catalogTownItems,
  '0041_outbox_channels': outboxChannels,
  '0048_audit_shards': auditShards,
  '0050_cases_overdue_marker': casesOverdueMarker,
  '0045_accounts_must_change_password': accountsMustChangePassword,
  '0049_case_list_indexes': caseListIndexes,
  '0053_figure_rollups': figureRollups,
  '0054_partitions': partitions,
  '0055_registry_list_indexes': registryListIndexes,
  '0056_vs_list_indexes': vsListIndexes,
  '0057_misc_list_indexes': miscListIndexes,
  '0058_unpaged_list_indexes': unpagedListIndexes,
  '0059_keyset_last_lists': keysetLastLists,
  '0060_hour_records_region_key': hourRecordsRegionKey,
  '0061_cases_town_created': casesTownCreated,
  '0062_case_station_totals': caseStationTotals,
  '0063_vs_figure_indexes': vsFigureIndexes,
  '0064_vs_area_rollups': vsAreaRollups,
  '0065_cases_running_due': casesRunningDue,
  '0066_vs_area_rollup_slots': vsAreaRollupSlots,
  '0067_calendar_version': calendarVersion,
  // next: '0012_…'
};

function provider(db: Db): MigrationProvider {
  return {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(MIGRATIONS)) {
        out[name] = { up: (k) => m.up(k, db.dialect) };
      }
      return out;
    },
  };
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider: provider(db) });
  const { error, results } = await migrator.migrateToLatest();
  if (error)
    throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Up to and including `name` (tests that need a database as an older release left it). */
export async function migrateTo(db: Db, name: string): Promise<void> {
  const migrator = new Migrator({ db: db.kysely, provider: provider(db) });
  const { error } = await migrator.migrateTo(name);
  if (error)
    throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
}
