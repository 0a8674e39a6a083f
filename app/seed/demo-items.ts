/**
 * Demo feedback (demo data only): ten anonymous items about the first centre of each of two provinces, answered
 * and rated over the past two months, so their public scorecards show real figures from the first start. None is
 * left open: open demo items would soon be overdue and escalate on every fresh installation. Everything goes
 * through the workflow door, as a real item would; anonymous items send no messages. Tests use Khorasan Razavi
 * (ir-09) and Tehran (ir-23) for their own items, so those provinces are left out of the closed ones.
 *
 * Besides, `workingItems`: a few open items in Khorasan Razavi (ir-09), the README's demo officer and manager, so a
 * demo starts with something to work on in each state (outside review, round 8): new, in review, waiting for the
 * citizen, and one overdue. The tests' template database leaves them out (tests/support/global-setup.ts): tests
 * count their own ir-09 items; tests/integration/demo-seed.test.ts checks them on a fresh database.
 */
import { asc, eq } from 'drizzle-orm';
import type { AppDatabase } from '../../db/client';
import { centers } from '../../db/schema';
import { feedbackSchema } from '../domain/feedback-schema';
import { submitItem, transition } from '../services/workflow.server';

const DAY = 86_400_000;
const DEMO_PROVINCES = ['ir-00', 'ir-03'];

const TEXTS = [
  { kind: 'appreciation', body: 'از مددکار مرکز که برای پرونده مستمری مادرم چند بار پیگیری کرد صمیمانه سپاسگزارم.' },
  { kind: 'criticism', body: 'نوبت مشاوره خانواده دو هفته عقب افتاد و کسی خبر نداد؛ لطفاً جابه‌جایی نوبت را پیامک کنید.' },
  { kind: 'suggestion', body: 'پیشنهاد می‌کنم غربالگری بینایی کودکان در روزهای پنجشنبه هم انجام شود تا والدین شاغل بتوانند بیایند.' },
  { kind: 'complaint', body: 'بازدید منزل که قرار بود برای پدر سالمندم انجام شود سه هفته است انجام نشده است.' },
  { kind: 'suggestion', body: 'برای نوجوانان محله کلاس مهارت‌های زندگی در عصرها برگزار شود؛ صبح‌ها مدرسه هستند.' },
  { kind: 'criticism', body: 'پله‌های ورودی مرکز برای ویلچر مناسب نیست و رمپ ندارد؛ مراجعان دارای معلولیت مشکل دارند.' },
] as const;

const STAFF = (provinceId: string) => ({ role: 'province_officer' as const, provinceId, staffId: null });

export const WORKING_PROVINCE = 'ir-09';

const WORKING = [
  { kind: 'complaint', body: 'سه بار برای پرونده یارانه معلولیت پسرم به مرکز رفته‌ام و هر بار گفتند کارشناس نیست.' },
  { kind: 'suggestion', body: 'لطفاً برنامه کلاس‌های مهارت‌آموزی بانوان را روی تابلوی ورودی مرکز هم بزنید.' },
  { kind: 'criticism', body: 'تلفن مرکز در ساعت اداری پاسخ نمی‌دهد و پیغام‌گیر هم ندارد.' },
  { kind: 'complaint', body: 'درخواست بازدید منزل برای مادر سالمندم یک ماه پیش ثبت شد و هنوز کسی تماس نگرفته است.' },
] as const;

/** The open items of `workingItems`: one new (routed), one in review, one waiting for the citizen, one overdue. */
function seedWorkingItems(db: AppDatabase, now: Date) {
  const center = db.select().from(centers).where(eq(centers.provinceId, WORKING_PROVINCE)).orderBy(asc(centers.id)).get();
  if (!center) return;
  const officer = STAFF(WORKING_PROVINCE);
  const file = (i: number, daysAgo: number) => {
    const text = WORKING[i]!;
    const form = feedbackSchema.parse({ kind: text.kind, centerId: String(center.id), body: text.body, anonymous: 'on', consent: 'on' });
    return submitItem(db, form, { channel: 'web', locale: 'fa', actor: { role: 'citizen' }, now: new Date(now.getTime() - daysAgo * DAY) });
  };
  file(0, 0.1); // new: routed to the province a couple of hours ago
  const reviewing = file(1, 1);
  transition(db, reviewing.id, 'accept', officer, {}, new Date(now.getTime() - 0.5 * DAY));
  const asking = file(2, 3);
  transition(db, asking.id, 'accept', officer, {}, new Date(now.getTime() - 2.5 * DAY));
  transition(db, asking.id, 'ask_citizen', officer, { publicMessage: 'لطفاً بفرمایید در چه ساعتی تماس گرفته‌اید تا پیگیری کنیم.' }, new Date(now.getTime() - 2 * DAY));
  const late = file(3, 40); // past its answer deadline
  transition(db, late.id, 'accept', officer, {}, new Date(now.getTime() - 39 * DAY));
}

export function seedDemoItems(db: AppDatabase, now: Date, options: { workingItems?: boolean } = {}) {
  if (options.workingItems ?? true) seedWorkingItems(db, now);
  for (const provinceId of DEMO_PROVINCES) {
    const center = db.select().from(centers).where(eq(centers.provinceId, provinceId)).orderBy(asc(centers.id)).get();
    if (!center) continue;
    const file = (i: number, sentAt: Date) => {
      const text = TEXTS[i % TEXTS.length]!;
      const form = feedbackSchema.parse({ kind: text.kind, centerId: String(center.id), body: text.body, anonymous: 'on', consent: 'on' });
      return submitItem(db, form, { channel: i % 3 === 0 ? 'phone' : 'web', locale: 'fa', actor: { role: 'citizen' }, now: sentAt });
    };
    const officer = STAFF(provinceId);
    // Ten closed over the past two months, most answered in a few days, every fourth one after its deadline; all
    // confirmed, so the sweeps find nothing to close or escalate in the demo data.
    for (let i = 0; i < 10; i++) {
      const sentAt = new Date(now.getTime() - (60 - i * 5) * DAY);
      const item = file(i, sentAt);
      transition(db, item.id, 'accept', officer, {}, new Date(sentAt.getTime() + DAY));
      const answeredAt = new Date(sentAt.getTime() + (i % 4 === 3 ? 18 : 2 + (i % 3)) * DAY);
      transition(db, item.id, 'answer', officer, { publicMessage: 'موضوع بررسی شد و اقدام لازم انجام شد. از اینکه به ما خبر دادید سپاسگزاریم.' }, answeredAt);
      transition(db, item.id, 'confirm', { role: 'citizen' }, { rating: [5, 4, 4, 3, 5, 2, 4, 5, 4, 3][i]! }, new Date(answeredAt.getTime() + DAY));
    }
  }
}
