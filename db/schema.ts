/**
 * The database schema (drizzle-orm, SQLite dialect). One name per concept, as in docs/DESIGN.md §2.
 * Timestamps are stored as milliseconds since the epoch; user-facing formatting happens in app/domain/dates.ts.
 * Workflow states, kinds, channels and roles are stored as stable English codes.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

/** The 31 provinces. `id` is the lower-case ISO 3166-2:IR code (`ir-09`), the same value URLs and forms carry. */
export const provinces = sqliteTable('provinces', {
  id: text('id').primaryKey(),
  nameFa: text('name_fa').notNull(),
  nameEn: text('name_en').notNull(),
  capitalFa: text('capital_fa').notNull(),
  capitalEn: text('capital_en').notNull(),
});

export const services = sqliteTable('services', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  nameFa: text('name_fa').notNull(),
  nameEn: text('name_en').notNull(),
  summaryFa: text('summary_fa').notNull().default(''),
  summaryEn: text('summary_en').notNull().default(''),
  audienceFa: text('audience_fa').notNull().default(''),
  audienceEn: text('audience_en').notNull().default(''),
  howFa: text('how_fa').notNull().default(''),
  howEn: text('how_en').notNull().default(''),
  sortOrder: integer('sort_order').notNull().default(0),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});

export const centers = sqliteTable(
  'centers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    provinceId: text('province_id')
      .notNull()
      .references(() => provinces.id),
    program: text('program', { enum: ['mosbat', 'shoq'] }).notNull(),
    nameFa: text('name_fa').notNull(),
    nameEn: text('name_en').notNull(),
    operatorFa: text('operator_fa').notNull().default(''),
    operatorEn: text('operator_en').notNull().default(''),
    cityFa: text('city_fa').notNull().default(''),
    cityEn: text('city_en').notNull().default(''),
    neighbourhoodFa: text('neighbourhood_fa').notNull().default(''),
    neighbourhoodEn: text('neighbourhood_en').notNull().default(''),
    addressFa: text('address_fa').notNull().default(''),
    addressEn: text('address_en').notNull().default(''),
    phone: text('phone').notNull().default(''),
    hoursFa: text('hours_fa').notNull().default(''),
    hoursEn: text('hours_en').notNull().default(''),
    isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** Set by admins for a centre serving an underserved area (issue 25): every figure of the insight pages splits on it. */
    underserved: integer('underserved', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('centers_province_idx').on(t.provinceId, t.program)],
);

export const centerServices = sqliteTable(
  'center_services',
  {
    centerId: integer('center_id')
      .notNull()
      .references(() => centers.id),
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id),
  },
  (t) => [primaryKey({ columns: [t.centerId, t.serviceId] }), index('center_services_service_idx').on(t.serviceId)],
);

/** Scheduled activities of a centre (workshops, screening days, classes). */
export const programmes = sqliteTable(
  'programmes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    centerId: integer('center_id')
      .notNull()
      .references(() => centers.id),
    titleFa: text('title_fa').notNull(),
    titleEn: text('title_en').notNull(),
    descriptionFa: text('description_fa').notNull().default(''),
    descriptionEn: text('description_en').notNull().default(''),
    startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
    durationMinutes: integer('duration_minutes').notNull().default(60),
  },
  (t) => [index('programmes_center_idx').on(t.centerId, t.startsAt)],
);

export const staffUsers = sqliteTable('staff_users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  displayName: text('display_name').notNull(),
  role: text('role', {
    enum: ['call_center_agent', 'province_officer', 'province_manager', 'national_supervisor', 'admin'],
  }).notNull(),
  /** Null for national roles. */
  provinceId: text('province_id').references(() => provinces.id),
  /** Where escalations reach this user (optional). */
  email: text('email'),
  /** Where an urgent item's SMS reaches this user (issue 23; optional, `+989…`). */
  mobile: text('mobile'),
  /** Whether this user gets the daily e-mail digest of new, overdue and escalated items (officers and managers with an e-mail). */
  digestEmail: integer('digest_email', { mode: 'boolean' }).notNull().default(true),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: integer('locked_until', { mode: 'timestamp_ms' }),
  isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
  /** Set when an admin resets the password: the user must choose a new one at the next sign-in. */
  mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
  passwordChangedAt: integer('password_changed_at', { mode: 'timestamp_ms' }),
  /** The TOTP seed (base32) of the second factor; null until the user enrols. */
  totpSecret: text('totp_secret'),
  totpEnabledAt: integer('totp_enabled_at', { mode: 'timestamp_ms' }),
  /** The last accepted TOTP time step: a code is never accepted twice (replay within its window). */
  totpLastStep: integer('totp_last_step'),
  createdAt: createdAt(),
});

