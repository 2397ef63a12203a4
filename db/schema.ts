// Table types for Kysely. Timestamps are ISO-8601 UTC strings (portable between SQLite and
// PostgreSQL and sortable as text); flags are 0/1 integers for the same reason.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Flag = ColumnType<number, number | undefined, number>;

export interface DepartmentTable {
  id: Generated<number>;
  slug: string;
  name: string;
  email: string | null;
  is_central: Flag;
  created_at: string;
  /** How the department hears of new reports. */
  notify_mode: ColumnType<'immediate' | 'digest' | 'off', 'immediate' | 'digest' | 'off' | undefined, 'immediate' | 'digest' | 'off'>;
  digest_sent_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CategoryTable {
  id: Generated<number>;
  slug: string;
  kind: 'defect' | 'bin';
  group_de: string;
  group_en: string;
  name_de: string;
  name_en: string;
  help_de: string;
  help_en: string;
  default_department_id: number | null;
  target_hours: number;
  service_code: string;
  sort: number;
  active: Flag;
  /** For bin categories: the scan-page button it serves (see server/domain/bin-reasons.ts). */
  bin_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** Shown before the rest of the form, e.g. "Gefahr für Leib und Leben? Rufen Sie 110 / 112". */
  notice_de: ColumnType<string | null, string | null | undefined, string | null>;
  notice_en: ColumnType<string | null, string | null | undefined, string | null>;
  /** Publish a new report's text and photos without waiting for staff. */
  auto_publish: Flag;
  /** Open reports of this category within this distance are offered as "Schon gemeldet?". */
  duplicate_radius_m: ColumnType<number, number | undefined, number>;
}

export interface DistrictTable {
  id: Generated<number>;
  name: string;
  /** GeoJSON Polygon or MultiPolygon, WGS 84 longitude/latitude. */
  geometry: string;
  /** The same, simplified for drawing (server/domain/simplify.ts); set with every geometry. */
  display_geometry: string | null;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
  approximate: Flag;
  active: Flag;
  updated_at: string;
}

export interface CityBoundaryTable {
  id: number;
  name: string;
  geometry: string;
  /** The same, simplified for drawing (server/domain/simplify.ts); set with every geometry. */
  display_geometry: string | null;
  approximate: Flag;
  updated_at: string;
}

export interface RoutingRuleTable {
  id: Generated<number>;
  category_id: number;
  district_id: number | null;
  department_id: number;
}

export interface BinTable {
  id: Generated<number>;
  code: string;
  lat: number;
  lon: number;
  district_id: number | null;
  department_id: number | null;
  bin_type: string;
  volume_l: number | null;
  description: string;
  external_ref: string | null;
  next_emptying_at: string | null;
  active: Flag;
  created_at: string;
  retired_at: string | null;
  last_emptied_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** Set when the bin had unusually many presses; staff clear it. */
  flagged_at: ColumnType<string | null, string | null | undefined, string | null>;
  flag_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Every code ever issued for a bin; the current one has revoked_at null and equals bins.code. */
export interface BinCodeTable {
  code: string;
  bin_id: number;
  issued_at: string;
  revoked_at: string | null;
}

export interface ReportTable {
  id: Generated<number>;
  category_id: number;
  department_id: number;
  district_id: number | null;
  bin_id: number | null;
  lat: number;
  lon: number;
  address: string | null;
  /** 'address': at the house an address names; 'district': only at the district's centre (no address found). */
  location_source: 'map' | 'gps' | 'address' | 'district' | 'bin';
  description: string | null;
  state: string;
  source: 'web' | 'qr' | 'api' | 'sensor';
  support_count: ColumnType<number, number | undefined, number>;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  hidden: Flag;
  /** sha256 of the private status link's token; null for reports that have none (bin tasks). */
  status_token_hash: ColumnType<string | null, string | null | undefined, string | null>;
  description_published: Flag;
  /** Set when someone asked to reopen a closed report; staff decide (central triage). */
  reopen_requested_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** 0 normal, 1 high, 2 urgent (server/domain/priority.ts). */
  priority: ColumnType<number, number | undefined, number>;
  assigned_staff_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** The report this one was merged into (state 'duplicate'). */
  duplicate_of: ColumnType<number | null, number | null | undefined, number | null>;
  /** created_at + the category's target time; recomputed when staff correct the category. */
  due_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The first time staff moved the report out of 'new'. */
  acknowledged_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the department was told by mail (immediately or in a digest). */
  department_notified_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The typed address words are public: set on filing where the category publishes automatically, or by staff (migration 013). */
  address_published: Flag;
  /** The place as the geocoder named it (public without moderation); null when none was asked or found. */
  geocoded_address: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A /melden form token that has filed its report; only the hash is kept, until the token expires. */
export interface UsedFormTokenTable {
  token_hash: string;
  report_id: number;
  expires_at: string;
}

export interface PhotoTable {
  id: Generated<number>;
  report_id: number;
  /** Chosen by the server; never the uploaded name. */
  file: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  published: Flag;
  created_at: string;
  /** Set when the retention job deleted the file. */
  removed_at: string | null;
  /** A copy with regions blacked out; when set, the public only ever gets this file. */
  redacted_file: ColumnType<string | null, string | null | undefined, string | null>;
}

/** An e-mail address that follows one report. The address is removed by its link or by retention. */
export interface SubscriptionTable {
  id: Generated<number>;
  report_id: number;
  email: string | null;
  lang: ColumnType<string, string | undefined, string>;
  token_hash: string;
  confirmed_at: string | null;
  created_at: string;
  removed_at: string | null;
}

export interface ReportEventTable {
  id: Generated<number>;
  report_id: number;
  type: string;
  from_state: string | null;
  to_state: string | null;
  body: string | null;
  public: Flag;
  actor: string | null;
  created_at: string;
  /** JSON for the history (departments of a forwarding, old and new category …); internal (migration 007). */
  detail: ColumnType<string | null, string | null | undefined, string | null>;
}

export type StaffRole = 'admin' | 'dispatcher' | 'staff' | 'crew';

/** A back-office account. Disabled accounts are kept (the history names them), never deleted. */
export interface StaffTable {
  id: Generated<number>;
  /** Lower-case; what the person types to log in. */
  login: string;
  display_name: string;
  /** `scrypt$N,r,p$salt$hash` (server/staff/passwords.ts). */
  password_hash: string;
  role: StaffRole;
  active: Flag;
  created_at: string;
  disabled_at: string | null;
  /** Base32 TOTP secret (RFC 6238); set during setup, active once totp_enabled_at is set. */
  totp_secret: ColumnType<string | null, string | null | undefined, string | null>;
  totp_enabled_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The last 30-second step a code was accepted for; a code is never accepted twice. */
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface StaffDepartmentTable {
  staff_id: number;
  department_id: number;
}

export interface StaffSessionTable {
  id: Generated<number>;
  /** sha256 of the cookie's token; the token itself is never stored. */
  token_hash: string;
  staff_id: number;
  created_at: string;
  last_seen_at: string;
  ended_at: string | null;
  /** 1 between the password and the second factor: such a session may only enter its code. */
  mfa_pending: ColumnType<number, number | undefined, number>;
}

/**
 * One login attempt, for throttling. key: `account:HASH` / `totp:HASH` (keyed hash of the normalised
 * login, never the typed text) or `client:HASH` (keyed hash of the address, never the address). An
 * attempt is written as a failure before the password is checked and turned into a success after.
 */
export interface LoginAttemptTable {
  id: Generated<number>;
  key: string;
  at: string;
  success: number;
}

/** The nonce of a login form token that was used (server/staff/login-token.ts); kept until the token expires. */
export interface LoginFormNonceTable {
  nonce: string;
  expires_at: string;
}

/** A prepared public answer, offered for a category (null: all) and a state (null: any). */
export interface ResponseTemplateTable {
  id: Generated<number>;
  category_id: number | null;
  state: string | null;
  title: string;
  body: string;
  active: Flag;
  created_at: string;
}

/** An Open311 integrator's key; only its hash is stored. */
export interface ApiKeyTable {
  id: Generated<number>;
  name: string;
  key_hash: string;
  prefix: string;
  created_by: number | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** One entry of a bin's own history (edits, new code, retiring, emptyings); see migration 009. */
export interface BinEventTable {
  id: Generated<number>;
  bin_id: number;
  type: 'edited' | 'code_reissued' | 'retired' | 'emptied';
  /** JSON; what changed (see db/migrations/009_bin_events.ts). */
  body: string | null;
  actor: string | null;
  created_at: string;
}

/** One address of the embedded geocoder (migration 016); keys from server/domain/address-key.ts. */
export interface AddressTable {
  id: Generated<number>;
  street: string;
  house_number: string;
  postcode: string | null;
  city: string | null;
  lat: number;
  lon: number;
  street_key: string;
  number_key: string;
  number_order: number;
  source: 'osm' | 'hk-de' | 'demo';
}

export interface Database {
  departments: DepartmentTable;
  categories: CategoryTable;
  districts: DistrictTable;
  city_boundary: CityBoundaryTable;
  routing_rules: RoutingRuleTable;
  bins: BinTable;
  bin_codes: BinCodeTable;
  reports: ReportTable;
  used_form_tokens: UsedFormTokenTable;
  report_events: ReportEventTable;
  photos: PhotoTable;
  subscriptions: SubscriptionTable;
  staff: StaffTable;
  staff_departments: StaffDepartmentTable;
  staff_sessions: StaffSessionTable;
  login_attempts: LoginAttemptTable;
  login_form_nonces: LoginFormNonceTable;
  response_templates: ResponseTemplateTable;
  api_keys: ApiKeyTable;
  bin_events: BinEventTable;
  addresses: AddressTable;
}

export type Department = Selectable<DepartmentTable>;
export type Category = Selectable<CategoryTable>;
export type District = Selectable<DistrictTable>;
export type Bin = Selectable<BinTable>;
export type NewBin = Insertable<BinTable>;
export type Report = Selectable<ReportTable>;
export type ReportEvent = Selectable<ReportEventTable>;
export type Photo = Selectable<PhotoTable>;
export type Subscription = Selectable<SubscriptionTable>;
export type Staff = Selectable<StaffTable>;
export type StaffSession = Selectable<StaffSessionTable>;
export type ResponseTemplate = Selectable<ResponseTemplateTable>;
export type ApiKey = Selectable<ApiKeyTable>;
export type BinEvent = Selectable<BinEventTable>;
