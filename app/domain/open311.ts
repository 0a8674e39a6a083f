/**
 * The Open311 GeoReport v2 API (docs/DESIGN.md §5) as pure rules: formats, the mapping of its parameters onto the web
 * form's fields (so the same schema and workflow accept an API submission), the open/closed status of a workflow
 * state, the search parameters of GET requests, ISO 8601 dates, and the XML writer. No Remix, no database; texts
 * come in through a translate function so the same code speaks Persian and English.
 */
import { endOfTehranDay, startOfTehranDay, tehranInstant, tehranOffsetMinutes } from './calendar';
import { NATIONAL } from './feedback-schema';
import { toAsciiDigits } from './persian';
import { ITEM_PRIORITIES, TERMINAL_STATES, type ItemKind, type ItemState } from './workflow';

export type Open311Format = 'json' | 'xml';
export type Open311Locale = 'fa' | 'en';
export type Translate = (key: string, options?: Record<string, unknown>) => string;

export const CONTENT_TYPES: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** The group every service of the catalogue belongs to. */
export const SERVICE_GROUP = 'Behzisti';

/**
 * The service of items filed without one (SMS, the national queue, the web form without a service) or whose service
 * was since deactivated: every item then has a `service_code` that `services.json` lists (the spec's schema wants a
 * string). The underscore keeps it apart from every slug the catalogue can have (`a-z0-9` and hyphens).
 */
export const GENERAL_SERVICE_CODE = 'general_feedback';

/**
 * An item's public reference in this API (`service_request_id`): `r` and 16 hex digits, random, unrelated to the
 * tracking code. The tracking code unlocks an item's page; the public reference unlocks nothing.
 */
export const PUBLIC_REF_PATTERN = /^r[0-9a-f]{16}$/;

/** A public reference as a client may write it (any case, spaces around), or null when it cannot be one. */
export function parsePublicRef(input: string): string | null {
  const ref = input.trim().toLowerCase();
  return PUBLIC_REF_PATTERN.test(ref) ? ref : null;
}

/** The kinds an API client may file: the `kind` attribute's values, in this order. */
export const OPEN311_KINDS = ['criticism', 'suggestion', 'complaint'] as const satisfies readonly ItemKind[];

/** Longest time span one GET requests search may cover, and its default (the spec's 90 days). */
export const REQUESTS_WINDOW_DAYS = 90;
/** Most requests one search answers (newest first), and most references one `service_request_id` list may name. */
export const REQUESTS_MAX_RESULTS = 1000;

const DAY_MS = 86_400_000;

/** `services.json` → `{ name: 'services', format: 'json' }`; no or an unknown extension → null. */
export function splitFormat(segment: string | undefined): { name: string; format: Open311Format } | null {
  if (!segment) return null;
  const match = /^(.+)\.(json|xml)$/i.exec(segment);
  if (!match) return null;
  return { name: match[1]!, format: match[2]!.toLowerCase() as Open311Format };
}

/** `?locale=en` answers in English; anything else (or nothing) in Persian. */
export function open311Locale(value: string | null | undefined): Open311Locale {
  return (value ?? '').trim().toLowerCase() === 'en' ? 'en' : 'fa';
}

// ---- statuses ----------------------------------------------------------------------------------------------------

/** The spec knows two statuses: the workflow's final states are `closed`, every other state is `open`. */
export function open311Status(state: string): 'open' | 'closed' {
  return (TERMINAL_STATES as readonly string[]).includes(state) ? 'closed' : 'open';
}

export const FINAL_STATES: readonly ItemState[] = TERMINAL_STATES;

// ---- errors ------------------------------------------------------------------------------------------------------

export interface Open311Error {
  code: number;
  description: string;
}

/** A problem with one parameter, as an i18n key; the service layer translates it and names the parameter. */
export interface ParamProblem {
  param: string;
  key: string;
  values?: Record<string, unknown>;
}

/** `[{code, description}]` in JSON, `<errors><error>…</error></errors>` in XML (the spec's error format). */
export function errorBody(errors: readonly Open311Error[], format: Open311Format): string {
  return format === 'json' ? JSON.stringify(errors) : xmlDocument('errors', errors.map((e) => ({ code: e.code, description: e.description })), { errors: 'error' });
}

