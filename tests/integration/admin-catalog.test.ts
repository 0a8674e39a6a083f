/**
 * The admin's catalogue and settings pages (docs/DESIGN.md §4): centres, their services and programmes, services, the
 * workflow settings and holidays. Real loaders and actions on a real SQLite file: what the admin changes must show on
 * the public pages, in the feedback form and in the deadlines of the next item, with an audit row for every change.
 */
import { and, asc, eq, notLike, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, centers, holidays, items, programmes, services, settings, staffUsers } from '../../db/schema';
import { parseTypedDate as parseAdminDate, tehranInstant } from '~/domain/calendar';
import { parseAdminTime, tehranFormParts } from '~/domain/catalog-admin-schema';
import { feedbackSchema } from '~/domain/feedback-schema';
import { toPersianDigits } from '~/domain/persian';
import { submitItem } from '~/services/workflow.server';
import * as centerPage from '~/routes/centers.$id';
import * as centerList from '~/routes/centers._index';
import * as feedbackNew from '~/routes/feedback.new';
import * as servicePage from '~/routes/services.$slug';
import * as adminProgrammes from '~/routes/staff.admin.centers.$id.programmes';
import * as adminCenter from '~/routes/staff.admin.centers.$id/route';
import * as adminCenters from '~/routes/staff.admin.centers._index';
import * as adminServices from '~/routes/staff.admin.services';
import * as adminSettings from '~/routes/staff.admin.settings';
import { BASE, CookieJar, getRequest, routeArgs, run } from '../support/http';
import { csrfOf, signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

// ---- helpers ---------------------------------------------------------------------------------------------------

const DAY = 86_400_000;


type Fields = Record<string, string | string[]>;

/** A form POST; an array value repeats the field (checkboxes). */
function post(path: string, fields: Fields, jar?: CookieJar): Request {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (jar) headers.Cookie = jar.header();
  return new Request(BASE + path, { method: 'POST', headers, body: body.toString() });
}

interface Session {
  jar: CookieJar;
  csrf: string;
}

let adminSession: Session | undefined;
async function admin(): Promise<Session> {
  if (adminSession) return adminSession;
  const jar = await signInAs('admin');
  const response = await run(() => adminSettings.loader(routeArgs(getRequest('/staff/admin/settings', jar))));
  expect(response.status).toBe(200);
  adminSession = { jar, csrf: await csrfOf(jar) };
  return adminSession;
}

async function postCenter(id: string, fields: Fields, session?: Session, withCsrf = true) {
  const s = session ?? (await admin());
  const path = `/staff/admin/centers/${id}`;
  return run(() => adminCenter.action(routeArgs(post(path, withCsrf ? { csrf: s.csrf, ...fields } : fields, s.jar), { id })));
}

async function loadCenter(id: string, session?: Session) {
  const s = session ?? (await admin());
  return run(() => adminCenter.loader(routeArgs(getRequest(`/staff/admin/centers/${id}`, s.jar), { id })));
}

async function postServices(fields: Fields, search = '') {
  const s = await admin();
  return run(() => adminServices.action(routeArgs(post(`/staff/admin/services${search}`, { csrf: s.csrf, ...fields }, s.jar))));
}

async function postSettings(fields: Fields) {
  const s = await admin();
  return run(() => adminSettings.action(routeArgs(post('/staff/admin/settings', { csrf: s.csrf, ...fields }, s.jar))));
}

async function publicSearch(q: string) {
  const response = await run(() => centerList.loader(routeArgs(getRequest(`/centers?q=${encodeURIComponent(q)}`))));
  expect(response.status).toBe(200);
  return (await response.json()) as { total: number; centers: { id: number; nameFa: string }[] };
}

async function publicCenter(id: number) {
  return run(() => centerPage.loader(routeArgs(getRequest(`/centers/${id}`), { id: String(id) })));
}

/** The centres the feedback form offers once the citizen picks this centre's province (issue 21: one province at a time). */
async function formCenters(id: number) {
  const province = db().select({ provinceId: centers.provinceId }).from(centers).where(eq(centers.id, id)).get()!.provinceId;
  const response = await run(() => feedbackNew.loader(routeArgs(getRequest(`/feedback/new?province=${province}`))));
  return ((await response.json()) as { finder: { options: { id: number }[] } }).finder.options.map((c) => c.id);
}

async function errorsOf(response: Response) {
  expect(response.status).toBe(400);
  return (await response.json()) as { errors: Record<string, string>; values: Record<string, string> };
}

function idFromRedirect(response: Response): number {
  expect(response.status).toBe(302);
  const match = /^\/staff\/admin\/centers\/(\d+)\?saved=created$/.exec(response.headers.get('Location') ?? '');
  expect(match).not.toBeNull();
  return Number(match![1]);
}

function lastAudit(action: string, entityId?: string | number) {
  const row = db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), entityId === undefined ? undefined : eq(auditLog.entityId, String(entityId))))
    .orderBy(sql`${auditLog.id} DESC`)
    .get();
  expect(row, `an audit row ${action}`).toBeDefined();
  return { ...row!, before: row!.before ? JSON.parse(row!.before) : null, after: row!.after ? JSON.parse(row!.after) : null };
}

// Admin changes only: signing in (which a step may do first) is audited too, as `auth.*`.
const auditCount = () => db().select({ n: sql<number>`count(*)` }).from(auditLog).where(notLike(auditLog.action, 'auth.%')).get()!.n;
const adminId = () => db().select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.username, 'admin')).get()!.id;

