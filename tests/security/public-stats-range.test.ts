/**
 * Outside review, round 8 (low–medium): two custom ranges a day apart on the public /stats gave away how many items
 * reached a province that day (8 against 9: one item on 17 Nov), a count under the small-number rule that public pages
 * never print. Public ranges now cover whole Solar months: ranges that differ inside a month read the same.
 */
import { describe, expect, it } from 'vitest';
import { lastCompleteMonth, monthDays } from '~/domain/solar-month';
import { dayNoon } from '~/domain/stats';
import * as statsPage from '~/routes/stats';
import { getRequest, routeArgs, run } from '../support/http';
import { fileFeedback } from '../support/items';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();
const PROVINCE = 'ir-15';
const DAY = 86_400_000;

async function received(from: string, to: string) {
  const response = await run(() => statsPage.loader(routeArgs(getRequest(`/stats?from=${from}&to=${to}`))));
  expect(response.status).toBe(200);
  const { stats } = (await response.json()) as { stats: { range: { from: string; to: string }; provinces: { id: string; received: number | null }[] } };
  return { range: stats.range, count: stats.provinces.find((p) => p.id === PROVINCE)!.received };
}

describe('a custom range on the public /stats', () => {
  it('covers whole Solar months, so two ranges a day apart cannot be subtracted to count one day', async () => {
    const month = lastCompleteMonth(new Date());
    const first = dayNoon(monthDays(month).from).getTime();
    const body = 'نوبت بازدید منزل مادرم سه هفته است انجام نشده و کسی پاسخ نمی‌دهد.';
    // Five items on the month's third day, one on its tenth.
    for (let n = 0; n < 5; n++) fileFeedback(db(), { kind: 'complaint', provinceId: PROVINCE, body, anonymous: 'on', consent: 'on' }, { now: new Date(first + 2 * DAY) });
    fileFeedback(db(), { kind: 'complaint', provinceId: PROVINCE, body, anonymous: 'on', consent: 'on' }, { now: new Date(first + 9 * DAY) });
    const solar = (day: number) => `${month.year}-${String(month.month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

    const untilNinth = await received(solar(1), solar(9));
    const untilTenth = await received(solar(1), solar(10));
    expect(untilNinth.count).toBe(untilTenth.count);
    expect(untilNinth.count).toBeGreaterThanOrEqual(6);
    expect(untilNinth.range).toEqual(monthDays(month));
  });
});