// ---- POST requests: the API's parameters as the web form's fields --------------------------------------------------

/** The API parameter that carries each field of the submission form (for error messages that name it). */
export const PARAM_OF_FIELD: Record<string, string> = {
  kind: 'attribute[kind]',
  centerId: 'address_id',
  provinceId: 'jurisdiction_id',
  serviceId: 'service_code',
  body: 'description',
  name: 'first_name/last_name',
  mobile: 'phone',
  email: 'email',
  priority: 'attribute[priority]',
};

/**
 * The API's own words for some refusals of the form's schema: the web form's messages talk about its checkboxes
 * and pickers, which an API client does not have.
 */
const API_MESSAGES: Record<string, Record<string, string>> = {
  kind: { '*': 'open311.errors.kind_invalid' },
  centerId: { '*': 'open311.errors.address_unknown' },
  provinceId: { '*': 'open311.errors.jurisdiction_unknown' },
  serviceId: { '*': 'open311.errors.service_code_unknown' },
  mobile: { 'errors.mobile_required': 'open311.errors.phone_required' },
  priority: { '*': 'urgent.api.priorityInvalid' },
};

/** A field error of the submission form (field name + i18n key) as a problem with the API parameter. */
export function submissionProblem(field: string, key: string): ParamProblem {
  const own = API_MESSAGES[field];
  const apiKey = key.startsWith('open311.') ? key : (own?.[key] ?? own?.['*'] ?? key);
  return { param: PARAM_OF_FIELD[field] ?? field, key: apiKey };
}

export interface ApiSubmission {
  /** The submission form's fields, for `feedbackSchema` (docs/DESIGN.md §5 names), except `serviceId`, which the caller resolves. */
  values: Record<string, string>;
  /** The service's slug as sent (`service_code`). */
  serviceCode: string;
  /** Problems found before the form's schema runs, keyed by the form's field names (i18n keys). */
  errors: Record<string, string>;
}

/**
 * The POST parameters as the web form's fields. The API has no consent checkbox: the client's terms of use cover the
 * citizen's consent, so it is implied. No phone and no email means an anonymous item (then no name is kept either,
 * as on the web form); contact details need the mobile, since feedback and the tracking look-up go by it.
 * Without `address_id` and `jurisdiction_id` the item goes to the national queue.
 */
export function apiSubmission(params: Record<string, string | undefined>): ApiSubmission {
  const get = (name: string) => (params[name] ?? '').trim();
  const errors: Record<string, string> = {};
  const serviceCode = get('service_code').toLowerCase();
  if (serviceCode === '') errors.serviceId = 'open311.errors.service_code_required';

  const kind = get('attribute[kind]').toLowerCase();
  if (!(OPEN311_KINDS as readonly string[]).includes(kind)) errors.kind = kind === '' ? 'open311.errors.kind_required' : 'open311.errors.kind_invalid';

  const centerId = get('address_id');
  // docs/DESIGN.md §5 also names `attribute[province]` for the province; `jurisdiction_id` is the spec's own parameter.
  const province = get('jurisdiction_id') || get('attribute[province]');
  const phone = get('phone');
  const email = get('email');
  const name = [get('first_name'), get('last_name')].filter(Boolean).join(' ');
  const anonymous = phone === '' && email === '';
  return {
    serviceCode,
    errors,
    values: {
      kind,
      centerId,
      provinceId: centerId === '' && province === '' ? NATIONAL : province,
      serviceId: '',
      subject: '',
      body: params.description ?? '',
      name: anonymous ? '' : name,
      mobile: phone,
      email,
      nationalCode: '',
      anonymous: anonymous ? 'on' : '',
      consent: 'on',
      website: '',
      // `urgent`: a person is at risk (issue 23); checked by the form's schema like the web form's box.
      priority: get('attribute[priority]'),
    },
  };
}

// ---- GET requests: search parameters ------------------------------------------------------------------------------

export type RequestQuery =
  | { by: 'ids'; refs: string[] }
  | { by: 'search'; serviceCode: string | null; from: Date; to: Date; statuses: ('open' | 'closed')[] | null };

