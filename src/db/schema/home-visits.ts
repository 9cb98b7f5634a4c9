/**
 * Row types of home visits (上门服务, issue #14 point 2, migration 0028): requests and their
 * visits, a day's route per station and village, structured records (values encrypted).
 */
import type { JsonText, Timestamp } from './columns.ts';

export type HomeVisitStatus =
  'requested' | 'scheduled' | 'on_route' | 'done' | 'not_home' | 'cancelled';
export type HomeVisitWindow = 'morning' | 'afternoon';
export type HomeVisitRequester = 'resident' | 'relative' | 'agent' | 'staff';
export type HomeVisitReason = 'elderly' | 'disabled' | 'ill';

export interface HomeVisitRouteTable {
  id: string;
  station_id: string;
  village_code: string;
  day: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface HomeVisitTable {
  id: string;
  resident_id: string;
  /** The resident's home village: the batching key of a day's routes. */
  village_code: string;
  /** The unit that serves the visit (the visiting unit). */
  station_id: string;
  requested_by: HomeVisitRequester;
  requester_relation: string | null;
  reason: HomeVisitReason;
  item_code: string | null;
  /** JSON: string[] of YYYY-MM-DD */
  preferred_dates: JsonText;
  contact_phone_cipher: string | null;
  contact_phone_masked: string | null;
  note: string | null;
  status: HomeVisitStatus;
  route_id: string | null;
  stop_order: number | null;
  /** Issue #14: the promised window of a scheduled visit (visit-window.ts); NULL before it. */
  visit_window: HomeVisitWindow | null;
  case_id: string | null;
  outcome_note: string | null;
  created_by: string;
  visited_by: string | null;
  visited_at: Timestamp | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HomeVisitRecordTable {
  id: string;
  visit_id: string;
  station_id: string;
  resident_id: string;
  template: string;
  /** The encrypted JSON of the template's values and their flags (pii-crypto). */
  data_cipher: string;
  author_id: string;
  created_at: Timestamp;
}

export interface HomeVisitsDatabase {
  home_visit_routes: HomeVisitRouteTable;
  home_visits: HomeVisitTable;
  home_visit_records: HomeVisitRecordTable;
}
