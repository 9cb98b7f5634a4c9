import { api } from './client';

/** VS-8 … VS-10: records, certificates, stars and figures (src/modules/records). */

export interface StarView {
  stars: number;
  hours: number;
  nextThreshold: number | null;
  hoursToNext: number | null;
  progress: number;
  pack: { code: string; nameZh: string; nameEn: string; thresholds: number[] };
  packSource: 'assigned' | 'default';
}

export interface ServiceLine {
  id: string;
  teamId: string;
  organisation: string;
  teamName: string;
  content: string;
  date: string;
  place: string;
  hours: number;
  status: 'checked_in' | 'pending_confirmation' | 'confirmed' | 'rejected';
  confirmedBy: string | null;
  confirmedAt: string | null;
  evaluation: string | null;
  orderRating: { average: number; count: number } | null;
}

export interface RecordEntry {
  id: string;
  teamId: string;
  organisation: string;
  kind: 'training' | 'award';
  title: string;
  onDate: string;
  hours: number;
  note: string;
  recordedBy: string;
  createdAt: string;
}

export interface CertificateSummary {
  id: string;
  certificateNumber: string;
  volunteerId: string;
  volunteerName: string;
  teamId: string;
  organisation: string;
  hours: number;
  issuedAt: string;
  issuedBy: string;
  revokedAt: string | null;
  revokeReason: string | null;
  verifyUrl: string;
}

export interface CertificateSnapshot {
  certificateNumber: string;
  issuedOn: string;
  volunteer: { name: string; idMasked: string; volunteerNumber: string };
  totalHalfHours: number;
  totalHours: number;
  period: { from: string; to: string } | null;
  services: { date: string; content: string; place: string; hours: number; organisation: string }[];
  training: { date: string; title: string; hours: number }[];
  issuer: {
    organisation: string;
    teamName: string;
    personInCharge: string;
    handler: string;
    contactPhone: string;
  };
  verifyUrl: string;
}

export interface CertificateView extends CertificateSummary {
  snapshot: CertificateSnapshot;
}

export interface VolunteerRecord {
  volunteer: {
    id: string;
    name: string;
    idMasked: string;
    volunteerNumber: string;
    homeRegionCode: string;
    status: 'active' | 'suspended';
  };
  confirmedHours: number;
  stars: StarView;
  services: ServiceLine[];
  training: RecordEntry[];
  awards: RecordEntry[];
  certificates: CertificateSummary[];
  partial: boolean;
}

export interface Candidate {
  volunteerId: string;
  name: string;
  volunteerNumber: string;
  idMasked: string;
  teamId: string;
  teamName: string;
  organisation: string;
  hours: number;
  services: number;
}

export interface VerifyView {
  certificateNumber: string;
  status: 'valid' | 'revoked';
  holderName: string;
  totalHours: number;
  period: { from: string; to: string } | null;
  organisation: string;
  issuedOn: string;
  revokedOn: string | null;
  revokeReason: string | null;
}

export interface FigureBlock {
  volunteers: number;
  activeVolunteers: number;
  activityRate: number | null;
  teams: number;
  projects: number;
  confirmedHours: number;
  orders: number;
  fillRate: number | null;
  satisfaction: number | null;
}

export interface Figures {
  region: { code: string; name: string; level: string };
  period: { from: string; to: string };
  totals: FigureBlock & {
    ordersByState: Record<string, number>;
    medianMinutesToAccept: number | null;
    acceptedOrders: number;
    capacity: number;
    confirmedSignups: number;
    ratings: number;
    ratingsFourPlus: number;
    satisfiedShare: number | null;
  };
  children: (FigureBlock & { code: string; name: string })[];
}

export const myRecord = (signal?: AbortSignal) =>
  api<{ linked: boolean; record: VolunteerRecord | null }>('/vs/me/record', { signal });

export const volunteerRecord = (volunteerId: string, signal?: AbortSignal) =>
  api<VolunteerRecord>(`/vs/records/${volunteerId}`, { signal });

export const addRecordEntry = (
  volunteerId: string,
  body: {
    teamId: string;
    kind: 'training' | 'award';
    title: string;
    onDate: string;
    hours?: number;
    note?: string;
  },
) => api<VolunteerRecord>(`/vs/records/${volunteerId}/entries`, { method: 'POST', body });

export const certificateCandidates = (signal?: AbortSignal) =>
  api<Candidate[]>('/vs/certificates/candidates', { signal });

export const previewCertificate = (volunteerId: string, teamId: string, signal?: AbortSignal) =>
  api<CertificateSnapshot>('/vs/certificates/preview', {
    query: { volunteerId, teamId },
    signal,
  });

export const issueCertificate = (volunteerId: string, teamId: string, idempotencyKey: string) =>
  api<CertificateView>('/vs/certificates', {
    method: 'POST',
    body: { volunteerId, teamId },
    headers: { 'Idempotency-Key': idempotencyKey },
  });

export const listCertificates = (signal?: AbortSignal) =>
  api<CertificateSummary[]>('/vs/certificates', { query: { limit: 200 }, signal });

export const revokeCertificate = (id: string, reason: string) =>
  api<CertificateView>(`/vs/certificates/${id}/revoke`, { method: 'POST', body: { reason } });

export const certificatePdfUrl = (id: string) => `/api/v1/vs/certificates/${id}/certificate.pdf`;

export const verifyCertificate = (number: string, signal?: AbortSignal) =>
  api<VerifyView>(`/public/certificates/${encodeURIComponent(number)}`, { signal });

export const regionFigures = (
  query: { regionCode?: string; from?: string; to?: string },
  signal?: AbortSignal,
) => api<Figures>('/vs/figures', { query, signal });
