/**
 * The Open311 GeoReport v2 endpoints under /api/open311/v2 (docs/DESIGN.md §5), from a request to a response, so the route
 * modules stay one line each. JSON or XML by the extension; errors in the spec's format with the matching status;
 * GET answers may be read by any web page (CORS), POST needs a key an admin issued. Text comes in Persian, or in
 * English with `locale=en`.
 */
import { db } from '../platform/db.server';
import { getConfig } from '../platform/config.server';
import { readCapped } from '../platform/http.server';
import { formValues } from '../domain/forms';
import {
  agencyName,
  apiSubmission,
  CONTENT_TYPES,
  discoveryDocument,
  errorBody,
  GENERAL_SERVICE_CODE,
  generalService,
  open311Locale,
  parsePublicRef,
  parseRequestQuery,
  REQUESTS_MAX_RESULTS,
  requestEntry,
  requestIdList,
  serviceDefinition,
  serviceEntry,
  splitFormat,
  submissionProblem,
  xmlDocument,
  XML_ITEMS,
  type Open311Format,
  type Open311Locale,
  type ParamProblem,
  type Translate,
  type XmlValue,
} from '../domain/open311';
import { toPersianDigits } from '../domain/persian';
import { translator } from '../i18n/translate';
import { authenticateApiKey } from '../models/api-keys.server';
import { findServiceBySlug, listServices } from '../models/catalog.server';
import { findPublicRequest, findPublicRequests } from '../models/open311.server';
import { asFault, retryAfterHeaders } from './faults.server';
import { createRateLimiter } from './rate-limit.server';
import { acceptApiSubmission } from './submission.server';
import { readSubmission } from './uploads.server';

/** How many items one client address may look up by reference per window (a list costs one per reference named). */
export const LOOKUPS_PER_WINDOW = 1000;

/**
 * Per key, posts: generous for a call-centre system filing for callers, a stop for a runaway client. Per client
 * address, look-ups by reference (requests/{id} and `service_request_id=`): a client following the items it filed
 * stays far below; trying references in bulk is stopped.
 */
export const open311Limits = {
  posts: createRateLimiter(300, 10 * 60_000),
  lookups: createRateLimiter(LOOKUPS_PER_WINDOW, 10 * 60_000),
};

/**
 * The most a POST body may hold. The API takes no files, and the longest description is far below this; a body
 * beyond it is refused (413) without being read past the cap, or at all when its Content-Length says so.
 */
export const OPEN311_BODY_MAX = 128 * 1024;

/** How one answer is written. An address without `.json`/`.xml` is answered in JSON (as a 404). */
interface Context {
  format: Open311Format;
  locale: Open311Locale;
  t: Translate;
  /** GET answers carry `Access-Control-Allow-Origin: *`. */
  cors: boolean;
}

function contextFor(format: Open311Format, locale: Open311Locale, cors: boolean): Context {
  return { format, locale, t: translator(locale) as unknown as Translate, cors };
}

function respond(ctx: Context, status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': CONTENT_TYPES[ctx.format],
      'Cache-Control': 'no-store',
      ...(ctx.cors ? { 'Access-Control-Allow-Origin': '*' } : {}),
      ...headers,
    },
  });
}

function documentResponse(ctx: Context, root: string, value: XmlValue, status = 200): Response {
  return respond(ctx, status, ctx.format === 'json' ? JSON.stringify(value) : xmlDocument(root, value, XML_ITEMS));
}

function errorResponse(ctx: Context, status: number, descriptions: string[], headers?: Record<string, string>): Response {
  return respond(ctx, status, errorBody(descriptions.map((description) => ({ code: status, description })), ctx.format), headers);
}

function problemsResponse(ctx: Context, problems: readonly ParamProblem[]): Response {
  return errorResponse(
    ctx,
    400,
    problems.map((p) => ctx.t('open311.errors.field', { field: p.param, message: ctx.t(p.key, p.values) })),
  );
}

/** On a refusal that leaves the body unread: the server closes the connection instead of draining the rest. */
const UNREAD = { Connection: 'close' };

const notFound = (ctx: Context) => errorResponse(ctx, 404, [ctx.t('open311.errors.not_found')]);

const rateLimited = (ctx: Context, retryAfterSeconds: number, key = 'open311.errors.rate_limited') =>
  errorResponse(ctx, 429, [ctx.t(key, { minutes: Math.ceil(retryAfterSeconds / 60) })], {
    'Retry-After': String(retryAfterSeconds),
  });

/**
 * Counts `cost` look-ups by reference for the client address; a refusal (429) when its window is used up. Without an
 * address (a route called directly) nothing is counted.
 */
function limitLookups(ctx: Context, client: string | null, cost: number): Response | null {
  if (client === null || cost === 0) return null;
  const limit = open311Limits.lookups.hit(`ip:${client}`, Date.now(), cost);
  return limit.ok ? null : rateLimited(ctx, limit.retryAfterSeconds, 'open311.errors.lookups_limited');
}