/** One-time recovery codes of the second factor, kept as SHA-256 hashes (they are random, so a plain hash suffices). */
export const staffRecoveryCodes = sqliteTable(
  'staff_recovery_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => staffUsers.id),
    codeHash: text('code_hash').notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('staff_recovery_codes_hash_idx').on(t.userId, t.codeHash)],
);

/**
 * Failed sign-in attempts per key (`user:<name>`, `ip:<address>`, `code:<user id>`), known names or not, counted
 * before the password is checked: the progressive delay that slows guessing down without locking the owner out.
 */
export const loginThrottles = sqliteTable('login_throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  blockedUntil: integer('blocked_until', { mode: 'timestamp_ms' }),
  lastFailureAt: integer('last_failure_at', { mode: 'timestamp_ms' }).notNull(),
});

/** Server-side staff sessions: the cookie holds only the random id, so a session can be revoked. */
export const staffSessions = sqliteTable(
  'staff_sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => staffUsers.id),
    createdAt: createdAt(),
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('staff_sessions_user_idx').on(t.userId)],
);

export const items = sqliteTable(
  'items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    trackingCode: text('tracking_code').notNull(),
    /**
     * The item's id in the public Open311 API: random and unrelated to the tracking code, so a public listing never
     * hands out what unlocks an item (the code is the only secret of an anonymous item). `r` + 16 hex digits, never
     * taken for a tracking code (12 digits).
     */
    publicRef: text('public_ref')
      .notNull()
      .$defaultFn(() => `r${randomBytes(8).toString('hex')}`),
    kind: text('kind', { enum: ['criticism', 'suggestion', 'complaint', 'appreciation'] }).notNull(),
    /** `urgent`: a person is at risk (issue 23): deadlines in hours around the clock, top of the inbox, staff told at once. */
    priority: text('priority', { enum: ['normal', 'urgent'] }).notNull().default('normal'),
    /**
     * The citizen's text suggests abuse or self-harm (set by staff): visible only to the province's manager and national
     * supervisors, contact data never exported.
     */
    safeguarding: integer('safeguarding', { mode: 'boolean' }).notNull().default(false),
    state: text('state').notNull(),
    channel: text('channel', { enum: ['web', 'phone', 'counter', 'sms', 'api'] }).notNull(),
    area: text('area'),
    centerId: integer('center_id').references(() => centers.id),
    serviceId: integer('service_id').references(() => services.id),
    /** The province the item concerns (the centre's, or the one the citizen chose). */
    provinceId: text('province_id').references(() => provinces.id),
    /** Who handles it now; null means the national queue. */
    ownerProvinceId: text('owner_province_id').references(() => provinces.id),
    subject: text('subject').notNull().default(''),
    body: text('body').notNull(),
    name: text('name'),
    mobile: text('mobile'),
    email: text('email'),
    nationalCode: text('national_code'),
    // Communication needs (issue 22, "phone and carers"): contact data, erased at retention with the rest (§7) and
    // never shown outside the handling province's staff and the call centre.
    /** The citizen asked to be called back instead of texted: no SMS to their own mobile; a call is due instead. */
    callBack: integer('call_back', { mode: 'boolean' }).notNull().default(false),
    /** The citizen cannot read SMS: nothing is texted to their own mobile; a call is due instead. */
    cannotReadSms: integer('cannot_read_sms', { mode: 'boolean' }).notNull().default(false),
    /** A carer or relative as the contact person; their mobile, when given, receives the item's SMS. */
    contactName: text('contact_name'),
    contactRelation: text('contact_relation'),
    contactMobile: text('contact_mobile'),
    /** When a call suits (app/domain/carers.ts PREFERRED_HOURS), or null. */
    preferredHours: text('preferred_hours'),
    /** Filed on someone's behalf: the person the item is about, and the sender's relation to them. */
    onBehalfName: text('on_behalf_name'),
    onBehalfRelation: text('on_behalf_relation'),
    anonymous: integer('anonymous', { mode: 'boolean' }).notNull().default(false),
    /** The language the submitter used: feedback messages go out in it. */
    locale: text('locale').notNull().default('fa'),
    /** Optimistic-lock counter: every transition increments it. */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    /** When the item entered its current state: the auto-close clocks run from here. */
    stateEnteredAt: integer('state_entered_at', { mode: 'timestamp_ms' }).notNull(),
    /** Deadlines in working days (docs/DESIGN.md §3), fixed at submission. */
    firstResponseDueAt: integer('first_response_due_at', { mode: 'timestamp_ms' }),
    answerDueAt: integer('answer_due_at', { mode: 'timestamp_ms' }),
    /** Set while the item waits for the citizen: its deadlines do not run, and move on the reply (docs/decisions/017). */
    pausedAt: integer('paused_at', { mode: 'timestamp_ms' }),
    /** When the citizen last reopened the item (docs/decisions/017): an answer before it no longer counts for the sweep. */
    reopenedAt: integer('reopened_at', { mode: 'timestamp_ms' }),
    /** 0 none, 1 first response overdue, 2 answer overdue: raised once each by the sweep. */
    escalationLevel: integer('escalation_level').notNull().default(0),
    firstRespondedAt: integer('first_responded_at', { mode: 'timestamp_ms' }),
    /** The citizen's rating (1–5) when confirming the answer, with an optional comment. */
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    /** When the one SMS asking for a rating 1–5 was queued (after the answer, or an auto-close); null: never asked. */
    ratingAskedAt: integer('rating_asked_at', { mode: 'timestamp_ms' }),
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
    /** The staff member of the owning province the item is assigned to (set by a manager); null: anyone there. */
    assignedStaffId: integer('assigned_staff_id').references(() => staffUsers.id),
    /** When name, mobile, email and national code were erased, the retention time after closing (docs/DESIGN.md §7). */
    contactErasedAt: integer('contact_erased_at', { mode: 'timestamp_ms' }),
    /** For a redirected item: the organisation the citizen was sent to. */
    redirectedOrgId: integer('redirected_org_id').references(() => organizations.id),
    /** Marked a duplicate of another item of the province: the original's public replies are mirrored here. */
    duplicateOfItemId: integer('duplicate_of_item_id'),
  },
  (t) => [
    uniqueIndex('items_tracking_code_idx').on(t.trackingCode),
    uniqueIndex('items_public_ref_idx').on(t.publicRef),
    index('items_owner_state_idx').on(t.ownerProvinceId, t.state, t.createdAt),
    index('items_center_idx').on(t.centerId, t.createdAt),
    index('items_state_entered_idx').on(t.state, t.stateEnteredAt),
    index('items_assigned_idx').on(t.assignedStaffId),
    // The national inbox's "newest first" and date ranges across every province.
    index('items_created_idx').on(t.createdAt),
    index('items_duplicate_of_idx').on(t.duplicateOfItemId),
    // The minute sweeps (sweeps.server.ts): overdue first responses and answers, and contact data past retention,
    // found by seeking, not by reading every open or closed item.
    index('items_first_response_due_idx').on(t.state, t.firstRespondedAt, t.firstResponseDueAt, t.escalationLevel),
    index('items_answer_due_idx').on(t.state, t.answeredAt, t.answerDueAt, t.escalationLevel),
    // Covers the dashboard's "overdue now" count (stats.server overdueNow): read from the index alone, without
    // visiting each open item's row, so the count stays cheap when the open backlog grows with the intake.
    index('items_overdue_idx').on(t.state, t.answerDueAt, t.firstRespondedAt, t.firstResponseDueAt, t.ownerProvinceId, t.centerId),
    index('items_contact_expiry_idx').on(t.contactErasedAt, t.closedAt),
  ],
);