export interface ParsedDate {
  instant: Date;
  dateOnly: boolean;
  /** How precise the time was written (a minute, a second, a millisecond): an end date includes that whole unit. */
  precisionMs: number;
}

/** A date the spec accepts: W3C ISO 8601 (`2026-11-21`, `2026-11-21T08:15:30+03:30`, `…Z`); no offset means Tehran time. */
export function parseIsoDate(input: string): ParsedDate | null {
  // In a query string an unencoded `+` arrives as a space: `…T08:15:30 03:30` means `+03:30`.
  const text = toAsciiDigits(input.trim()).replace(/(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$/, '$1+$2');
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (!match) return null;
  const [, y, mo, d, hh, mi, ss, frac, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  const key = `${y}-${mo}-${d}`;
  if (hh === undefined) return { instant: startOfTehranDay(key), dateOnly: true, precisionMs: DAY_MS };
  const hours = Number(hh);
  const minutes = Number(mi);
  const seconds = Number(ss ?? '0');
  const millis = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const precisionMs = frac ? 1 : ss !== undefined ? 1000 : 60_000;
  if (zone === undefined) {
    return { instant: new Date(tehranInstant(key, `${hh}:${mi}`).getTime() + seconds * 1000 + millis), dateOnly: false, precisionMs };
  }
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    const oh = Number(z[2]);
    const om = Number(z[3]);
    if (oh > 14 || om > 59) return null;
    offsetMinutes = (z[1] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return { instant: new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds, millis) - offsetMinutes * 60_000), dateOnly: false, precisionMs };
}

/** The `service_request_id` list of GET requests as written (comma-separated), empty parts dropped. */
export function requestIdList(params: URLSearchParams): string[] {
  return (params.get('service_request_id') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * The parameters of GET requests. `service_request_id` (comma-separated public references) overrides every other
 * parameter, as the spec says; malformed references (a tracking code among them) simply match nothing. Otherwise a
 * window of `start_date`/`end_date` (default: the last 90 days; at most 90 days; a date without a time covers that
 * whole Tehran day), `service_code` and `status` (`open`, `closed` or both, comma-separated). `to` is exclusive; an end date includes the unit it names (its day,
 * minute or second).
 */
export function parseRequestQuery(params: URLSearchParams, now: Date): { ok: true; query: RequestQuery } | { ok: false; problems: ParamProblem[] } {
  const parts = requestIdList(params);
  if (parts.length > 0) {
    if (parts.length > REQUESTS_MAX_RESULTS) {
      return { ok: false, problems: [{ param: 'service_request_id', key: 'open311.errors.too_many_ids', values: { max: REQUESTS_MAX_RESULTS } }] };
    }
    const refs = new Set<string>();
    for (const part of parts) {
      const ref = parsePublicRef(part);
      if (ref) refs.add(ref);
    }
    return { ok: true, query: { by: 'ids', refs: [...refs] } };
  }

  const problems: ParamProblem[] = [];
  const dateParam = (name: 'start_date' | 'end_date') => {
    const raw = params.get(name);
    if (raw === null || raw.trim() === '') return null;
    const parsed = parseIsoDate(raw);
    if (!parsed) problems.push({ param: name, key: 'open311.errors.date_invalid' });
    return parsed ?? undefined;
  };
  const start = dateParam('start_date');
  const end = dateParam('end_date');

  let statuses: ('open' | 'closed')[] | null = null;
  const statusParam = (params.get('status') ?? '').trim().toLowerCase();
  if (statusParam !== '') {
    const wanted = new Set<'open' | 'closed'>();
    for (const part of statusParam.split(',').map((s) => s.trim()).filter(Boolean)) {
      if (part === 'open' || part === 'closed') wanted.add(part);
      else problems.push({ param: 'status', key: 'open311.errors.status_invalid' });
    }
    statuses = wanted.size === 2 || wanted.size === 0 ? null : [...wanted];
  }
  if (problems.length > 0 || start === undefined || end === undefined) return { ok: false, problems: dedupe(problems) };

  const window = REQUESTS_WINDOW_DAYS * DAY_MS;
  // An end includes what it names: a date alone its whole Tehran day, `08:15:30` that whole second (the datetimes
  // this API writes carry no milliseconds, so an item's own requested_datetime finds it).
  const exclusiveEnd = (value: ParsedDate) =>
    value.dateOnly ? endOfTehranDay(tehranKey(value.instant)) : new Date(value.instant.getTime() + value.precisionMs);
  let from: Date;
  let to: Date;
  if (start && end) {
    if (end.instant.getTime() < start.instant.getTime()) return { ok: false, problems: [{ param: 'end_date', key: 'open311.errors.date_order' }] };
    if (end.instant.getTime() - start.instant.getTime() > window) {
      return { ok: false, problems: [{ param: 'end_date', key: 'open311.errors.date_span', values: { days: REQUESTS_WINDOW_DAYS } }] };
    }
    from = start.instant;
    to = exclusiveEnd(end);
  } else if (start) {
    from = start.instant;
    to = new Date(start.instant.getTime() + window);
  } else if (end) {
    to = exclusiveEnd(end);
    from = new Date(end.instant.getTime() - window);
  } else {
    to = new Date(now.getTime() + 1);
    from = new Date(now.getTime() - window);
  }
  const serviceCode = (params.get('service_code') ?? '').trim().toLowerCase();
  return { ok: true, query: { by: 'search', serviceCode: serviceCode === '' ? null : serviceCode, from, to, statuses } };
}

function dedupe(problems: ParamProblem[]): ParamProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => (seen.has(p.param + p.key) ? false : (seen.add(p.param + p.key), true)));
}

/** The Tehran civil day (`YYYY-MM-DD`) of an instant. */
function tehranKey(instant: Date): string {
  return new Date(instant.getTime() + tehranOffsetMinutes(instant) * 60_000).toISOString().slice(0, 10);
}

/** An instant as the spec writes it: W3C ISO 8601 in Tehran time with its offset, e.g. `2026-11-21T11:30:00+03:30`. */
export function formatIsoDate(date: Date | null | undefined): string | null {
  if (!date) return null;
  const offset = tehranOffsetMinutes(date);
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

// ---- documents ---------------------------------------------------------------------------------------------------

export interface ServiceRow {
  slug: string;
  nameFa: string;
  nameEn: string;
  summaryFa: string;
  summaryEn: string;
}

const pick = (locale: Open311Locale, fa: string, en: string) => (locale === 'en' && en.trim() !== '' ? en : fa);

/** The general-feedback service (GENERAL_SERVICE_CODE) as a catalogue row, in the translator's language. */
export function generalService(t: Translate): ServiceRow {
  const name = t('open311.general.name');
  const summary = t('open311.general.description');
  return { slug: GENERAL_SERVICE_CODE, nameFa: name, nameEn: name, summaryFa: summary, summaryEn: summary };
}

/** One entry of GET services (the spec's field names and order). */
export function serviceEntry(service: ServiceRow, locale: Open311Locale, t: Translate) {
  return {
    service_code: service.slug,
    service_name: pick(locale, service.nameFa, service.nameEn),
    description: pick(locale, service.summaryFa, service.summaryEn),
    metadata: true,
    type: 'realtime',
    keywords: OPEN311_KINDS.map((kind) => t(`kind.${kind}`)).join(','),
    group: SERVICE_GROUP,
  };
}

/** GET services/{code}: the one attribute, `kind`, a required single-value list. */
export function serviceDefinition(service: ServiceRow, t: Translate) {
  return {
    service_code: service.slug,
    attributes: [
      {
        variable: true,
        code: 'kind',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: t('open311.kindAttribute.datatypeDescription'),
        order: 1,
        description: t('open311.kindAttribute.description'),
        values: OPEN311_KINDS.map((kind) => ({ key: kind, name: t(`kind.${kind}`) })),
      },
      {
        variable: true,
        code: 'priority',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: t('urgent.api.datatypeDescription'),
        order: 2,
        description: t('urgent.api.description'),
        values: ITEM_PRIORITIES.map((priority) => ({ key: priority, name: t(`urgent.priority.${priority}`) })),
      },
    ],
  };
}

/** What GET requests may show of an item: public fields only, never the citizen's words or contact data (docs/DESIGN.md §7). */
export interface PublicRequestRow {
  /** The public reference, never the tracking code (the model does not even select it). */
  publicRef: string;
  state: string;
  createdAt: Date;
  updatedAt: Date;
  answerDueAt: Date | null;
  /** The item's service while it is active; null for none or a deactivated one (then the general service). */
  serviceSlug: string | null;
  serviceNameFa: string | null;
  serviceNameEn: string | null;
  ownerNameFa: string | null;
  ownerNameEn: string | null;
  centerId: number | null;
  centerNameFa: string | null;
  centerNameEn: string | null;
  centerCityFa: string | null;
  centerCityEn: string | null;
}

export function agencyName(row: Pick<PublicRequestRow, 'ownerNameFa' | 'ownerNameEn'>, locale: Open311Locale, t: Translate): string {
  const name = locale === 'en' ? row.ownerNameEn : row.ownerNameFa;
  return name ? t('open311.agencyProvince', { name }) : t('province.national');
}

/** One request of GET requests. `description`, `media_url`, `lat` and `long` are left out on purpose. */
export function requestEntry(row: PublicRequestRow, locale: Open311Locale, t: Translate) {
  const en = locale === 'en';
  const centerName = en ? row.centerNameEn || row.centerNameFa : row.centerNameFa;
  const city = en ? row.centerCityEn || row.centerCityFa : row.centerCityFa;
  return {
    service_request_id: row.publicRef,
    status: open311Status(row.state),
    status_notes: t(`status.${row.state}`),
    service_name: row.serviceSlug ? pick(locale, row.serviceNameFa ?? '', row.serviceNameEn ?? '') : t('open311.general.name'),
    service_code: row.serviceSlug ?? GENERAL_SERVICE_CODE,
    agency_responsible: agencyName(row, locale, t),
    requested_datetime: formatIsoDate(row.createdAt),
    updated_datetime: formatIsoDate(row.updatedAt),
    expected_datetime: formatIsoDate(row.answerDueAt),
    address: centerName ? [centerName, city].filter(Boolean).join(en ? ', ' : '، ') : null,
    address_id: row.centerId === null ? null : String(row.centerId),
  };
}

// ---- XML -----------------------------------------------------------------------------------------------------------

export type XmlValue = string | number | boolean | null | undefined | readonly XmlValue[] | { readonly [key: string]: XmlValue };

/** Characters XML 1.0 cannot carry at all (controls other than tab/newline/return, lone surrogates, U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex -- control characters are what this strips
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content or an attribute value, escaped; characters XML cannot carry are dropped, a carriage return is kept. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

function element(name: string, value: XmlValue, itemNames: Readonly<Record<string, string>>): string {
  if (value === undefined) return '';
  if (value === null) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = itemNames[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v, itemNames)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value as Record<string, XmlValue>)
      .map(([k, v]) => element(k, v, itemNames))
      .join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/**
 * A whole XML document: the declaration, then `root` holding `value`. Arrays become one element per entry, named by
 * `itemNames` (`services` → `service`); null is an empty element, undefined is left out. Element names come from
 * this code, never from input.
 */
export function xmlDocument(root: string, value: XmlValue, itemNames: Readonly<Record<string, string>>): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, itemNames)}\n`;
}

/** The element names of the spec's documents. */
export const XML_ITEMS = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
} as const;

// ---- discovery -----------------------------------------------------------------------------------------------------

/** When this API's contract last changed (the public reference replaced the tracking code): discovery's changeset. */
export const API_CHANGESET = '2026-12-06T00:00:00+03:30';

/**
 * The GeoReport v2 service discovery document (wiki.open311.org/Service_Discovery): one production endpoint, this
 * API, in both formats.
 */
export function discoveryDocument(apiUrl: string, t: Translate) {
  return {
    changeset: API_CHANGESET,
    contact: t('open311.discovery.contact'),
    key_service: t('open311.discovery.keyService'),
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: apiUrl,
        changeset: API_CHANGESET,
        type: 'production',
        formats: [CONTENT_TYPES.xml.split(';')[0]!, CONTENT_TYPES.json.split(';')[0]!],
      },
    ],
  };
}
