/**
 * Words for the audit log: which translation keys name a changed field, per kind of record. Field names come from
 * the stored before/after snapshots (database column names, dotted for nested settings such as
 * `deadlines.complaint.answerDays`), so the page looks each part up in the namespace of the form that edits it.
 */

/** The form namespace whose labels name an entity's fields. */
const FORM_NAMESPACE: Record<string, string> = {
  center: 'adminCatalog.center',
  service: 'adminCatalog.services',
  programme: 'adminCatalog.programmes',
  settings: 'adminCatalog.settings',
};

/** Fields whose form label has a different key from the column name. */
const ALIASES: Record<string, Record<string, string>> = {
  holiday: { nameFa: 'adminCatalog.settings.holidayNameFa', nameEn: 'adminCatalog.settings.holidayNameEn', solarMonth: 'adminCatalog.settings.solarMonth', solarDay: 'adminCatalog.settings.solarDay', date: 'adminCatalog.settings.date' },
  canned_reply: { title: 'staff.cannedTitle', body: 'staff.cannedBody' },
};

/**
 * For each dotted part of `field`, the keys to try in order (i18next takes the first that exists): the entity's
 * own alias, the shared admin field names, the form's label, then the item kinds (deadlines are kept per kind).
 */
export function auditFieldLabelKeys(entity: string, field: string): string[][] {
  return field.split('.').map((part) => {
    const keys: string[] = [];
    const alias = ALIASES[entity]?.[part];
    if (alias) keys.push(alias);
    keys.push(`admin.fields.${part}`);
    const namespace = FORM_NAMESPACE[entity];
    if (namespace) keys.push(`${namespace}.${part}`);
    keys.push(`kind.${part}`);
    return keys;
  });
}

/** How a value of this field reads: translated per value, a list of service names, or as it is. */
export type AuditValueKind = 'role' | 'province' | 'program' | 'weekdays' | 'services' | 'factor' | 'plain';

export function auditValueKind(field: string): AuditValueKind {
  const last = field.split('.').pop()!;
  if (last === 'role') return 'role';
  if (last === 'provinceId') return 'province';
  if (last === 'program') return 'program';
  if (last === 'weekend') return 'weekdays';
  if (last === 'serviceIds') return 'services';
  if (last === 'factor') return 'factor';
  return 'plain';
}

/** Who an entry names as its actor when none is stored: a sign-in event before anyone signed in, else the command line. */
export function auditNoActorKey(action: string): string {
  return action.startsWith('auth.') ? 'admin.audit.noActor' : 'admin.audit.cli';
}