/**
 * The outbound call list (issue 22): one row per call that is due for an item — a call-back asked for, an answer to
 * read to someone who cannot read SMS, a rating to ask for after a silent close — keyed by what made it due, so the
 * same reason never comes back once done. Tries and the outcome are kept here; the citizen's own actions taken on
 * the call (a rating, an appeal) go through the workflow's door as events of the item.
 */
export const outboundCalls = sqliteTable(
  'outbound_calls',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id),
    /** `call_back`, `answered` or `unrated` (app/domain/carers.ts CALL_REASONS). */
    reason: text('reason').notNull(),
    /** What made it due: 0 for a call-back, the answer's or the closing's time (ms) otherwise. */
    dueKey: integer('due_key').notNull(),
    tries: integer('tries').notNull().default(0),
    lastTriedAt: integer('last_tried_at', { mode: 'timestamp_ms' }),
    /** `reached`, `rating_given` or `appeal_made` once done; null while the call is still to be made. */
    outcome: text('outcome'),
    /** A rating given on the call for a closed item, kept here until the workflow can take it (`rate`). */
    rating: integer('rating'),
    doneAt: integer('done_at', { mode: 'timestamp_ms' }),
    doneByStaffId: integer('done_by_staff_id').references(() => staffUsers.id),
  },
  (t) => [uniqueIndex('outbound_calls_due_idx').on(t.itemId, t.reason, t.dueKey)],
);

