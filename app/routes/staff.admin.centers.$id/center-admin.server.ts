/**
 * What the centre's admin route and its programmes route share on the server: reading the centre id, the refusal
 * they answer with, the redirect back to the centre's page, and the programme intents themselves.
 */
import { json, redirect } from '@remix-run/node';
import { db } from '~/platform/db.server';
import { CENTER_FIELDS, parseId, PROGRAMME_FIELDS, programmeSchema } from '~/domain/catalog-admin-schema';
import { parseForm, replyTo, sentFields, sentValues, type FieldErrors, type FormReply } from '~/domain/forms';
import { invariantResponse } from '~/platform/invariant.server';
import { createProgramme, deleteProgramme, updateProgramme, type AdminResult } from '~/models/catalog-admin.server';

/** What the centre's and the programmes' actions answer when they refuse: the errors and the form as sent. */
export interface CenterRefusal {
  intent: string;
  errors: FieldErrors;
  values: Record<string, string>;
  serviceIds: string[];
  programmeId: string;
}

/** `new`, or the id of an existing centre (whatever its state); anything else is not found. */
export function centerIdFrom(params: { id?: string }): number | 'new' {
  if (params.id === 'new') return 'new';
  const id = parseId(params.id);
  invariantResponse(id !== null, 'Not Found');
  return id;
}

/** A form of the centre's page as sent, read by conform: every field, the services checkboxes each (a repeated field). */
export function sentForm(formData: FormData) {
  return parseForm(formData, sentFields, { repeated: ['services'] });
}

/**
 * The refusal of a form of the centre's page: conform's reply (`replyTo`, `refusal`), with what was sent cut to a
 * length the form can show, and the services ticked and the programme's id as sent (from `sentForm`).
 */
export function refusalFor(intent: string, sent: { payload: Record<string, unknown> }) {
  const ticked = [sent.payload.services ?? []].flat().filter((v): v is string => typeof v === 'string');
  const programmeId = sentValues(sent).programmeId ?? '';
  return (reply: FormReply, status = 400) =>
    json<CenterRefusal>(
      { intent, errors: reply.errors, values: keepValues(reply.values), serviceIds: ticked.slice(0, 200).map((v) => v.slice(0, 12)), programmeId: programmeId.slice(0, 12) },
      { status },
    );
}

function keepValues(values: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of [...CENTER_FIELDS, ...PROGRAMME_FIELDS]) if (values[name] !== undefined) kept[name] = values[name]!.slice(0, 10_000);
  return kept;
}

/**
 * A change's answer: back to the centre's page saying what was saved, 404 for what is not there, else the refusal
 * of `submission` with the errors the change gave.
 */
export function doneFor(id: number | 'new', refuse: ReturnType<typeof refusalFor>, submission: Parameters<typeof replyTo>[0]) {
  return (result: AdminResult, saved: string, hash = '') => {
    if (!result.ok) {
      invariantResponse(result.status !== 404, 'Not Found');
      return refuse(replyTo(submission, result.errors));
    }
    return redirect(`/staff/admin/centers/${id}?saved=${saved}${hash}`);
  };
}

export const PROGRAMME_INTENTS = ['addProgramme', 'updateProgramme', 'deleteProgramme'] as const;
export type ProgrammeIntent = (typeof PROGRAMME_INTENTS)[number];
export const isProgrammeIntent = (intent: string | undefined): intent is ProgrammeIntent => (PROGRAMME_INTENTS as readonly string[]).includes(intent ?? '');

/** Adds, changes or deletes a programme of centre `id` for admin `actor` (after the route checked the session and the form token). */
export function programmeIntent(actor: number, id: number | 'new', formData: FormData) {
  const sent = sentForm(formData);
  const values = sentValues(sent);
  const intent = isProgrammeIntent(values.intent) ? values.intent : null;
  const refuse = refusalFor(intent ?? '', sent);
  if (!intent) return refuse(replyTo(sent, { form: 'adminCatalog.errors.invalid' }));
  // A centre not saved yet has no programmes.
  invariantResponse(id !== 'new', 'Not Found');
  if (intent === 'deleteProgramme') {
    const done = doneFor(id, refuse, sent);
    const programmeId = parseId(values.programmeId);
    invariantResponse(programmeId !== null, 'Not Found');
    return done(deleteProgramme(db(), actor, id, programmeId), 'programmeDeleted', '#programmes');
  }
  const programmeId = intent === 'updateProgramme' ? parseId(values.programmeId) : null;
  invariantResponse(intent !== 'updateProgramme' || programmeId !== null, 'Not Found');
  const parsed = parseForm(formData, programmeSchema);
  if (parsed.status !== 'success') return refuse(replyTo(parsed));
  const done = doneFor(id, refuse, parsed);
  return programmeId === null
    ? done(createProgramme(db(), actor, id, parsed.value), 'programmeAdded', '#programmes')
    : done(updateProgramme(db(), actor, id, programmeId, parsed.value), 'programmeUpdated', '#programmes');
}
