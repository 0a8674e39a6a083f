/** Posting to the inbox's bulk page and reading the inbox's loader, for the issue-24 tests. */
import { expect } from 'vitest';
import * as staffInbox from '../../app/routes/staff.inbox/route';
import * as inboxBulk from '../../app/routes/staff.inbox_.bulk';
import { BASE, CookieJar, getRequest, routeArgs, run } from './http';

/** A form POST whose fields may repeat (`item` once per ticked row). */
export function postRepeated(path: string, fields: [string, string][], jar: CookieJar): Request {
  return new Request(BASE + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: jar.header() },
    body: new URLSearchParams(fields).toString(),
  });
}

export interface BulkReply {
  step: 'fix' | 'confirm' | 'summary';
  errors?: Record<string, string>;
  summary?: { done: { id: number; trackingCode: string | null }[]; refused: { id: number; trackingCode: string | null; reason: string }[] };
  preview?: { messages: { text: string | null; items: { id: number }[] }[]; refused: { id: number; reason: string }[] };
}

/** Posts a bulk action: `items` as `id.version`, the other fields as given. */
export async function bulk(jar: CookieJar, csrf: string, items: string[], fields: Record<string, string>) {
  const response = await run(() =>
    inboxBulk.action(routeArgs(postRepeated('/staff/inbox/bulk', [['csrf', csrf], ...items.map((i): [string, string] => ['item', i]), ...Object.entries(fields)], jar))),
  );
  const text = await response.text();
  return { status: response.status, text, reply: (response.headers.get('Content-Type') ?? '').includes('json') ? (JSON.parse(text) as BulkReply) : null };
}

export async function inboxData<T = Record<string, unknown>>(jar: CookieJar, path = '/staff/inbox'): Promise<{ data: T; text: string }> {
  const response = await run(() => staffInbox.loader(routeArgs(getRequest(path, jar))));
  expect(response.status, path).toBe(200);
  const text = await response.text();
  return { data: JSON.parse(text) as T, text };
}

export async function postView(jar: CookieJar, fields: Record<string, string>) {
  return run(() => staffInbox.action(routeArgs(postRepeated('/staff/inbox', Object.entries(fields), jar))));
}