/** Append-only history of every item: never updated, never deleted. */
export const itemEvents = sqliteTable(
  'item_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    actorType: text('actor_type', { enum: ['citizen', 'staff', 'system'] }).notNull(),
    actorStaffId: integer('actor_staff_id').references(() => staffUsers.id),
    /** Province that owns the item after this event (null: national queue). */
    ownerProvinceId: text('owner_province_id'),
    publicMessage: text('public_message'),
    internalNote: text('internal_note'),
    /** A citizen's action entered for them by staff: `phone` (a call-centre agent) or `counter`; null otherwise. */
    via: text('via'),
    /** For an event copied onto a duplicate: the event of the original item it mirrors. */
    mirrorOfEventId: integer('mirror_of_event_id'),
  },
  (t) => [index('item_events_item_idx').on(t.itemId, t.id)],
);

/** Notification outbox: written in the same transaction as the event, delivered later, at least once. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Null only for a staff digest, which is about many items (app/models/digest.server.ts). */
    itemId: integer('item_id').references(() => items.id),
    eventId: integer('event_id').references(() => itemEvents.id),
    channel: text('channel', { enum: ['sms', 'email'] }).notNull(),
    /** `citizen`: feedback to the submitter; `staff`: escalations to managers and supervisors. */
    audience: text('audience', { enum: ['citizen', 'staff'] }).notNull().default('citizen'),
    recipient: text('recipient').notNull(),
    locale: text('locale').notNull(),
    body: text('body').notNull(),
    /** Sent with every attempt so a gateway can drop duplicates. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** `skipped`: never sent, because the recipient already had its receipts for the day (app/domain/receipt-cap.ts). */
    status: text('status', { enum: ['pending', 'sent', 'dead', 'skipped'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('outbox_item_idx').on(t.itemId),
    // The per-recipient receipt cap counts a recipient's recent messages on every web or API submission.
    index('outbox_recipient_idx').on(t.recipient, t.createdAt),
  ],
);

/** Admin-kept holidays: a recurring Solar Hijri month/day, or a one-off Tehran civil date (`YYYY-MM-DD`). */
export const holidays = sqliteTable('holidays', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  solarMonth: integer('solar_month'),
  solarDay: integer('solar_day'),
  date: text('date'),
  nameFa: text('name_fa').notNull(),
  nameEn: text('name_en').notNull(),
});

/** Configurable settings as JSON per key, validated by app/domain/settings.ts on read. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Files a citizen attached: stored outside the web root under a random name, served only after an access check. */
export const attachments = sqliteTable(
  'attachments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id),
    storedName: text('stored_name').notNull().unique(),
    originalName: text('original_name').notNull(),
    mimeType: text('mime_type', { enum: ['image/jpeg', 'image/png', 'application/pdf'] }).notNull(),
    size: integer('size').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_item_idx').on(t.itemId)],
);