let serial = 0;
/** A complete, valid centre form; `name` makes it unique and searchable. */
function centerForm(name: string, extra: Fields = {}): Fields {
  serial++;
  return {
    intent: 'save',
    provinceId: 'ir-09',
    program: 'mosbat',
    nameFa: `مرکز مثبت زندگی ${name}`,
    nameEn: `Mosbat-e Zendegi Centre ${name}`,
    operatorFa: 'موسسه خیریه نیکوکاران',
    operatorEn: 'Nikukaran Charity',
    cityFa: 'مشهد',
    cityEn: 'Mashhad',
    neighbourhoodFa: 'قاسم‌آباد',
    neighbourhoodEn: 'Ghasemabad',
    addressFa: `بلوار فلاحی، پلاک ${serial}`,
    addressEn: `Falahi Blvd, No. ${serial}`,
    phone: '۰۵۱-۳۸۶۶۱۲۳۴',
    hoursFa: 'شنبه تا چهارشنبه ۸ تا ۱۶',
    hoursEn: 'Sat–Wed 8:00–16:00',
    services: ['1', '2'],
    ...extra,
  };
}

async function createCenter(name: string, extra: Fields = {}) {
  return idFromRedirect(await postCenter('new', centerForm(name, extra)));
}

// ---- centres -----------------------------------------------------------------------------------------------------

describe('an admin adding a centre', () => {
  it('puts it in the public directory, on its own page and in the feedback form, with an audit row', async () => {
    const before = auditCount();
    const id = await createCenter('آزادگان‌نو');

    const found = await publicSearch('آزادگان‌نو');
    expect(found.centers.map((c) => c.id)).toContain(id);
    // Arabic ye/kaf and a space instead of the ZWNJ still find it.
    expect((await publicSearch('مثبت زندگي آزادگان نو')).centers.map((c) => c.id)).toContain(id);

    const page = await publicCenter(id);
    expect(page.status).toBe(200);
    const data = (await page.json()) as { center: { nameFa: string; phone: string; isDemo: boolean }; services: { id: number }[] };
    expect(data.center.nameFa).toBe('مرکز مثبت زندگی آزادگان‌نو');
    expect(data.center.phone).toBe('051-38661234'); // digits normalized to ASCII
    expect(data.center.isDemo).toBe(false);
    expect(data.services.map((s) => s.id).sort()).toEqual([1, 2]);

    expect(await formCenters(id)).toContain(id);

    expect(auditCount()).toBe(before + 1);
    const audit = lastAudit('center.create', id);
    expect(audit.entity).toBe('center');
    expect(audit.before).toBeNull();
    expect(audit.after).toMatchObject({ id, nameFa: 'مرکز مثبت زندگی آزادگان‌نو', provinceId: 'ir-09', serviceIds: [1, 2], active: true });
    expect(audit.actorStaffId).toBe(adminId());
  });

  it('is listed on the admin list with the province, programme and search filters', async () => {
    const id = await createCenter('زیتون‌شمالی', { provinceId: 'ir-10', program: 'shoq' });
    const s = await admin();
    const list = async (query: string) => {
      const response = await run(() => adminCenters.loader(routeArgs(getRequest(`/staff/admin/centers${query}`, s.jar))));
      expect(response.status).toBe(200);
      return (await response.json()) as { total: number; centers: { id: number; provinceId: string; program: string }[] };
    };
    expect((await list('?q=زیتون')).centers.map((c) => c.id)).toEqual([id]);
    const byProvince = await list('?province=IR-10&program=shoq');
    expect(byProvince.centers.map((c) => c.id)).toContain(id);
    expect(byProvince.centers.every((c) => c.provinceId === 'ir-10' && c.program === 'shoq')).toBe(true);
    expect((await list('?province=ir-10&program=mosbat')).centers.map((c) => c.id)).not.toContain(id);
    // Odd input is ignored or finds nothing, never an error.
    expect((await list('?q=%22%2A%3A(&province=<b>&program=x&status=y&page=-3')).total).toBe(0);
    expect((await list(`?page=99999&q=${'ا'.repeat(5000)}`)).total).toBe(0);
  });

  it('keeps every typed value and names each wrong field in Persian message keys', async () => {
    const before = auditCount();
    const count = db().select({ n: sql<number>`count(*)` }).from(centers).get()!.n;
    const { errors, values } = await errorsOf(
      await postCenter(
        'new',
        centerForm('خطا', {
          provinceId: 'ir-99',
          program: 'other',
          nameFa: '   ',
          cityFa: '',
          phone: 'not a phone <b>',
          addressFa: 'ن'.repeat(501),
          services: ['1', 'abc'],
        }),
      ),
    );
    expect(errors).toMatchObject({
      program: 'adminCatalog.errors.programRequired',
      nameFa: 'adminCatalog.errors.required',
      cityFa: 'adminCatalog.errors.required',
      phone: 'adminCatalog.errors.phoneInvalid',
      addressFa: 'adminCatalog.errors.tooLong',
      services: 'adminCatalog.errors.invalidChoice',
    });
    expect(values.phone).toBe('not a phone <b>');
    expect(values.operatorFa).toBe('موسسه خیریه نیکوکاران');

    // A well-formed but unknown province, and a service id that does not exist, are refused by field too.
    const unknown = await errorsOf(await postCenter('new', centerForm('ناشناخته', { provinceId: 'ir-99', services: ['999999'] })));
    expect(unknown.errors).toEqual({ provinceId: 'adminCatalog.errors.invalidChoice', services: 'adminCatalog.errors.invalidChoice' });

    expect(db().select({ n: sql<number>`count(*)` }).from(centers).get()!.n).toBe(count);
    expect(auditCount()).toBe(before);
  });

  it('stores markup as plain text and refuses huge input without a server error', async () => {
    const id = await createCenter('<script>alert(1)</script>');
    const page = (await (await publicCenter(id)).json()) as { center: { nameFa: string } };
    expect(page.center.nameFa).toBe('مرکز مثبت زندگی <script>alert(1)</script>');

    const huge = await postCenter('new', centerForm('بزرگ', { nameFa: 'ب'.repeat(100_000) }));
    expect((await errorsOf(huge)).errors.nameFa).toBe('adminCatalog.errors.tooLong');
    const tooBig = await postCenter('new', centerForm('بزرگ‌تر', { nameFa: 'ب'.repeat(600_000) }));
    expect(tooBig.status).toBe(413);
  });
});

