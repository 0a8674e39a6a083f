/**
 * The directory's filters as they come in a GET address (`/centers?province=ir-09&program=shoq&q=…&page=2`). Anything
 * a person or a crawler can type is read leniently: an unknown or malformed value is simply no filter, never an
 * error page, because a bookmarked address must keep working after the data changes.
 */
import { z } from 'zod';
import { lenient } from './forms';
import { normalizeDigits, normalizeLine } from './persian';
import { searchQuery } from './search';

export const PAGE_SIZE = 20;
export const PROGRAMS = ['mosbat', 'shoq'] as const;


const directorySchema = z.object({
  province: lenient(z.string().trim().toLowerCase().regex(/^ir-\d{2}$/)),
  city: lenient(z.string().transform(normalizeLine).pipe(z.string().min(1).max(100))),
  program: lenient(z.enum(PROGRAMS)),
  service: lenient(z.string().trim().toLowerCase().regex(/^[a-z0-9-]{1,60}$/)),
  q: lenient(z.string().transform((q) => normalizeLine(q).slice(0, 200))),
  page: lenient(z.string().transform(normalizeDigits).pipe(z.string().regex(/^\d{1,6}$/)).transform(Number)),
});

export interface DirectoryQuery {
  province?: string;
  city?: string;
  program?: (typeof PROGRAMS)[number];
  service?: string;
  /** What was typed, normalized and cut to a sane length, to show back in the search box. */
  q: string;
  /** The FTS5 expression for `q`; null when there is nothing to search for. */
  match: string | null;
  page: number;
}

export function parseDirectoryQuery(params: URLSearchParams): DirectoryQuery {
  const raw = Object.fromEntries([...params.keys()].map((key) => [key, params.get(key) ?? '']));
  const parsed = directorySchema.parse(raw);
  const q = parsed.q ?? '';
  return {
    province: parsed.province,
    city: parsed.city,
    program: parsed.program,
    service: parsed.service,
    q,
    match: searchQuery(q),
    page: Math.max(1, parsed.page ?? 1),
  };
}

/** The address of another page of the same result, keeping every filter. */
export function directoryHref(query: DirectoryQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.province) params.set('province', query.province);
  if (query.city) params.set('city', query.city);
  if (query.program) params.set('program', query.program);
  if (query.service) params.set('service', query.service);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return `/centers${search ? `?${search}` : ''}`;
}