/**
 * Any failure not foreseen is still an answer in the spec's format (and logged); a body over the cap is 413; the
 * database locked or the disk full is 503 + Retry-After (nothing stored, the client should send again).
 */
async function guarded(ctx: Context, work: () => Response | Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Response && error.status === 413) return errorResponse(ctx, 413, [ctx.t('open311.errors.payload_too_large')], UNREAD);
    if (asFault(error)) return errorResponse(ctx, 503, [ctx.t('open311.errors.service_busy')], retryAfterHeaders());
    console.error('open311: unexpected failure', error);
    return errorResponse(ctx, 500, [ctx.t('open311.errors.server_error')]);
  }
}

// ---- GET -----------------------------------------------------------------------------------------------------------

/** GET services.{format}, discovery.{format} and GET requests.{format}; `client` is the caller's address. */
export function getCollection(request: Request, segment: string | undefined, client: string | null): Promise<Response> {
  const url = new URL(request.url);
  const path = splitFormat(segment);
  const ctx = contextFor(path?.format ?? 'json', open311Locale(url.searchParams.get('locale')), true);
  return guarded(ctx, () => {
    if (path?.name === 'services') {
      const services = [...listServices(db()), generalService(ctx.t)].map((service) => serviceEntry(service, ctx.locale, ctx.t));
      return documentResponse(ctx, 'services', services);
    }
    if (path?.name === 'discovery') {
      return documentResponse(ctx, 'discovery', discoveryDocument(`${getConfig().publicUrl}/api/open311/v2`, ctx.t));
    }
    if (path?.name === 'requests') {
      // Every reference named is a look-up, well-formed or not: trying references in bulk costs the same.
      // (A list longer than the most allowed is refused below; it costs one more than that.)
      const refused = limitLookups(ctx, client, Math.min(requestIdList(url.searchParams).length, REQUESTS_MAX_RESULTS + 1));
      if (refused) return refused;
      const parsed = parseRequestQuery(url.searchParams, new Date());
      if (!parsed.ok) return problemsResponse(ctx, parsed.problems);
      const rows = findPublicRequests(db(), parsed.query).map((row) => requestEntry(row, ctx.locale, ctx.t));
      return documentResponse(ctx, 'service_requests', rows);
    }
    return notFound(ctx);
  });
}

/** GET services/{service_code}.{format}: the definition of one active service. */
export function getServiceDefinition(request: Request, segment: string | undefined): Promise<Response> {
  const path = splitFormat(segment);
  const ctx = contextFor(path?.format ?? 'json', open311Locale(new URL(request.url).searchParams.get('locale')), true);
  return guarded(ctx, () => {
    const code = path?.name.toLowerCase();
    const service = code === GENERAL_SERVICE_CODE ? generalService(ctx.t) : code ? findServiceBySlug(db(), code) : undefined;
    if (!service) return notFound(ctx);
    return documentResponse(ctx, 'service_definition', serviceDefinition(service, ctx.t));
  });
}

/**
 * GET requests/{service_request_id}.{format}: one request by its public reference, in the same list shape as the
 * search (a tracking code finds nothing). Counted as a look-up for the client address.
 */
export function getRequest(request: Request, segment: string | undefined, client: string | null): Promise<Response> {
  const path = splitFormat(segment);
  const ctx = contextFor(path?.format ?? 'json', open311Locale(new URL(request.url).searchParams.get('locale')), true);
  return guarded(ctx, () => {
    const refused = limitLookups(ctx, client, 1);
    if (refused) return refused;
    const ref = path ? parsePublicRef(path.name) : null;
    const row = ref ? findPublicRequest(db(), ref) : undefined;
    if (!row) return notFound(ctx);
    return documentResponse(ctx, 'service_requests', [requestEntry(row, ctx.locale, ctx.t)]);
  });
}

// ---- POST and other methods ----------------------------------------------------------------------------------------

/**
 * A method the address does not offer: 405 with `Allow` (`allowed` names the methods), or 404 for an address that
 * is none.
 */
export function methodNotAllowed(request: Request, segment: string | undefined, exists: (name: string) => boolean, allowed = 'GET, HEAD'): Promise<Response> {
  const path = splitFormat(segment);
  const ctx = contextFor(path?.format ?? 'json', open311Locale(new URL(request.url).searchParams.get('locale')), false);
  return guarded(ctx, () => {
    if (!path || !exists(path.name)) return notFound(ctx);
    return errorResponse(ctx, 405, [ctx.t('open311.errors.method_not_allowed', { method: request.method, allowed })], { Allow: allowed });
  });
}

