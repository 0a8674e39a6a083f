/** The organisations a redirected item is sent to (docs/DESIGN.md §3 "redirect"): how the citizen's answer names one. */

export interface OrganizationContact {
  nameFa: string;
  nameEn: string;
  phone: string;
  website: string;
}

type Translate = (key: string, values?: Record<string, string>) => string;

/** "The responsible organisation: …, telephone …, website …" in the citizen's language; empty parts left out. */
export function organizationNotice(org: OrganizationContact, locale: 'fa' | 'en', t: Translate): string {
  const parts = [t('redirect.orgName', { name: locale === 'fa' ? org.nameFa : org.nameEn })];
  // An LRM keeps a number or an address in order inside Persian text (docs/DESIGN.md §6).
  if (org.phone) parts.push(t('redirect.orgPhone', { phone: locale === 'fa' ? `\u200E${org.phone}` : org.phone }));
  if (org.website) parts.push(t('redirect.orgWebsite', { website: locale === 'fa' ? `\u200E${org.website}` : org.website }));
  return parts.join(locale === 'fa' ? '؛ ' : '; ');
}