describe('an admin editing a centre', () => {
  it('makes the new name searchable and the old one not, and audits before → after', async () => {
    const id = await createCenter('کوثرقدیم');
    const saved = await postCenter(String(id), centerForm('کوثرجدید', { services: ['3'] }));
    expect(saved.status).toBe(302);
    expect(saved.headers.get('Location')).toBe(`/staff/admin/centers/${id}?saved=saved`);

    expect((await publicSearch('کوثرجدید')).centers.map((c) => c.id)).toContain(id);
    expect((await publicSearch('کوثرقدیم')).centers.map((c) => c.id)).not.toContain(id);

    const page = (await (await publicCenter(id)).json()) as { services: { id: number }[] };
    expect(page.services.map((s) => s.id)).toEqual([3]);

    const audit = lastAudit('center.update', id);
    expect(audit.before).toMatchObject({ nameFa: 'مرکز مثبت زندگی کوثرقدیم', serviceIds: [1, 2] });
    expect(audit.after).toMatchObject({ nameFa: 'مرکز مثبت زندگی کوثرجدید', serviceIds: [3] });
  });

  it('reads the services as a group of checkboxes: none ticked is none, and a refusal keeps those ticked', async () => {
    const id = await createCenter('بدون‌خدمت');
    const refused = (await (await postCenter(String(id), centerForm('بدون‌خدمت', { nameFa: '', services: ['2', '3'] }))).json()) as {
      errors: Record<string, string>;
      values: Record<string, string>;
      serviceIds: string[];
    };
    expect(refused.errors).toEqual({ nameFa: 'adminCatalog.errors.required' });
    expect(refused.serviceIds).toEqual(['2', '3']);
    expect(refused.values).toMatchObject({ nameFa: '', cityFa: 'مشهد' });
    expect(refused.values.csrf).toBeUndefined();

    expect((await postCenter(String(id), centerForm('بدون‌خدمت', { services: [] }))).status).toBe(302);
    expect(((await (await loadCenter(String(id))).json()) as { serviceIds: number[] }).serviceIds).toEqual([]);
  });

  it('shows the edit page with its services and programmes; a wrong id is 404', async () => {
    const id = await createCenter('صفحه‌ویرایش');
    const response = await loadCenter(String(id));
    expect(response.status).toBe(200);
    const data = (await response.json()) as { center: { id: number }; serviceIds: number[]; services: unknown[] };
    expect(data.center.id).toBe(id);
    expect(data.serviceIds).toEqual([1, 2]);
    expect(data.services.length).toBeGreaterThanOrEqual(10);

    expect((await loadCenter('new')).status).toBe(200);
    for (const wrong of ['999999', 'abc', '0', '-1', '1e3', '12345678901234567890']) {
      expect((await loadCenter(wrong)).status, wrong).toBe(404);
      expect((await postCenter(wrong, centerForm('اشتباه'))).status, wrong).toBe(404);
    }
    // Persian digits in the address are the same centre.
    expect((await loadCenter(toPersianDigits(id))).status).toBe(200);
    // Only saving makes sense for a centre not created yet; an unknown intent is a form error.
    expect((await postCenter('new', { intent: 'deactivate' })).status).toBe(404);
    expect((await errorsOf(await postCenter(String(id), { intent: 'explode' }))).errors.form).toBe('adminCatalog.errors.invalid');
  });
});

describe('deactivating a centre', () => {
  it('hides it from the directory, its page and the form, keeps its items, and reactivating brings it back', async () => {
    const id = await createCenter('ارغوان‌پنهان');
    const item = submitItem(
      db(),
      feedbackSchema.parse({ kind: 'suggestion', centerId: String(id), body: 'لطفاً کلاس‌های مهارت‌آموزی را عصرها هم برگزار کنید.', anonymous: 'on', consent: 'on' }),
      { channel: 'web', locale: 'fa', actor: { role: 'citizen' } },
    );

    const off = await postCenter(String(id), { intent: 'deactivate' });
    expect(off.status).toBe(302);
    expect((await publicSearch('ارغوان‌پنهان')).centers.map((c) => c.id)).not.toContain(id);
    expect((await publicCenter(id)).status).toBe(404);
    expect(await formCenters(id)).not.toContain(id);
    // The item stays, still about this centre.
    expect(db().select().from(items).where(eq(items.id, item.id)).get()!.centerId).toBe(id);
    // The admin still sees and edits it.
    const page = (await (await loadCenter(String(id))).json()) as { center: { active: boolean } };
    expect(page.center.active).toBe(false);
    const s = await admin();
    const inactive = await run(() => adminCenters.loader(routeArgs(getRequest('/staff/admin/centers?status=inactive', s.jar))));
    expect(((await inactive.json()) as { centers: { id: number }[] }).centers.map((c) => c.id)).toContain(id);
    expect(lastAudit('center.deactivate', id)).toMatchObject({ before: { active: true }, after: { active: false } });

    expect((await postCenter(String(id), { intent: 'reactivate' })).status).toBe(302);
    expect((await publicSearch('ارغوان‌پنهان')).centers.map((c) => c.id)).toContain(id);
    expect((await publicCenter(id)).status).toBe(200);
    expect(await formCenters(id)).toContain(id);
    expect(lastAudit('center.reactivate', id)).toMatchObject({ before: { active: false }, after: { active: true } });
  });
});