/** Arithmetic challenges already answered: each may be used once (docs/DESIGN.md §7). Rows expire with the challenge. */
export const usedChallenges = sqliteTable('used_challenges', {
  nonce: text('nonce').primaryKey(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Who changed what in the back office, and when: every admin change (before → after, as JSON) and every reveal of
 * a citizen's contact data. Append-only, like the item events.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    /** Null for a change made from the command line. */
    actorStaffId: integer('actor_staff_id').references(() => staffUsers.id),
    /** e.g. `user.create`, `user.deactivate`, `center.update`, `settings.update`, `item.reveal_contact`. */
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    before: text('before'),
    after: text('after'),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId, t.id), index('audit_log_at_idx').on(t.at)],
);

/** Ready-made replies staff can start from; placeholders like {{code}} are filled in for the item at hand. */
export const cannedReplies = sqliteTable(
  'canned_replies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Null: offered in every province (kept by national supervisors). */
    provinceId: text('province_id').references(() => provinces.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('canned_replies_province_idx').on(t.provinceId, t.active)],
);

/**
 * Live counts of items by who holds them, centre and state, kept by triggers on `items` (migration 0006) in the
 * same transaction as every change, so dashboards read a few hundred rows instead of counting every item.
 * `owner` is the owning province's id or `national`; `center_id` is 0 for items without a centre.
 */
export const statCurrent = sqliteTable(
  'stat_current',
  {
    owner: text('owner').notNull(),
    centerId: integer('center_id').notNull(),
    state: text('state').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.owner, t.centerId, t.state] })],
);

/** The counters of a flow row, shared by stat_daily and its rollup (a fresh set of columns for each table). */
const flowCounters = () => ({
  received: integer('received').notNull().default(0),
  firstResponses: integer('first_responses').notNull().default(0),
  firstInTime: integer('first_in_time').notNull().default(0),
  answers: integer('answers').notNull().default(0),
  answersInTime: integer('answers_in_time').notNull().default(0),
  ratings: integer('ratings').notNull().default(0),
  ratingSum: integer('rating_sum').notNull().default(0),
  appeals: integer('appeals').notNull().default(0),
});

/**
 * What happened each Tehran day, per owning province, centre, kind, channel and area, kept by triggers on `items`:
 * items received, first responses and answers (with how many were in time and their durations), ratings and
 * appeals. Trends and shares are sums over these rows; the size grows with days, not with items.
 */
export const statDaily = sqliteTable(
  'stat_daily',
  {
    day: text('day').notNull(),
    owner: text('owner').notNull(),
    centerId: integer('center_id').notNull(),
    kind: text('kind').notNull(),
    channel: text('channel').notNull(),
    area: text('area').notNull(),
    ...flowCounters(),
  },
  (t) => [primaryKey({ columns: [t.day, t.owner, t.centerId, t.kind, t.channel, t.area] })],
);

/**
 * How long first responses and answers took, as counts per duration bucket (upper bound in hours), per day and
 * owning province: medians come from these buckets (interpolated), without reading items.
 */
export const statDurations = sqliteTable(
  'stat_durations',
  {
    day: text('day').notNull(),
    owner: text('owner').notNull(),
    centerId: integer('center_id').notNull(),
    measure: text('measure', { enum: ['first_response', 'answer'] }).notNull(),
    bucketHours: integer('bucket_hours').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.owner, t.centerId, t.measure, t.bucketHours] })],
);

/**
 * The same flows as `stat_daily`, rolled up per Tehran day and per month along one dimension at a time (`all`,
 * `center`, `channel`, `area`; `value` is '' for `all`), kept by triggers on stat_daily (migration 0011). A year of
 * /stats reads about twelve month rows and at most two part-months of day rows per key, so its cost stays flat as
 * items grow; stat_daily, one row per day × province × centre × kind × channel × area, grows almost with the items.
 */
export const statFlowRollup = sqliteTable(
  'stat_flow_rollup',
  {
    dimension: text('dimension', { enum: ['all', 'center', 'channel', 'area'] }).notNull(),
    grain: text('grain', { enum: ['day', 'month'] }).notNull(),
    /** `YYYY-MM-DD` for a day, `YYYY-MM` for a month (Gregorian dates of Tehran days, as in stat_daily). */
    period: text('period').notNull(),
    owner: text('owner').notNull(),
    value: text('value').notNull(),
    ...flowCounters(),
  },
  (t) => [primaryKey({ columns: [t.dimension, t.grain, t.period, t.owner, t.value] })],
);

