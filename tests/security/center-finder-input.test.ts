/**
 * Issue 21: the form's centre finder takes text from anyone (`/feedback/new?province=…&q=…&center=…` and the JSON at
 * `/feedback/centers`). Whatever is sent, the answer is a page or JSON with at most a screenful of real centres — never
 * a 5xx, never the whole catalogue, never the raw text as a full-text expression (FTS syntax in `q` is only text).
 */
import { describe, expect, it } from 'vitest';
import * as feedbackCenters from '~/routes/feedback.centers';
import * as feedbackNew from '~/routes/feedback.new';
import { SEARCH_CHOICES_MAX } from '~/models/center-choices.server';
import { getRequest, routeArgs, run } from '../support/http';
import { useTestDatabase } from '../support/test-db';

useTestDatabase();

const HOSTILE = [
  'q=%22',
  'q=*',
  'q=NEAR(a%20b)',
  'q=a%20OR%20b%20OR%20c',
  'q=%D9%85%D8%B1%DA%A9%D8%B2%20*',
  `q=${'%D8%A7'.repeat(5000)}`,
  'q=-',
  'q=%00',
  'province=ir-23%27%20OR%201%3D1--',
  'province=%3Cscript%3E',
  'province[]=ir-23',
  'center=99999999999999999999',
  'center=-1',
  'center=%DB%B1%DB%B2',
  'center=1e3',
];

describe('the centre finder with hostile input', () => {
  for (const query of HOSTILE) {
    it(`answers ${query.slice(0, 40)} without an error, with at most a screenful`, async () => {
      const json = await run(() => feedbackCenters.loader(routeArgs(getRequest(`/feedback/centers?${query}`))));
      expect(json.status).toBe(200);
      const choices = (await json.json()) as { options: unknown[] };
      expect(choices.options.length).toBeLessThanOrEqual(SEARCH_CHOICES_MAX + 1);
      const page = await run(() => feedbackNew.loader(routeArgs(getRequest(`/feedback/new?${query}`))));
      expect(page.status).toBe(200);
    });
  }
});