/** Anything but GET to services.{format} or requests.{format}: POST files a request, other methods are refused. */
export function collectionAction(request: Request, segment: string | undefined): Promise<Response> {
  const name = splitFormat(segment)?.name;
  if (name === 'requests' && request.method === 'POST') return postRequest(request, segment);
  return methodNotAllowed(request, segment, (n) => n === 'services' || n === 'requests' || n === 'discovery', name === 'requests' ? 'GET, HEAD, POST' : 'GET, HEAD');
}

/** The order in which a refused submission's problems are listed: as the spec lists the parameters. */
const PARAM_ORDER = ['api_key', 'service_code', 'attribute[kind]', 'attribute[priority]', 'address_id', 'jurisdiction_id', 'description', 'first_name/last_name', 'phone', 'email', 'media'];

/** A key sent as `Authorization: Bearer <key>`, or null when the header is absent or of another scheme. */
function headerKey(request: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('Authorization') ?? '');
  return match ? match[1]! : null;
}

/** The key's refusal (403) or its rate limit's (429); null when it may file. */
function admitKey(ctx: Context, presented: string | undefined): Response | null {
  const key = authenticateApiKey(db(), presented);
  if (!key) return errorResponse(ctx, 403, [ctx.t(presented?.trim() ? 'open311.errors.api_key_invalid' : 'open311.errors.api_key_missing')]);
  const limit = open311Limits.posts.hit(`key:${key.id}`);
  return limit.ok ? null : rateLimited(ctx, limit.retryAfterSeconds);
}

/**
 * POST requests.{format}: a key an admin issued, then the web form's schema and workflow (channel `api`). Nothing
 * is read that would be refused: a key in the `Authorization: Bearer` header is checked (and counted against its
 * limit) before the body is touched; a body over OPEN311_BODY_MAX is refused by its Content-Length, or as soon as
 * the cap is passed, before it is parsed; only then is a key sent in the body (the spec's `api_key`) checked.
 * Answers the item's public reference as `service_request_id`; the tracking code, which the filing client passes
 * on to the citizen, is only in `service_notice`, in the request's language.
 */
async function postRequest(request: Request, segment: string | undefined): Promise<Response> {
  const url = new URL(request.url);
  let ctx = contextFor(splitFormat(segment)?.format ?? 'json', open311Locale(url.searchParams.get('locale')), false);
  return guarded(ctx, async () => {
    const fromHeader = headerKey(request);
    if (fromHeader !== null) {
      const refused = admitKey(ctx, fromHeader);
      if (refused) {
        // The body is left unread.
        for (const [name, value] of Object.entries(UNREAD)) refused.headers.set(name, value);
        return refused;
      }
    }
    // Read no further than the cap (a 413 Response is thrown beyond it), then parse what was read.
    const bytes = await readCapped(request, OPEN311_BODY_MAX);
    const { formData, files } = await readSubmission(new Request(request.url, { method: 'POST', headers: request.headers, body: new Uint8Array(bytes) }));
    const values = formValues(formData);
    if (values.locale !== undefined) ctx = contextFor(ctx.format, open311Locale(values.locale), false);

    if (fromHeader === null) {
      const refused = admitKey(ctx, values.api_key);
      if (refused) return refused;
    }

    const submission = apiSubmission(values);
    const earlier = { ...submission.errors };
    if (submission.serviceCode !== '' && submission.serviceCode !== GENERAL_SERVICE_CODE) {
      const service = findServiceBySlug(db(), submission.serviceCode);
      if (service) submission.values.serviceId = String(service.id);
      else earlier.serviceId = 'open311.errors.service_code_unknown';
    }
    if (files.length > 0) earlier.media = 'open311.errors.media_not_accepted';
    const result = acceptApiSubmission(submission.values, ctx.locale, earlier);
    if (!result.ok) {
      const problems = Object.entries(result.errors)
        .map(([field, key]) => (field === 'media' ? { param: 'media', key } : submissionProblem(field, key)))
        .sort((a, b) => rank(a.param) - rank(b.param));
      return problemsResponse(ctx, problems);
    }
    const item = result.item;
    const row = findPublicRequest(db(), item.publicRef);
    const code = ctx.locale === 'fa' ? toPersianDigits(item.trackingCode) : item.trackingCode;
    const notice = ctx.t('open311.notice', {
      code,
      agency: row ? agencyName(row, ctx.locale, ctx.t) : ctx.t('province.national'),
      url: `${getConfig().publicUrl}/track/${item.trackingCode}`,
    });
    // No account_id: the API has no citizen accounts, and the spec's schema wants a string when it is there.
    return documentResponse(ctx, 'service_requests', [{ service_request_id: item.publicRef, service_notice: notice }], 201);
  });
}

function rank(param: string): number {
  const index = PARAM_ORDER.indexOf(param);
  return index === -1 ? PARAM_ORDER.length : index;
}