/** `stat_durations` rolled up the same way, along `all` (value '') or `center`. */
export const statDurationRollup = sqliteTable(
  'stat_duration_rollup',
  {
    dimension: text('dimension', { enum: ['all', 'center'] }).notNull(),
    measure: text('measure', { enum: ['first_response', 'answer'] }).notNull(),
    grain: text('grain', { enum: ['day', 'month'] }).notNull(),
    period: text('period').notNull(),
    owner: text('owner').notNull(),
    value: text('value').notNull(),
    bucketHours: integer('bucket_hours').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dimension, t.measure, t.grain, t.period, t.owner, t.value, t.bucketHours] })],
);

/** Each background loop writes its heartbeat here; /healthz reports a worker silent for too long. */
export const workerHeartbeats = sqliteTable('worker_heartbeats', {
  name: text('name').primaryKey(),
  beatAt: integer('beat_at', { mode: 'timestamp_ms' }).notNull(),
});

/** Keys issued by admins to systems that file items through the Open311 API; only a hash is kept. */
export const apiKeys = sqliteTable('api_keys', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** Who the key is for, e.g. "سامانه ۱۴۸۲" or a municipality's app. */
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  /** The first characters, shown to admins to tell keys apart. */
  keyPrefix: text('key_prefix').notNull(),
  createdByStaffId: integer('created_by_staff_id').references(() => staffUsers.id),
  createdAt: createdAt(),
  lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
  revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
});

/**
 * Organisations citizens often mistake for Behzisti (docs/DESIGN.md §1: 16 % of messages concern them), kept by admins: a
 * redirected item's answer names one and how to reach it.
 */
export const organizations = sqliteTable('organizations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  nameFa: text('name_fa').notNull(),
  nameEn: text('name_en').notNull(),
  phone: text('phone').notNull().default(''),
  website: text('website').notNull().default(''),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: createdAt(),
});

/**
 * Texts received from the SMS gateway, one row per gateway message id: a retry with the same id finds its row and
 * gets the same answer, never a second item.
 */
export const smsInbound = sqliteTable(
  'sms_inbound',
  {
    gatewayId: text('gateway_id').primaryKey(),
    fromNumber: text('from_number').notNull(),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
    /** `item` (a new item), `status` (a status question), `refused`. */
    outcome: text('outcome').notNull(),
    itemId: integer('item_id').references(() => items.id),
    /** The JSON answered to the gateway, repeated as it was for a retry. */
    response: text('response').notNull(),
  },
  (t) => [index('sms_inbound_from_idx').on(t.fromNumber, t.receivedAt)],
);

/**
 * A staff user's saved inbox filter (a named view). `query` is the inbox address's query string as the inbox writes
 * it; it is read again through the inbox's own lenient parser and the user's scope every time, so a view never
 * widens what its reader may see. A manager may share one with the province (`shared`, `province_id` = theirs).
 */
export const savedViews = sqliteTable(
  'saved_views',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ownerStaffId: integer('owner_staff_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    /** The owner's province when saved; null for national roles. */
    provinceId: text('province_id').references(() => provinces.id),
    name: text('name').notNull(),
    query: text('query').notNull(),
    shared: integer('shared', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('saved_views_owner_idx').on(t.ownerStaffId), index('saved_views_shared_idx').on(t.provinceId, t.shared)],
);

/**
 * One-time codes of `/track/recover` (issue 22, "a lost code"): a citizen who lost their tracking codes proves the
 * mobile by SMS. Only a hash of the code is kept (keyed by the server secret and the row's ticket), with few tries and a
 * short life; the ticket lives in the citizen's own cookie, so a code is only good in the browser that asked for it.
 * Rows are deleted a day after they expire.
 */
export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticket: text('ticket').notNull(),
    /** The mobile the code was asked for (E.164), whether or not it has items: the answer must not tell. */
    mobile: text('mobile').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('recovery_codes_ticket_idx').on(t.ticket), index('recovery_codes_expiry_idx').on(t.expiresAt)],
);