// ---- programmes --------------------------------------------------------------------------------------------------

describe('programmes of a centre', () => {
  it('are added, edited and deleted by the admin and shown on the public page, in Tehran time', async () => {
    const id = await createCenter('برنامه‌دار');
    const when = tehranFormParts(new Date(Date.now() + 10 * DAY));
    const added = await postCenter(String(id), {
      intent: 'addProgramme',
      titleFa: 'کارگاه فرزندپروری',
      titleEn: '',
      descriptionFa: 'ویژه والدین کودکان زیر ۶ سال',
      startDate: toPersianDigits(when.solarDate), // Solar Hijri, Persian digits
      startTime: '۱۰:۳۰',
      durationMinutes: '۹۰',
    });
    expect(added.status).toBe(302);
    const row = db().select().from(programmes).where(eq(programmes.centerId, id)).get()!;
    expect(row.titleEn).toBe('کارگاه فرزندپروری'); // falls back to the Persian title
    expect(row.durationMinutes).toBe(90);
    expect(tehranFormParts(row.startsAt)).toEqual({ ...when, time: '10:30' });
    expect(new Date(`${when.gregorianDate}T10:30:00+03:30`).getTime()).toBe(row.startsAt.getTime());
    expect(lastAudit('programme.create', row.id).after).toMatchObject({ centerId: id, titleFa: 'کارگاه فرزندپروری' });

    const shown = async () => ((await (await publicCenter(id)).json()) as { programmes: { id: number; titleFa: string }[] }).programmes;
    expect((await shown()).map((p) => p.titleFa)).toEqual(['کارگاه فرزندپروری']);

    // The same instant typed as a Gregorian date.
    const edited = await postCenter(String(id), {
      intent: 'updateProgramme',
      programmeId: String(row.id),
      titleFa: 'کارگاه مهارت‌های زندگی',
      startDate: when.gregorianDate,
      startTime: '9:00',
      durationMinutes: '60',
    });
    expect(edited.status).toBe(302);
    expect((await shown()).map((p) => p.titleFa)).toEqual(['کارگاه مهارت‌های زندگی']);
    const audit = lastAudit('programme.update', row.id);
    expect(audit.before).toMatchObject({ titleFa: 'کارگاه فرزندپروری', durationMinutes: 90 });
    expect(audit.after).toMatchObject({ titleFa: 'کارگاه مهارت‌های زندگی', durationMinutes: 60 });

    // Another centre's programme cannot be reached through this centre.
    const other = await createCenter('برنامه‌دار‌دیگر');
    expect((await postCenter(String(other), { intent: 'deleteProgramme', programmeId: String(row.id) })).status).toBe(404);
    expect((await postCenter(String(other), { intent: 'updateProgramme', programmeId: String(row.id), titleFa: 'x', startDate: when.gregorianDate, startTime: '9:00', durationMinutes: '60' })).status).toBe(404);
    expect((await postCenter(String(id), { intent: 'deleteProgramme', programmeId: 'abc' })).status).toBe(404);

    expect((await postCenter(String(id), { intent: 'deleteProgramme', programmeId: String(row.id) })).status).toBe(302);
    expect(await shown()).toEqual([]);
    expect(lastAudit('programme.delete', row.id)).toMatchObject({ after: null, before: { titleFa: 'کارگاه مهارت‌های زندگی' } });
  });

  it('refuses a wrong date, time or duration field by field, keeping what was typed', async () => {
    const id = await createCenter('برنامه‌خطا');
    const before = auditCount();
    const { errors, values } = await errorsOf(
      await postCenter(String(id), { intent: 'addProgramme', titleFa: '', startDate: '1404/07/31', startTime: '25:00', durationMinutes: '0' }),
    );
    expect(errors).toEqual({
      titleFa: 'adminCatalog.errors.required',
      startDate: 'adminCatalog.errors.dateInvalid',
      startTime: 'adminCatalog.errors.timeInvalid',
      durationMinutes: 'adminCatalog.errors.durationRange',
    });
    expect(values.startDate).toBe('1404/07/31');
    const missing = await errorsOf(await postCenter(String(id), { intent: 'addProgramme', titleFa: 'کلاس', startDate: '', startTime: '', durationMinutes: 'x' }));
    expect(missing.errors).toEqual({
      startDate: 'adminCatalog.errors.dateRequired',
      startTime: 'adminCatalog.errors.timeRequired',
      durationMinutes: 'adminCatalog.errors.durationRange',
    });
    expect(auditCount()).toBe(before);
    expect(db().select().from(programmes).where(eq(programmes.centerId, id)).all()).toEqual([]);
  });

  it('have their own route the page’s programme forms post to: a change redirects back to the centre, a refusal keeps the form', async () => {
    const id = await createCenter('برنامه‌مسیر');
    const s = await admin();
    const when = tehranFormParts(new Date(Date.now() + 10 * DAY));
    const postProgrammes = (fields: Fields, withCsrf = true) =>
      run(() => adminProgrammes.action(routeArgs(post(`/staff/admin/centers/${id}/programmes`, withCsrf ? { csrf: s.csrf, ...fields } : fields, s.jar), { id: String(id) })));
    const fields = { intent: 'addProgramme', titleFa: 'کارگاه', startDate: when.gregorianDate, startTime: '9:00', durationMinutes: '60' };
    const added = await postProgrammes(fields);
    expect(added.status).toBe(302);
    expect(added.headers.get('Location')).toBe(`/staff/admin/centers/${id}?saved=programmeAdded#programmes`);
    const row = db().select().from(programmes).where(eq(programmes.centerId, id)).get()!;
    expect(row.titleFa).toBe('کارگاه');
    // A refusal answers with the errors and the typed values for the centre's page the route shows.
    const refused = await errorsOf(await postProgrammes({ ...fields, titleFa: '', startTime: '25:00' }));
    expect(refused.errors).toEqual({ titleFa: 'adminCatalog.errors.required', startTime: 'adminCatalog.errors.timeInvalid' });
    expect(refused.values.startDate).toBe(when.gregorianDate);
    // Without the form token nothing changes; the centre's own intents are not this route's.
    expect((await postProgrammes({ intent: 'deleteProgramme', programmeId: String(row.id) }, false)).status).toBe(403);
    expect((await postProgrammes({ intent: 'deactivate' })).status).toBe(400);
    expect(db().select().from(centers).where(eq(centers.id, id)).get()!.active).toBe(true);
    expect((await postProgrammes({ intent: 'deleteProgramme', programmeId: String(row.id) })).status).toBe(302);
    expect(db().select().from(programmes).where(eq(programmes.centerId, id)).all()).toEqual([]);
    // A new centre has no programmes route to post to.
    expect((await run(() => adminProgrammes.action(routeArgs(post('/staff/admin/centers/new/programmes', { csrf: s.csrf, ...fields }, s.jar), { id: 'new' })))).status).toBe(404);
  });
});

