/**
 * The dashboard's "answered in time, per cent" chart (outside review, round 8): when every day falls under the
 * small-number rule the chart says so and points to the period's figure, rather than "No data" beside a card
 * showing 67 %. Only a chart with no cases at all says "No data".
 */
import { createInstance } from 'i18next';
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { i18nConfig } from '../../app/i18n/config';
import { resources } from '../../app/i18n/resources.server';
import { TrendSection } from '~/routes/staff.dashboard/trend';

async function render(cases: number[], lng: 'fa' | 'en') {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, resources, lng });
  const trend = cases.map((n, i) => ({
    key: `2026-11-${String(10 + i).padStart(2, '0')}`,
    received: n,
    answers: n,
    answersInTime: Math.max(0, n - 1),
    overdueUnanswered: 0,
    answeredInTime: { value: null, cases: n },
  }));
  const page = { view: { range: { from: trend[0]!.key, to: trend.at(-1)!.key }, trend }, scopeName: 'کشور', locale: lng };
  const html = renderToStaticMarkup(h(I18nextProvider, { i18n }, h(TrendSection, { page: page as never })));
  // The second chart is the in-time one.
  return html.slice(html.indexOf(i18n.t('figures.trendInTime')));
}

describe('the in-time trend under the small-number rule', () => {
  it('says fewer than 5 cases a day and points to the period figure, not "No data"', async () => {
    const fa = await render([3, 2, 4, 1, 3, 2, 1], 'fa');
    expect(fa).not.toContain('بدون داده<');
    expect(fa).toContain('کمتر از ۵ مورد');
    const en = await render([3, 2, 4, 1, 3, 2, 1], 'en');
    expect(en).not.toMatch(/>No data</);
    expect(en).toContain('Fewer than 5 cases a day');
  });

  it('still says "No data" when there were no cases at all', async () => {
    expect(await render([0, 0, 0], 'en')).toMatch(/No data/);
  });
});
