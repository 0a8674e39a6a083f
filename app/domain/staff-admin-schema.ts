/**
 * The forms of the back office's user administration and of the password change (docs/DESIGN.md §4, §7): one zod schema per
 * form, used by the routes and by `npm run user:create`. Messages are i18n keys (`admin.errors.*`, `errors.*`).
 */
import { z } from 'zod';
import { isCommonPassword } from './common-passwords.server';
import { normalizeLine, normalizeMobile } from './persian';
import { STAFF_ROLES, type StaffRole } from './workflow';

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,40}$/;
/** ASVS 5.0 §6.2.1 asks for at least 8 (15 recommended); 10, with the common-password check below. */
export const PASSWORD_MIN = 10;
/** argon2 takes any length; this only keeps a pasted novel out of the hash function. */
export const PASSWORD_MAX = 200;
export const DISPLAY_NAME_MAX = 100;

/** Roles tied to one province; every other role works nationally and has no province. */
export const PROVINCE_ROLES: readonly StaffRole[] = ['province_officer', 'province_manager'];

export function isProvinceRole(role: StaffRole): boolean {
  return PROVINCE_ROLES.includes(role);
}

const text = (v: unknown) => (typeof v === 'string' ? normalizeLine(v) : '');

const username = z.preprocess(
  (v) => text(v).toLowerCase(),
  z.string().min(1, 'admin.errors.username_required').regex(USERNAME_PATTERN, 'admin.errors.username_invalid'),
);

const displayName = z.preprocess(
  text,
  z.string().min(1, 'admin.errors.display_name_required').max(DISPLAY_NAME_MAX, 'admin.errors.display_name_too_long'),
);

const role = z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.enum(STAFF_ROLES, { message: 'admin.errors.role_required' }));

const provinceId = z.preprocess(
  (v) => text(v).toLowerCase(),
  z.union([z.literal(''), z.string().regex(/^ir-\d{2}$/, 'errors.province_unknown')]),
);

const email = z.preprocess(
  (v) => text(v).toLowerCase(),
  z.union([z.literal(''), z.email({ message: 'errors.email_invalid' }).max(254, 'errors.email_invalid')]),
);

/** Passwords are taken as typed: no normalization, so what the user types at sign-in is what was hashed. */
const password = (emptyMessage: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v : ''),
    z
      .string()
      .min(1, emptyMessage)
      .min(PASSWORD_MIN, 'admin.errors.password_too_short')
      .max(PASSWORD_MAX, 'admin.errors.password_too_long')
      .refine((v) => !isCommonPassword(v), 'admin.errors.password_common'),
  );

/** Province roles need a province; national roles must not have one (the form must not silently drop it). */
function checkProvince(form: { role: StaffRole; provinceId: string }, ctx: z.RefinementCtx) {
  if (isProvinceRole(form.role) && !form.provinceId) {
    ctx.addIssue({ code: 'custom', path: ['provinceId'], message: 'admin.errors.province_required' });
  }
  if (!isProvinceRole(form.role) && form.provinceId) {
    ctx.addIssue({ code: 'custom', path: ['provinceId'], message: 'admin.errors.province_forbidden' });
  }
}

/** Where an urgent item's SMS reaches the user (issue 23); optional, any way Iranians write a mobile. */
const mobile = z.preprocess((v) => text(v), z.string().refine((v) => v === '' || normalizeMobile(v) !== null, 'errors.mobile_invalid'));

const profile = { displayName, role, provinceId, email, mobile };

export interface UserProfile {
  displayName: string;
  role: StaffRole;
  provinceId: string | null;
  email: string | null;
  mobile?: string | null;
}

const toProfile = <T extends { displayName: string; role: StaffRole; provinceId: string; email: string; mobile: string }>(form: T) => ({
  ...form,
  provinceId: form.provinceId || null,
  email: form.email || null,
  mobile: normalizeMobile(form.mobile),
});

/** Editing a user: display name, role, province, email. */
export const userEditSchema = z.object(profile).superRefine(checkProvince).transform(toProfile);

/**
 * Creating a user. The initial password is optional: left empty, the server generates one and shows it once.
 * `passwordMode` is the form's radio (`generate` or `set`); without it a typed password is used when present.
 */
export const userCreateSchema = z
  .object({
    username,
    ...profile,
    passwordMode: z.preprocess((v) => (v === 'set' || v === 'generate' ? v : undefined), z.enum(['set', 'generate']).optional()),
    password: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()),
  })
  .superRefine((form, ctx) => {
    checkProvince(form, ctx);
    const wantsOwn = form.passwordMode === 'set' || (form.passwordMode === undefined && form.password !== '');
    if (!wantsOwn) return;
    const result = password('admin.errors.password_required').safeParse(form.password);
    if (!result.success) ctx.addIssue({ code: 'custom', path: ['password'], message: result.error.issues[0]!.message });
  })
  .transform(({ passwordMode, password: typed, ...form }) => {
    const wantsOwn = passwordMode === 'set' || (passwordMode === undefined && typed !== '');
    return { ...toProfile(form), username: form.username, password: wantsOwn ? typed : null };
  });

export type UserCreateInput = z.output<typeof userCreateSchema>;
export type UserEditInput = z.output<typeof userEditSchema>;

/** The buttons of a user's page besides saving the profile. */
export const USER_INTENTS = ['edit', 'deactivate', 'reactivate', 'reset_password', 'unlock', 'reset_two_factor', 'digest'] as const;
export type UserIntent = (typeof USER_INTENTS)[number];
export const userIntentSchema = z.enum(USER_INTENTS, { message: 'errors.not_allowed' });

/** Changing one's own password; `username` is the signed-in user's, which the new password must not equal. */
export function passwordChangeSchema(usernameOfUser: string) {
  return z
    .object({
      currentPassword: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().min(1, 'admin.errors.current_password_required').max(1000, 'admin.errors.current_password_wrong')),
      newPassword: password('admin.errors.new_password_required'),
      confirmPassword: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()),
    })
    .superRefine((form, ctx) => {
      if (form.newPassword.trim().toLowerCase() === usernameOfUser.toLowerCase()) {
        ctx.addIssue({ code: 'custom', path: ['newPassword'], message: 'admin.errors.password_is_username' });
      } else if (form.currentPassword && form.newPassword === form.currentPassword) {
        ctx.addIssue({ code: 'custom', path: ['newPassword'], message: 'admin.errors.password_unchanged' });
      }
      if (form.confirmPassword !== form.newPassword) {
        ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'admin.errors.password_mismatch' });
      }
    });
}

/** Audit-log filter and keyset paging (`?entity=user&id=12&before=123`); anything malformed is ignored. */
export const auditQuerySchema = z.object({
  entity: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().regex(/^[a-z_.-]{0,40}$/).catch('')),
  id: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().regex(/^[\w.:-]{0,64}$/).catch('')),
  before: z.preprocess((v) => (typeof v === 'string' && /^\d{1,12}$/.test(v) ? Number(v) : undefined), z.number().int().positive().optional()),
});
