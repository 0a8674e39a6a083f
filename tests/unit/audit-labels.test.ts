/**
 * The audit log reads in words: every action and record kind the code audits has a label in both languages, and
 * every field of a stored change finds one, so the admin never sees a raw column name such as `serviceIds`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditFieldLabelKeys } from '~/domain/audit-labels';
import { auditChanges } from '~/models/staff-admin.server';

const ROOT = path.resolve(__dirname, '../..');
const locales = { fa: JSON.parse(readFileSync(path.join(ROOT, 'locales/fa/common.json'), 'utf8')), en: JSON.parse(readFileSync(path.join(ROOT, 'locales/en/common.json'), 'utf8')) };

/** `action: 'x.y'` and `entity: 'x'` in every recordAudit call of the models. */
function auditedInCode() {
  const dir = path.join(ROOT, 'app/models');
  const actions = new Set<string>();
  const entities = new Set<string>();
  for (const file of readdirSync(dir)) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    for (const m of text.matchAll(/action: (?:\w+ \? )?'([a-z_]+\.[a-z_]+)'(?: : '([a-z_]+\.[a-z_]+)')?/g)) [m[1], m[2]].forEach((a) => a && actions.add(a));
    for (const m of text.matchAll(/(?:const \w+_ENTITY = |entity: )'([a-z_]+)'/g)) entities.add(m[1]!);
  }
  return { actions, entities };
}

const t = i18next.createInstance();
beforeAll(async () => {
  await t.init({ lng: 'fa', resources: { fa: { translation: locales.fa }, en: { translation: locales.en } }, returnNull: false });
});

describe('audit labels', () => {
  const { actions, entities } = auditedInCode();

  it('finds the audited actions in the code (the scan itself works)', () => {
    expect(actions).toContain('center.deactivate');
    expect(actions).toContain('center.reactivate');
    expect(actions).toContain('programme.create');
    expect(actions).toContain('user.create');
    expect(entities).toContain('programme');
  });

  for (const lng of ['fa', 'en'] as const) {
    it(`names every audited action and record kind in ${lng}`, () => {
      const missing = [
        ...[...actions].filter((a) => !(a in locales[lng].admin.audit.actions)).map((a) => `action ${a}`),
        ...[...entities].filter((e) => !(e in locales[lng].admin.audit.entities)).map((e) => `entity ${e}`),
      ];
      expect(missing).toEqual([]);
    });
  }

  it('labels each field of catalogue and settings changes, nested deadlines part by part', () => {
    const label = (entity: string, field: string) =>
      auditFieldLabelKeys(entity, field)
        .map((keys) => t.t(keys, { defaultValue: '??' }))
        .join(' › ');
    expect(label('center', 'serviceIds')).toBe('خدمت‌ها');
    expect(label('center', 'neighbourhoodFa')).toBe('محله (فارسی)');
    expect(label('programme', 'startsAt')).toBe('زمان شروع');
    expect(label('holiday', 'nameFa')).toBe('نام تعطیلی (فارسی)');
    expect(label('canned_reply', 'body')).toBe('متن');
    expect(label('settings', 'deadlines.complaint.answerDays')).toBe('مهلت پاسخ (روز کاری) › شکایت › پاسخ نهایی');
    expect(label('settings', 'contactRetentionDays')).toBe('پاک کردن اطلاعات تماس پس از مختومه شدن');
  });

  it('a settings change lists only the deadline that moved, not the whole settings object', () => {
    const before = { weekend: [4, 5], deadlines: { complaint: { firstResponseDays: 2, answerDays: 10 }, suggestion: { firstResponseDays: 2, answerDays: 10 } } };
    const after = { weekend: [4, 5], deadlines: { complaint: { firstResponseDays: 2, answerDays: 7 }, suggestion: { firstResponseDays: 2, answerDays: 10 } } };
    expect(auditChanges(JSON.stringify(before), JSON.stringify(after))).toEqual([{ field: 'deadlines.complaint.answerDays', before: 10, after: 7 }]);
  });
});
