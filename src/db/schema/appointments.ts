/**
 * Row types of GS-10 appointments and the window queue (migration 0027). Joined into `Database`
 * (schema.ts).
 */
import type { JsonText, Timestamp } from './columns.ts';

export type BookingStatus = 'booked' | 'cancelled' | 'checked_in' | 'no_show';
export type BookingChannel = 'online' | 'phone';
export type TicketLane = 'A' | 'B';
export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'skipped';
export type TicketPriority = 'elderly' | 'disabled' | 'pregnant';

export interface ApptTemplateTable {
  station_id: string;
  region_code: string;
  slot_minutes: number;
  /** Residents a slot takes (1 for a one-window station). */
  capacity: number;
  /** JSON: WeeklyPeriods — ISO weekday ('1'…'7') → [{ start: 'HH:MM', end: 'HH:MM' }]. */
  weekly: JsonText;
  /** JSON: DateException[] — closures and extra hours on given dates. */
  exceptions: JsonText;
  /** JSON: Record<catalog item code, minutes> — per-item service durations. */
  item_minutes: JsonText;
  lead_working_days: number;
  horizon_working_days: number;
  cancel_cutoff_hours: number;
  no_show_grace_minutes: number;
  no_show_limit: number;
  no_show_window_days: number;
  /** Opaque token of the station's queue screen link (shows ticket numbers only). */
  screen_token: string;
  updated_at: Timestamp;
}

export interface ApptSlotTable {
  id: string;
  station_id: string;
  region_code: string;
  date: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  capacity: number;
  /** Live bookings; taken by a conditional update, never above capacity. */
  booked_count: number;
}

export interface ApptBookingTable {
  id: string;
  slot_id: string;
  station_id: string;
  region_code: string;
  resident_id: string;
  /** China date of the slot. */
  date: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  item_code: string | null;
  channel: BookingChannel;
  booked_by: string;
  status: BookingStatus;
  reminded_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The slots a booking occupies (several when its item takes longer than one slot; migration 0034). */
export interface ApptBookingSlotTable {
  booking_id: string;
  slot_id: string;
}

export interface QueueTicketTable {
  id: string;
  station_id: string;
  region_code: string;
  date: string;
  lane: TicketLane;
  number: number;
  /** A001 / B001. */
  label: string;
  booking_id: string | null;
  resident_id: string | null;
  priority: TicketPriority | null;
  /** Appointment lane: the booked slot's start (called first from then on). */
  window_starts_at: Timestamp | null;
  status: TicketStatus;
  issued_at: Timestamp;
  called_at: Timestamp | null;
  called_by: string | null;
  desk: string | null;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  case_id: string | null;
  updated_at: Timestamp;
  /** The window the ticket was called to (migration 0037); null: called without a window. */
  window_id: string | null;
}

/** A station's window (1号窗口…), migration 0037. */
export interface StationWindowTable {
  id: string;
  station_id: string;
  region_code: string;
  /** The window's number at its station (1, 2 …): "to window 2". */
  number: number;
  /** As the station calls it: 2号窗口. */
  name: string;
  archived_at: Timestamp | null;
  is_demo: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A clerk sitting at a window on a day (left_at null: still there). */
export interface WindowSeatTable {
  id: string;
  window_id: string;
  station_id: string;
  region_code: string;
  account_id: string;
  date: string;
  sat_at: Timestamp;
  left_at: Timestamp | null;
}

export interface AppointmentsDatabase {
  appt_templates: ApptTemplateTable;
  appt_slots: ApptSlotTable;
  appt_bookings: ApptBookingTable;
  appt_booking_slots: ApptBookingSlotTable;
  queue_tickets: QueueTicketTable;
  station_windows: StationWindowTable;
  window_seats: WindowSeatTable;
}
