/**
 * Forms are parsed by conform (decision 014), which reads some field names as its own: `__intent__` and `__state__`
 * as JSON controls (a bad value throws), `a.b` and `a[0]` as paths (`a[999999999]` would build a huge array). Our
 * forms only have plain names, so anything else is left out before conform sees it: a crafted post gets the same
 * field messages as any bad input, never a 500, and it takes no time. Real actions, real SQLite.
 */
import { describe, expect, it } from 'vitest';
import { parseForm } from '~/domain/forms';
import { trackSchema } from '~/domain/track-schema';
import * as feedbackNew from '~/routes/feedback.new';
import * as trackIndex from '~/routes/track._index';
import { postForm, routeArgs, run } from '../support/http';
import { useTestDatabase } from '../support/test-db';

useTestDatabase();

const CRAFTED: [string, Record<string, string>][] = [
  ['a bad conform intent', { __intent__: '{not json' }],
  ['a conform intent it would act on', { __intent__: JSON.stringify({ type: 'reset', payload: {} }) }],
  ['a bad conform state', { __state__: '{not json' }],
  ['a path with a huge index', { 'code[999999999]': '1' }],
  ['a prototype path', { '__proto__.polluted': '1', 'constructor.prototype.polluted': '1' }],
];

describe('a form post with names conform would read as its own', () => {
  for (const [label, extra] of CRAFTED) {
    it(`${label}: the look-up answers 400 with its field messages, typed input kept`, async () => {
      const started = Date.now();
      const response = await run(() => trackIndex.action(routeArgs(postForm('/track', { code: '', mobile: '0912', ...extra }))));
      expect(response.status).toBe(400);
      const data = (await response.json()) as { errors: Record<string, string>; values: Record<string, string> };
      expect(data.errors.code).toBe('errors.code_required');
      expect(data.values).toEqual({ code: '', mobile: '0912' });
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it(`${label}: the feedback form answers 400, never a 500`, async () => {
      const response = await run(() => feedbackNew.action(routeArgs(postForm('/feedback/new', { kind: 'complaint', body: '', ...extra }))));
      expect(response.status).toBe(400);
      const data = (await response.json()) as { errors: Record<string, string> };
      expect(data.errors.body).toBeDefined();
    });
  }

  it('a file where a text field belongs, or a repeated field, is read as before: the first text value', () => {
    const formData = new FormData();
    formData.append('code', new File(['x'], 'x.txt'));
    formData.append('code', '1234-5678');
    formData.append('code', 'second');
    formData.append('mobile', '09120000000');
    const submission = parseForm(formData, trackSchema);
    expect(submission.payload).toEqual({ code: '1234-5678', mobile: '09120000000' });
  });
});
