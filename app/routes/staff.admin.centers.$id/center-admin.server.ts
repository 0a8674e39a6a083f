/**
 * What the centre's admin route and its programmes route share on the server: reading the centre id, the refusal
 * they answer with, the redirect back to the centre's page, and the programme intents themselves.
 */
import { json, redirect } from '@remix-run/node';
import { db } from '~/platform/db.server';
import { CENTER_FIELDS, parseId, PROGRAMME_FIELDS, programmeSchema } from '~/domain/catalog-admin-schema';
import { fieldErrors, formValues, type FieldErrors } from '~/domain/forms';
import { invariantResponse } from '~/platform/invariant.server';
import { createProgramme, deleteProgramme, updateProgramme, type AdminResult } from '~/models/catalog-admin.server';
import type { CenterRefusal } from './center-page';

/** `new`, or the id of an existing centre (whatever its state); anything else is not found. */
export function centerIdFrom(params: { id?: string }): number | 'new' {
  if (params.id === 'new') return 'new';
  const id = parseId(params.id);
  invariantResponse(id !== null, 'Not Found');
  return id;
}

/** The refusal of a form of the centre's page: the errors, and what was sent, each cut to a length the form can show. */
export function refusalFor(intent: string, formData: FormData) {
  const values = formValues(formData);
  const rawServiceIds = formData.getAll('services').filter((v): v is string => typeof v === 'string');
  return (errors: FieldErrors, status = 400) =>
    json<CenterRefusal>(
      { intent, errors, values: keepValues(values), serviceIds: rawServiceIds.slice(0, 200).map((v) => v.slice(0, 12)), programmeId: (values.programmeId ?? '').slice(0, 12) },
      { status },
    );
}

function keepValues(values: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of [...CENTER_FIELDS, ...PROGRAMME_FIELDS]) if (values[name] !== undefined) kept[name] = values[name]!.slice(0, 10_000);
  return kept;
}

/** A change's answer: back to the centre's page saying what was saved, 404 for what is not there, else the refusal. */
export function doneFor(id: number | 'new', refuse: ReturnType<typeof refusalFor>) {
  return (result: AdminResult, saved: string, hash = '') => {
    if (!result.ok) {
      invariantResponse(result.status !== 404, 'Not Found');
      return refuse(result.errors);
    }
    return redirect(`/staff/admin/centers/${id}?saved=${saved}${hash}`);
  };
}

export const PROGRAMME_INTENTS = ['addProgramme', 'updateProgramme', 'deleteProgramme'] as const;
export type ProgrammeIntent = (typeof PROGRAMME_INTENTS)[number];
export const isProgrammeIntent = (intent: string | undefined): intent is ProgrammeIntent => (PROGRAMME_INTENTS as readonly string[]).includes(intent ?? '');

/** Adds, changes or deletes a programme of centre `id` for admin `actor` (after the route checked the session and the form token). */
export function programmeIntent(actor: number, id: number | 'new', formData: FormData) {
  const values = formValues(formData);
  const intent = isProgrammeIntent(values.intent) ? values.intent : null;
  const refuse = refusalFor(intent ?? '', formData);
  if (!intent) return refuse({ form: 'adminCatalog.errors.invalid' });
  // A centre not saved yet has no programmes.
  invariantResponse(id !== 'new', 'Not Found');
  const done = doneFor(id, refuse);
  if (intent === 'deleteProgramme') {
    const programmeId = parseId(values.programmeId);
    invariantResponse(programmeId !== null, 'Not Found');
    return done(deleteProgramme(db(), actor, id, programmeId), 'programmeDeleted', '#programmes');
  }
  const programmeId = intent === 'updateProgramme' ? parseId(values.programmeId) : null;
  invariantResponse(intent !== 'updateProgramme' || programmeId !== null, 'Not Found');
  const parsed = programmeSchema.safeParse(values);
  if (!parsed.success) return refuse(fieldErrors(parsed.error));
  return programmeId === null
    ? done(createProgramme(db(), actor, id, parsed.data), 'programmeAdded', '#programmes')
    : done(updateProgramme(db(), actor, id, programmeId, parsed.data), 'programmeUpdated', '#programmes');
}