// ---- services ----------------------------------------------------------------------------------------------------

describe('services', () => {
  it('edits show on the service page, the centre pages and in the directory search', async () => {
    const id = await createCenter('خدمت‌دار', { services: ['4'] });
    const service = db().select().from(services).where(eq(services.id, 4)).get()!;
    const response = await postServices({
      intent: 'update',
      slug: service.slug,
      nameFa: 'سنجش بینایی و شنوایی کودکان',
      nameEn: 'Children’s vision and hearing checks',
      summaryFa: 'سنجش رایگان بینایی و شنوایی کودکان ۳ تا ۶ ساله.',
      summaryEn: 'Free checks for children aged 3 to 6.',
      audienceFa: 'کودکان ۳ تا ۶ ساله',
      audienceEn: 'Children aged 3 to 6',
      howFa: 'با کارت ملی کودک مراجعه کنید.',
      howEn: 'Bring the child’s national card.',
      sortOrder: '۲',
      active: 'on',
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(`/staff/admin/services?saved=saved&slug=${service.slug}`);

    const page = await run(() => servicePage.loader(routeArgs(getRequest(`/services/${service.slug}`), { slug: service.slug })));
    const data = (await page.json()) as { service: { nameFa: string; summaryFa: string; sortOrder: number } };
    expect(data.service).toMatchObject({ nameFa: 'سنجش بینایی و شنوایی کودکان', summaryFa: 'سنجش رایگان بینایی و شنوایی کودکان ۳ تا ۶ ساله.', sortOrder: 2 });
    const center = (await (await publicCenter(id)).json()) as { services: { nameFa: string }[] };
    expect(center.services.map((s) => s.nameFa)).toEqual(['سنجش بینایی و شنوایی کودکان']);
    // The search index carries service names: the new one finds the centre.
    expect((await publicSearch('خدمت‌دار سنجش')).centers.map((c) => c.id)).toContain(id);

    const audit = lastAudit('service.update', service.id);
    expect(audit.before).toMatchObject({ nameFa: service.nameFa, sortOrder: service.sortOrder });
    expect(audit.after).toMatchObject({ nameFa: 'سنجش بینایی و شنوایی کودکان', sortOrder: 2 });
  });

  it('creates a new service with a slug, refuses a taken or malformed slug, and hides an inactive one', async () => {
    const fields = { intent: 'create', slug: 'elderly-care', nameFa: 'مراقبت از سالمندان', nameEn: '', summaryFa: 'خدمات مراقبتی برای سالمندان.', sortOrder: '20', active: 'on' };
    const created = await postServices(fields);
    expect(created.status).toBe(302);
    const page = await run(() => servicePage.loader(routeArgs(getRequest('/services/elderly-care'), { slug: 'elderly-care' })));
    expect(page.status).toBe(200);
    const row = db().select().from(services).where(eq(services.slug, 'elderly-care')).get()!;
    expect(row.nameEn).toBe('مراقبت از سالمندان');
    expect(lastAudit('service.create', row.id).after).toMatchObject({ slug: 'elderly-care', nameFa: 'مراقبت از سالمندان' });

    expect((await errorsOf(await postServices(fields))).errors).toEqual({ slug: 'adminCatalog.errors.slugTaken' });
    for (const slug of ['Elderly Care', 'care_', '-care', 'مراقبت', 'a'.repeat(61), '']) {
      const { errors, values } = await errorsOf(await postServices({ ...fields, slug }));
      expect(errors.slug, slug).toMatch(/^adminCatalog\.errors\.(slugInvalid|required)$/);
      expect(values.slug).toBe(slug);
    }
    const bad = await errorsOf(await postServices({ ...fields, slug: 'x-1', nameFa: '', sortOrder: '10000', summaryFa: 'خ'.repeat(2001) }));
    expect(bad.errors).toEqual({ nameFa: 'adminCatalog.errors.required', sortOrder: 'adminCatalog.errors.sortOrderRange', summaryFa: 'adminCatalog.errors.tooLong' });

    // Unticking "active" hides it from the public and from the feedback form.
    const { intent: _intent, ...rest } = fields;
    const { active: _active, ...inactive } = rest;
    expect((await postServices({ intent: 'update', ...inactive })).status).toBe(302);
    const hidden = await run(() => servicePage.loader(routeArgs(getRequest('/services/elderly-care'), { slug: 'elderly-care' })));
    expect(hidden.status).toBe(404);
    const form = (await (await run(() => feedbackNew.loader(routeArgs(getRequest('/feedback/new'))))).json()) as { services: { slug: string }[] };
    expect(form.services.map((s) => s.slug)).not.toContain('elderly-care');
    expect(lastAudit('service.update', row.id)).toMatchObject({ before: { active: true }, after: { active: false } });
  });

  it('answers 404 for an unknown service, on the page and in the action', async () => {
    const s = await admin();
    for (const edit of ['no-such-service', '<b>', 'A'.repeat(5000)]) {
      const response = await run(() => adminServices.loader(routeArgs(getRequest(`/staff/admin/services?edit=${encodeURIComponent(edit)}`, s.jar))));
      expect(response.status).toBe(404);
    }
    expect((await run(() => adminServices.loader(routeArgs(getRequest('/staff/admin/services?edit=home-visit', s.jar))))).status).toBe(200);
    expect((await postServices({ intent: 'update', slug: 'no-such-service', nameFa: 'x', sortOrder: '1' })).status).toBe(404);
    expect((await errorsOf(await postServices({ intent: 'nothing' }))).errors.form).toBe('adminCatalog.errors.invalid');
  });
});

// ---- settings and holidays ---------------------------------------------------------------------------------------

describe('workflow settings and holidays', () => {
  // Sunday 13 Mehr 1404, 10:00 in Tehran: no fixed holiday in the days after it.
  const NOW = new Date('2025-10-05T10:00:00+03:30');
  const dueWhenStarts = (date: string) => new Date(`${date}T00:00:00+03:30`).toISOString();

  function fileCriticism() {
    const form = feedbackSchema.parse({ kind: 'criticism', provinceId: 'ir-09', body: 'پاسخ تلفن مرکز در ساعت اداری داده نمی‌شود.', anonymous: 'on', consent: 'on' });
    const item = submitItem(db(), form, { channel: 'web', locale: 'fa', actor: { role: 'citizen' }, now: NOW });
    return { first: item.firstResponseDueAt!.toISOString(), answer: item.answerDueAt!.toISOString() };
  }

  const defaults = {
    weekend: ['4', '5'],
    ...Object.fromEntries(['criticism', 'suggestion', 'complaint', 'appreciation'].flatMap((k) => [[`firstResponseDays_${k}`, '2'], [`answerDays_${k}`, '10']])),
    appealWindowDays: '7',
    answeredAutoCloseDays: '7',
    awaitingCitizenAutoCloseDays: '14',
    contactRetentionDays: '180',
  };

  it('change the deadlines of the next item, and holidays shift them', async () => {
    expect(tehranFormParts(NOW).solarDate).toBe('1404/07/13');
    // Defaults: 2 working days (Mon, Tue) → due when Wednesday starts.
    expect(fileCriticism().first).toBe(dueWhenStarts('2025-10-08'));

    const saved = await postSettings({
      intent: 'saveSettings',
      ...defaults,
      weekend: ['5'],
      firstResponseDays_criticism: '۱',
      answerDays_criticism: '5',
      appealWindowDays: '10',
      contactRetentionDays: '90',
    });
    expect(saved.status).toBe(302);
    // First response: Monday → due when Tuesday starts. Answer: Mon Tue Wed Thu Sat (Thursday now works) → Sunday.
    expect(fileCriticism()).toEqual({ first: dueWhenStarts('2025-10-07'), answer: dueWhenStarts('2025-10-12') });

    const audit = lastAudit('settings.update', 'workflow');
    expect(audit.before).toMatchObject({ weekend: [4, 5], deadlines: { criticism: { firstResponseDays: 2, answerDays: 10 } }, appealWindowDays: 7 });
    expect(audit.after).toMatchObject({
      weekend: [5],
      deadlines: { criticism: { firstResponseDays: 1, answerDays: 5 }, complaint: { firstResponseDays: 2, answerDays: 10 } },
      appealWindowDays: 10,
      contactRetentionDays: 90,
    });
    const loaded = (await (await run(async () => adminSettings.loader(routeArgs(getRequest('/staff/admin/settings', (await admin()).jar))))).json()) as {
      settings: { weekend: number[]; appealWindowDays: number };
    };
    expect(loaded.settings).toMatchObject({ weekend: [5], appealWindowDays: 10 });

    // A one-off holiday on Monday 14 Mehr (typed in Solar Hijri) moves the first response to Tuesday's end.
    const added = await postSettings({ intent: 'addHoliday', holidayType: 'oneoff', date: '۱۴۰۴/۰۷/۱۴', holidayNameFa: 'تعطیل آزمایشی', holidayNameEn: '' });
    expect(added.status).toBe(302);
    const oneOff = db().select().from(holidays).where(eq(holidays.date, '2025-10-06')).get()!;
    expect(oneOff).toMatchObject({ nameFa: 'تعطیل آزمایشی', nameEn: 'تعطیل آزمایشی', solarMonth: null });
    expect(fileCriticism().first).toBe(dueWhenStarts('2025-10-08'));
    expect(lastAudit('holiday.create', oneOff.id).after).toMatchObject({ date: '2025-10-06' });

    // A recurring holiday on 15 Mehr (Tuesday) moves it once more, to Wednesday's end.
    expect((await postSettings({ intent: 'addHoliday', holidayType: 'recurring', solarMonth: '7', solarDay: '۱۵', holidayNameFa: 'تعطیل سالانه آزمایشی' })).status).toBe(302);
    const recurring = db().select().from(holidays).where(and(eq(holidays.solarMonth, 7), eq(holidays.solarDay, 15))).get()!;
    expect(fileCriticism().first).toBe(dueWhenStarts('2025-10-09'));

    // The same day twice is refused on its field.
    expect((await errorsOf(await postSettings({ intent: 'addHoliday', holidayType: 'oneoff', date: '2025-10-06', holidayNameFa: 'دوباره' }))).errors).toEqual({
      date: 'adminCatalog.errors.holidayExists',
    });

    // Deleting both brings the deadline back.
    for (const h of [oneOff, recurring]) {
      expect((await postSettings({ intent: 'deleteHoliday', holidayId: String(h.id) })).status).toBe(302);
      expect(lastAudit('holiday.delete', h.id).before).toMatchObject({ nameFa: h.nameFa });
    }
    expect(fileCriticism().first).toBe(dueWhenStarts('2025-10-07'));
    expect((await postSettings({ intent: 'deleteHoliday', holidayId: String(oneOff.id) })).status).toBe(404);
    expect((await postSettings({ intent: 'deleteHoliday', holidayId: 'x' })).status).toBe(404);

    // Back to the defaults for the other tests.
    expect((await postSettings({ intent: 'saveSettings', ...defaults })).status).toBe(302);
    // Saving the same values again is no change: the audit log does not grow.
    const entries = auditCount();
    expect((await postSettings({ intent: 'saveSettings', ...defaults })).status).toBe(302);
    expect(auditCount()).toBe(entries);
  });

  it('refuses wrong values field by field and changes nothing', async () => {
    const before = auditCount();
    const stored = db().select().from(settings).all();
    const { errors, values } = await errorsOf(
      await postSettings({
        intent: 'saveSettings',
        ...defaults,
        weekend: ['0', '1', '2', '3', '4', '5', '6'],
        firstResponseDays_complaint: '12',
        answerDays_complaint: '3',
        appealWindowDays: 'abc',
        answeredAutoCloseDays: '0',
        contactRetentionDays: '9'.repeat(5000),
      }),
    );
    expect(errors).toEqual({
      weekend: 'adminCatalog.errors.weekendTooLong',
      answerDays_complaint: 'adminCatalog.errors.answerBeforeFirstResponse',
      appealWindowDays: 'adminCatalog.errors.daysRange',
      answeredAutoCloseDays: 'adminCatalog.errors.daysRange',
      contactRetentionDays: 'adminCatalog.errors.daysRange',
    });
    expect(values.appealWindowDays).toBe('abc');
    expect((await errorsOf(await postSettings({ intent: 'saveSettings', ...defaults, weekend: ['7'] }))).errors.weekend).toBe('adminCatalog.errors.invalidChoice');

    const holiday = await errorsOf(await postSettings({ intent: 'addHoliday', holidayType: 'recurring', solarMonth: '8', solarDay: '31', holidayNameFa: '' }));
    expect(holiday.errors).toEqual({ solarDay: 'adminCatalog.errors.solarDayInvalid', holidayNameFa: 'adminCatalog.errors.required' });
    expect((await errorsOf(await postSettings({ intent: 'addHoliday', holidayType: 'recurring', solarMonth: '13', solarDay: '1', holidayNameFa: 'x' }))).errors).toEqual({
      solarMonth: 'adminCatalog.errors.solarMonthInvalid',
    });
    expect((await errorsOf(await postSettings({ intent: 'addHoliday', holidayType: 'oneoff', date: '2025-02-30', holidayNameFa: 'x' }))).errors).toEqual({
      date: 'adminCatalog.errors.dateInvalid',
    });
    expect((await errorsOf(await postSettings({ intent: 'addHoliday', holidayNameFa: 'x' }))).errors).toEqual({ holidayType: 'adminCatalog.errors.holidayTypeRequired' });

    expect(auditCount()).toBe(before);
    expect(db().select().from(settings).all()).toEqual(stored);
  });
});

describe('dates typed by admins', () => {
  it('are read as Solar Hijri or Gregorian Tehran dates through Intl, and impossible ones are refused', () => {
    expect(parseAdminDate('1404/01/01')).toBe('2025-03-21');
    expect(parseAdminDate('۱۴۰۴-۰۶-۳۱')).toBe('2025-09-22');
    expect(parseAdminDate('1403/12/30')).toBe('2025-03-20'); // 1403 is a leap year
    expect(parseAdminDate('1404/12/30')).toBeNull();
    expect(parseAdminDate('1404/07/31')).toBeNull(); // Mehr has 30 days
    expect(parseAdminDate('2024-02-29')).toBe('2024-02-29');
    expect(parseAdminDate('2025-02-29')).toBeNull();
    for (const bad of ['', 'tomorrow', '1404/1/1/1', '0999-01-01', '<b>1404/01/01</b>']) expect(parseAdminDate(bad), bad).toBeNull();
    expect(parseAdminTime('۹:۰۵')).toBe('09:05');
    for (const bad of ['24:00', '7:5', '10', '10:60']) expect(parseAdminTime(bad), bad).toBeNull();
    // Tehran's offset of the day, summer time of earlier years included.
    expect(tehranInstant('2025-01-01', '00:00').toISOString()).toBe('2024-12-31T20:30:00.000Z');
    expect(tehranInstant('2020-06-01', '10:00').toISOString()).toBe('2020-06-01T05:30:00.000Z');
  });
});

// ---- who may ---------------------------------------------------------------------------------------------------

describe('access', () => {
  const NON_ADMINS = ['officer.ir-09', 'manager.ir-09', 'national', 'agent'];

  it('is 404 on every loader and action for every role but admin', async () => {
    const someCenter = db().select({ id: centers.id }).from(centers).orderBy(asc(centers.id)).get()!.id;
    for (const username of NON_ADMINS) {
      const jar = await signInAs(username);
      const get = (path: string) => getRequest(path, jar);
      const checks: [string, () => unknown][] = [
        ['centers list', () => adminCenters.loader(routeArgs(get('/staff/admin/centers')))],
        ['centre page', () => adminCenter.loader(routeArgs(get(`/staff/admin/centers/${someCenter}`), { id: String(someCenter) }))],
        ['new centre page', () => adminCenter.loader(routeArgs(get('/staff/admin/centers/new'), { id: 'new' }))],
        ['centre save', () => adminCenter.action(routeArgs(post(`/staff/admin/centers/${someCenter}`, { ...centerForm('نقش'), csrf: 'x' }, jar), { id: String(someCenter) }))],
        ['centre create', () => adminCenter.action(routeArgs(post('/staff/admin/centers/new', centerForm('نقش'), jar), { id: 'new' }))],
        ['centre deactivate', () => adminCenter.action(routeArgs(post(`/staff/admin/centers/${someCenter}`, { intent: 'deactivate' }, jar), { id: String(someCenter) }))],
        ['services page', () => adminServices.loader(routeArgs(get('/staff/admin/services')))],
        ['services save', () => adminServices.action(routeArgs(post('/staff/admin/services', { intent: 'create', slug: 'role-test', nameFa: 'x', sortOrder: '1' }, jar)))],
        ['settings page', () => adminSettings.loader(routeArgs(get('/staff/admin/settings')))],
        ['settings save', () => adminSettings.action(routeArgs(post('/staff/admin/settings', { intent: 'saveSettings', weekend: ['0'] }, jar)))],
        ['holiday delete', () => adminSettings.action(routeArgs(post('/staff/admin/settings', { intent: 'deleteHoliday', holidayId: '1' }, jar)))],
      ];
      for (const [name, check] of checks) expect((await run(check)).status, `${username}: ${name}`).toBe(404);
    }
    expect(db().select().from(services).where(eq(services.slug, 'role-test')).get()).toBeUndefined();
    expect(db().select().from(centers).where(eq(centers.id, someCenter)).get()!.active).toBe(true);
  });

  it('sends a visitor without a session to the sign-in page', async () => {
    const response = await run(() => adminCenters.loader(routeArgs(getRequest('/staff/admin/centers'))));
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toMatch(/^\/staff\/login\?redirectTo=/);
    const action = await run(() => adminSettings.action(routeArgs(post('/staff/admin/settings', { intent: 'saveSettings' }))));
    expect(action.status).toBe(302);
  });

  it('refuses a form without its CSRF token (403) and changes nothing', async () => {
    const s = await admin();
    const id = await createCenter('توکن‌دار');
    const before = auditCount();
    const centersBefore = db().select({ n: sql<number>`count(*)` }).from(centers).get()!.n;
    const stored = db().select().from(settings).all();
    const holidaysBefore = db().select().from(holidays).all();

    const attempts: [string, () => unknown][] = [
      ['create', () => adminCenter.action(routeArgs(post('/staff/admin/centers/new', centerForm('بی‌توکن'), s.jar), { id: 'new' }))],
      ['edit', () => adminCenter.action(routeArgs(post(`/staff/admin/centers/${id}`, centerForm('بی‌توکن'), s.jar), { id: String(id) }))],
      ['deactivate', () => adminCenter.action(routeArgs(post(`/staff/admin/centers/${id}`, { intent: 'deactivate', csrf: 'forged' }, s.jar), { id: String(id) }))],
      ['programme', () => adminCenter.action(routeArgs(post(`/staff/admin/centers/${id}`, { intent: 'addProgramme', titleFa: 'x', startDate: '2030-01-01', startTime: '10:00', durationMinutes: '60' }, s.jar), { id: String(id) }))],
      ['service', () => adminServices.action(routeArgs(post('/staff/admin/services', { intent: 'create', slug: 'no-token', nameFa: 'x', sortOrder: '1' }, s.jar)))],
      ['settings', () => adminSettings.action(routeArgs(post('/staff/admin/settings', { intent: 'saveSettings', ...{ weekend: ['0'] } }, s.jar)))],
      ['holiday', () => adminSettings.action(routeArgs(post('/staff/admin/settings', { intent: 'deleteHoliday', holidayId: String(holidaysBefore[0]!.id), csrf: '' }, s.jar)))],
    ];
    for (const [name, attempt] of attempts) expect((await run(attempt)).status, name).toBe(403);

    expect(auditCount()).toBe(before);
    expect(db().select({ n: sql<number>`count(*)` }).from(centers).get()!.n).toBe(centersBefore);
    expect(db().select().from(centers).where(eq(centers.id, id)).get()!).toMatchObject({ active: true, nameFa: 'مرکز مثبت زندگی توکن‌دار' });
    expect(db().select().from(programmes).where(eq(programmes.centerId, id)).all()).toEqual([]);
    expect(db().select().from(services).where(eq(services.slug, 'no-token')).get()).toBeUndefined();
    expect(db().select().from(settings).all()).toEqual(stored);
    expect(db().select().from(holidays).all()).toEqual(holidaysBefore);
  });
});
