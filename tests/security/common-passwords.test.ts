/**
 * Finding 4 (ASVS 5.0 §6.2.4): the most common passwords are refused wherever a password is chosen — the own
 * password change, an admin creating a user and `npm run user:create` — with a field message in Persian (English on
 * English pages).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { staffUsers } from '../../db/schema';
import { isCommonPassword } from '~/domain/common-passwords.server';
import { PASSWORD_MIN } from '~/domain/staff-admin-schema';
import fa from '../../locales/fa/common.json';
import en from '../../locales/en/common.json';
import * as userNew from '~/routes/staff.admin.users.new';
import * as passwordPage from '~/routes/staff.password';
import { postForm, routeArgs, run } from '../support/http';
import { csrfOf, DEMO_PASSWORD, signInAs } from '../support/staff';
import { useTestDatabase } from '../support/test-db';

const { db } = useTestDatabase();

/** Common passwords long enough for the length rule, so only the list can refuse them. */
const COMMON = ['qwertyuiop', '1234567890', 'Password123', 'BASKETBALL', '1q2w3e4r5t'];

describe('the common-password list', () => {
  it('holds the passwords that pass the length rule but are guessed first, in any letter case', () => {
    for (const password of COMMON) {
      expect(password.length).toBeGreaterThanOrEqual(PASSWORD_MIN);
      expect(isCommonPassword(password), password).toBe(true);
    }
    expect(isCommonPassword('گذرواژه‌ای بلند و شخصی')).toBe(false);
    expect(isCommonPassword('tall-lamp-river-42')).toBe(false);
  });

  it('has its message in both languages', () => {
    expect(fa.admin.errors.password_common).toMatch(/گذرواژه/);
    expect(en.admin.errors.password_common).toMatch(/common/);
  });
});

describe('choosing a common password', () => {
  it('is refused on the own password change, field by field, and the password stays as it was', async () => {
    const jar = await signInAs('officer.ir-28');
    const before = db().select().from(staffUsers).where(eq(staffUsers.username, 'officer.ir-28')).get()!.passwordHash;
    for (const password of COMMON) {
      const response = await run(async () =>
        passwordPage.action(
          routeArgs(postForm('/staff/password', { csrf: await csrfOf(jar), currentPassword: DEMO_PASSWORD, newPassword: password, confirmPassword: password }, jar)),
        ),
      );
      expect(response.status, password).toBe(400);
      expect(((await response.json()) as { errors: Record<string, string> }).errors).toEqual({ newPassword: 'admin.errors.password_common' });
    }
    expect(db().select().from(staffUsers).where(eq(staffUsers.username, 'officer.ir-28')).get()!.passwordHash).toBe(before);
  });

  it('is refused when an admin creates a user with a typed password, creating nobody', async () => {
    const admin = await signInAs('admin');
    const response = await run(async () =>
      userNew.action(
        routeArgs(
          postForm(
            '/staff/admin/users/new',
            { csrf: await csrfOf(admin), username: 'common.pass', displayName: 'کاربر', role: 'province_officer', provinceId: 'ir-09', email: '', passwordMode: 'set', password: 'qwertyuiop' },
            admin,
          ),
        ),
      ),
    );
    expect(response.status).toBe(400);
    const data = (await response.json()) as { errors: Record<string, string> };
    expect(data.errors).toEqual({ password: 'admin.errors.password_common' });
    expect(db().select().from(staffUsers).where(eq(staffUsers.username, 'common.pass')).get()).toBeUndefined();
  });

  it('is refused by npm run user:create with exit code 2 and the reason', { timeout: 60_000 }, () => {
    const result = spawnSync('npx', ['tsx', 'scripts/user-create.ts', '--username', 'cli.common', '--role', 'call_center_agent'], {
      cwd: path.resolve('.'),
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'development',
        DATABASE_PATH: process.env.DATABASE_PATH!,
        DATA_DIR: process.env.DATA_DIR!,
        DEMO_DATA: 'on',
        SESSION_SECRET: 'test-session-secret',
        USER_PASSWORD: 'Password123',
      },
      encoding: 'utf8',
      timeout: 50_000,
    });
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toContain('USER_PASSWORD: ' + en.admin.errors.password_common);
    expect(db().select().from(staffUsers).where(eq(staffUsers.username, 'cli.common')).get()).toBeUndefined();
  });
});
