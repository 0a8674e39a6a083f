/**
 * The monthly report with a custom range (outside review, round 8): the page names the range as the range it is —
 * not "monthly report … Period: from …", not "this month" — and only a range that includes today is "not finished
 * yet". Rendered as HTML through the real loader and component (a static data router, as a browser without JS).
 */
import { createInstance } from 'i18next';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server';
import { describe, expect, it } from 'vitest';
import { tehranDay } from '~/domain/calendar';
import { i18nConfig } from '../../app/i18n/config';
import { resources } from '../../app/i18n/resources.server';
import * as reportPage from '~/routes/staff.reports.monthly';
import { getRequest, type CookieJar } from '../support/http';
import { signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

useTestDatabase();

async function render(path: string, jar: CookieJar, lng: 'fa' | 'en'): Promise<string> {
  const handler = createStaticHandler([
    { id: 'report', path: '/staff/reports/monthly', loader: (args) => reportPage.loader({ ...args, context: {} }), Component: reportPage.default },
  ]);
  const context = await handler.query(getRequest(path, jar));
  if (context instanceof Response) throw new Error(`the report answered ${context.status}`);
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, resources, lng });
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(createElement(I18nextProvider, { i18n }, createElement(StaticRouterProvider, { router, context, hydrate: false })));
}

const text = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&#x27;/g, "'").replace(/&quot;/g, '"');
const h1 = (html: string) => text(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)![1]!);
const dayBefore = (n: number) => tehranDay(new Date(Date.now() - n * 86_400_000)).key;

describe('the report over a custom range', () => {
  it('is named as the range, in the page calendar, and a range ended before today is finished', async () => {
    const jar = await signInAs('manager.ir-09');
    const past = await render(`/staff/reports/monthly?from=${dayBefore(50)}&to=${dayBefore(14)}`, jar, 'fa');
    expect(h1(past)).not.toContain('ماهانه');
    expect(h1(past)).not.toContain('دوره:');
    expect(text(past)).not.toContain('این ماه');
    expect(text(past)).not.toContain('هنوز تمام نشده');
    expect(text(past)).not.toMatch(/در از /); // "in from …": the range is not a month's name

    const en = await render(`/staff/reports/monthly?from=${dayBefore(50)}&to=${dayBefore(14)}`, jar, 'en');
    expect(h1(en)).not.toMatch(/monthly/i);
    expect(text(en)).not.toMatch(/in the month|this month/i);
    // English dates are Gregorian: no Solar month name mixed into the range's name.
    expect(h1(en)).not.toMatch(/Farvardin|Ordibehesht|Khordad|Tir|Mordad|Shahrivar|Mehr|Aban|Azar|Dey|Bahman|Esfand/);
  });

  it('a range that includes today says that period is not over yet, not "this month"', async () => {
    const jar = await signInAs('manager.ir-09');
    const open = text(await render(`/staff/reports/monthly?from=${dayBefore(36)}&to=${dayBefore(0)}`, jar, 'fa'));
    expect(open).not.toContain('این ماه');
    expect(open).toContain('این دوره امروز را هم در بر می‌گیرد');
  });
});
