/** The tracking look-up form: a code with a valid check digit, and the mobile number (absent for anonymous items). */
import { z } from 'zod';
import { normalizeMobile, normalizeText } from './persian';
import { parseTrackingCode } from './tracking-code';

export const trackSchema = z
  .object({
    code: z.string().optional().default(''),
    mobile: z.string().optional().default(''),
  })
  .transform((form, ctx) => {
    const code = parseTrackingCode(form.code);
    if (!code.ok) {
      const message = code.reason === 'empty' ? 'errors.code_required' : code.reason === 'format' ? 'errors.code_format' : 'errors.code_check_digit';
      ctx.addIssue({ code: 'custom', path: ['code'], message });
      return z.NEVER;
    }
    const mobileText = normalizeText(form.mobile);
    const mobile = mobileText === '' ? null : normalizeMobile(mobileText);
    if (mobileText !== '' && !mobile) {
      ctx.addIssue({ code: 'custom', path: ['mobile'], message: 'errors.mobile_invalid' });
      return z.NEVER;
    }
    return { code: code.code, mobile };
  });
