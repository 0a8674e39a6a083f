/**
 * The supervisor's insight pages (issue 25): "same procedure, same outcome?" (figures compared per province, kind,
 * area, service, channel or underserved centres), hotspots (centres and topics drawing repeated items) and a
 * centre's month. Pure: app/models/insight.server.ts reads one fact row per item; this module groups and counts.
 *
 * The figures are those of docs/decisions/016-figures.md; what is specific to these pages is which items a row holds:
 * the items *received* in the period (a cohort), each judged by what has happened to it since.
 */
import { z } from 'zod';
import { AREAS } from './areas';
import { lenient } from './forms';
import { normalizeDigits } from './persian';
import { distinctiveWords } from './search';
import { MIN_SAMPLE, median } from './scorecard';
import { parsePeriod, type Period } from './stats';
import { CHANNELS, ITEM_KINDS, type Channel, type ItemKind, type ItemState } from './workflow';

export { MIN_SAMPLE };

// ---- what the pages' addresses carry ----------------------------------------------------------------------------

/** What a comparison row stands for. */
export const DIMENSIONS = ['province', 'kind', 'area', 'service', 'channel', 'underserved'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Which centres' items to count: all, only those of centres flagged underserved, or only the others. */
export const CENTRE_GROUPS = ['all', 'underserved', 'other'] as const;
export type CentreGroup = (typeof CENTRE_GROUPS)[number];

export interface InsightQuery {
  period: Period;
  /** A province id or `national` (the national queue), as asked; the route checks the user may see it. */
  province: string | null;
  by: Dimension | null;
  centres: CentreGroup;
}

const insightSchema = z.object({
  period: lenient(z.string().max(4)),
  province: lenient(z.string().max(12).trim().toLowerCase().regex(/^(ir-\d{2}|national)$/)),
  by: lenient(z.enum(DIMENSIONS)),
  centres: lenient(z.enum(CENTRE_GROUPS)),
});

/**
 * Reads the pages' GET address leniently, like the inbox: an unknown, malformed or oversized value is no filter (the
 * default), never an error page, because supervisors bookmark and share these addresses.
 */
export function parseInsightQuery(params: URLSearchParams): InsightQuery {
  const raw = Object.fromEntries(['period', 'province', 'by', 'centres'].map((key) => [key, (params.get(key) ?? '').slice(0, 100)]));
  const parsed = insightSchema.parse(raw);
  return { period: parsePeriod(parsed.period), province: parsed.province ?? null, by: parsed.by ?? null, centres: parsed.centres ?? 'all' };
}

/** A centre id from the address: digits only (Persian digits too), at most 12 of them; anything else is not found. */
export function parseCentreId(value: string | undefined): number | null {
  const digits = normalizeDigits(value ?? '');
  return /^[1-9]\d{0,11}$/.test(digits) ? Number(digits) : null;
}

// ---- one row per item ---------------------------------------------------------------------------------------------

/** What the pages need to know of one item (read by the model). Times in ms since the epoch. */
export interface ItemFact {
  id: number;
  /** The province that handles it now, or `national`. */
  owner: string;
  kind: ItemKind;
  channel: Channel;
  area: string | null;
  serviceId: number | null;
  centerId: number | null;
  underserved: boolean;
  state: ItemState;
  createdAt: number;
  /** The answer, or the reasoned redirection or rejection that ended it (the figures count those as answers). */
  answeredAt: number | null;
  answerDueAt: number | null;
  duplicate: boolean;
  rating: number | null;
  appealed: boolean;
  /** The appeal was upheld: a national supervisor reopened the item. */
  appealUpheld: boolean;
  /** A national supervisor decided the appeal (reopened it or gave the final answer). */
  appealDecided: boolean;
}

export const OUTCOMES = ['answered', 'redirected', 'rejected', 'duplicate', 'open', 'closed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

const STILL_OPEN: readonly ItemState[] = ['submitted', 'routed', 'in_review', 'awaiting_citizen', 'appealed'];

/**
 * How an item received in the period stands now: a duplicate first, then how staff ended it; an item back in review
 * (an appeal upheld) or under appeal is open again, whatever answer it had.
 */
export function outcomeOf(fact: Pick<ItemFact, 'duplicate' | 'state' | 'answeredAt'>): Outcome {
  if (fact.duplicate) return 'duplicate';
  if (fact.state === 'redirected' || fact.state === 'rejected') return fact.state;
  if (STILL_OPEN.includes(fact.state)) return 'open';
  return fact.answeredAt !== null ? 'answered' : 'closed';
}

/** A share with the count it rests on; `value` is null below MIN_SAMPLE cases (the small-number rule). */
export interface Share {
  value: number | null;
  of: number;
}

const shareOf = (part: number, whole: number): Share => ({ value: whole >= MIN_SAMPLE ? part / whole : null, of: whole });

const DAY_MS = 86_400_000;

/** Every figure of one comparison row. */
export interface CompareFigures {
  received: number;
  outcomes: Record<Outcome, number>;
  /** Answered (or ended with a reason) by the deadline, among those answered and those still unanswered past it. */
  inTime: Share;
  /** Median days from receipt to the answer; `of` answers. */
  medianDays: { value: number | null; of: number };
  /** Appeals among the items answered. */
  appealRate: Share;
  /** Upheld among the appeals decided. */
  upheld: Share;
  /** Average rating 1–5 (one decimal); `of` ratings. */
  satisfaction: { value: number | null; of: number };
}

export function compareFigures(facts: readonly ItemFact[], now: number): CompareFigures {
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  let judged = 0;
  let inTime = 0;
  const days: number[] = [];
  let answered = 0;
  let appealed = 0;
  let decided = 0;
  let upheld = 0;
  const ratings: number[] = [];
  for (const fact of facts) {
    outcomes[outcomeOf(fact)] += 1;
    if (fact.duplicate) continue; // a duplicate is answered through its original: counted once, there
    if (fact.answeredAt !== null) {
      days.push((fact.answeredAt - fact.createdAt) / DAY_MS);
      judged += 1;
      if (fact.answerDueAt === null || fact.answeredAt <= fact.answerDueAt) inTime += 1;
    } else if (fact.answerDueAt !== null && fact.answerDueAt <= now && fact.state !== 'closed') {
      judged += 1; // still unanswered past its deadline: it counts against, so leaving old items alone never helps
    }
    if (fact.answeredAt !== null && fact.state !== 'redirected' && fact.state !== 'rejected') answered += 1;
    if (fact.appealed) appealed += 1;
    if (fact.appealDecided) decided += 1;
    if (fact.appealUpheld) upheld += 1;
    if (fact.rating !== null) ratings.push(fact.rating);
  }
  const medianValue = days.length >= MIN_SAMPLE ? median(days) : null;
  return {
    received: facts.length,
    outcomes,
    inTime: shareOf(inTime, judged),
    medianDays: { value: medianValue === null ? null : Math.round(medianValue * 10) / 10, of: days.length },
    appealRate: shareOf(appealed, answered),
    upheld: shareOf(upheld, decided),
    satisfaction: {
      value: ratings.length >= MIN_SAMPLE ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10 : null,
      of: ratings.length,
    },
  };
}

/** The key of a fact along a dimension (`''`: not known, e.g. no area or no service). */
export function keyOf(fact: ItemFact, by: Dimension): string {
  switch (by) {
    case 'province':
      return fact.owner;
    case 'kind':
      return fact.kind;
    case 'area':
      return fact.area ?? '';
    case 'service':
      return fact.serviceId === null ? '' : String(fact.serviceId);
    case 'channel':
      return fact.channel;
    case 'underserved':
      return fact.underserved ? 'underserved' : 'other';
  }
}

/** The fixed order of a dimension's keys (every one listed, even at zero), when it has one. */
export function keyOrder(by: Dimension): readonly string[] {
  switch (by) {
    case 'kind':
      return ITEM_KINDS;
    case 'area':
      return [...AREAS, ''];
    case 'channel':
      return CHANNELS;
    case 'underserved':
      return ['underserved', 'other'];
    default:
      return [];
  }
}

export const inGroup = (fact: Pick<ItemFact, 'underserved'>, group: CentreGroup) =>
  group === 'all' || (group === 'underserved' ? fact.underserved : !fact.underserved);

export interface CompareRow extends CompareFigures {
  key: string;
}

/**
 * The comparison: one row per key of `by` (the dimension's fixed keys first, then any other found, largest first),
 * and the total of all rows.
 */
export function compareRows(facts: readonly ItemFact[], by: Dimension, now: number, fixed: readonly string[] = keyOrder(by)): { rows: CompareRow[]; total: CompareFigures } {
  const groups = new Map<string, ItemFact[]>(fixed.map((key) => [key, []]));
  for (const fact of facts) {
    const key = keyOf(fact, by);
    const list = groups.get(key);
    if (list) list.push(fact);
    else groups.set(key, [fact]);
  }
  const rows = [...groups].map(([key, list]) => ({ key, ...compareFigures(list, now) }));
  const order = (key: string) => (fixed.includes(key) ? fixed.indexOf(key) : fixed.length);
  rows.sort((a, b) => order(a.key) - order(b.key) || b.received - a.received || a.key.localeCompare(b.key));
  return { rows, total: compareFigures(facts, now) };
}

// ---- hotspots -----------------------------------------------------------------------------------------------------

/** A hotspot is at least this many items (a duplicate group counts its original). */
export const HOTSPOT_MIN_ITEMS = 3;
/** At most this many hotspots are listed, largest first. */
export const HOTSPOT_LIMIT = 50;

export interface HotspotItem {
  id: number;
  owner: string;
  centerId: number | null;
  underserved: boolean;
  createdAt: number;
  open: boolean;
  duplicateOf: number | null;
  /** Subject and body, for the distinctive words. */
  text: string;
}

export interface Hotspot {
  type: 'duplicates' | 'topic';
  /** The centre, or null for items without one (then `owner` names the queue). */
  centerId: number | null;
  owner: string;
  underserved: boolean;
  /** For a topic: the distinctive word its items share (normalized as the search index keeps it). */
  word: string | null;
  /** For a duplicate group: the original item. */
  originalId: number | null;
  items: number;
  open: number;
  firstAt: number;
  lastAt: number;
}

/**
 * Centres (or queues) and topics drawing repeated items, among the items given (received in the period):
 * - a **duplicate group**: an original and the items staff marked as its duplicates (the original counted even when
 *   it was received before the period), when they are HOTSPOT_MIN_ITEMS or more;
 * - a **topic**: HOTSPOT_MIN_ITEMS or more items of one centre (or one queue, without a centre) that share a
 *   distinctive word — what "similar" means for possible duplicates (app/domain/search.ts). Words are taken greedily,
 *   the one shared by most items first; each item joins one topic at most, so no item is counted twice. Duplicates
 *   are left out of topics: their group already says they repeat.
 */
export function findHotspots(list: readonly HotspotItem[], originals: ReadonlyMap<number, HotspotItem> = new Map()): Hotspot[] {
  const found: Hotspot[] = [];
  const byId = new Map(list.map((item) => [item.id, item]));
  const groups = new Map<number, HotspotItem[]>();
  for (const item of list) if (item.duplicateOf !== null) groups.set(item.duplicateOf, [...(groups.get(item.duplicateOf) ?? []), item]);
  for (const [originalId, duplicates] of groups) {
    const original = byId.get(originalId) ?? originals.get(originalId);
    const members = original ? [original, ...duplicates] : duplicates;
    if (members.length < HOTSPOT_MIN_ITEMS) continue;
    const anchor = original ?? duplicates[0]!;
    found.push(spot('duplicates', anchor, members, null, originalId));
  }

  const places = new Map<string, HotspotItem[]>();
  for (const item of list) {
    if (item.duplicateOf !== null) continue;
    const place = item.centerId === null ? `q:${item.owner}` : `c:${item.centerId}`;
    places.set(place, [...(places.get(place) ?? []), item]);
  }
  for (const members of places.values()) {
    if (members.length < HOTSPOT_MIN_ITEMS) continue;
    const wordsOf = new Map(members.map((item) => [item.id, distinctiveWords(item.text)]));
    let left = members;
    for (;;) {
      const counts = new Map<string, number>();
      for (const item of left) for (const word of wordsOf.get(item.id)!) counts.set(word, (counts.get(word) ?? 0) + 1);
      // The word most items share; ties go to the longer, then the alphabetically first word (stable output).
      let best: string | null = null;
      let bestCount = 0;
      for (const [word, n] of counts) {
        if (n > bestCount || (n === bestCount && best !== null && (word.length > best.length || (word.length === best.length && word < best)))) {
          best = word;
          bestCount = n;
        }
      }
      if (!best || bestCount < HOTSPOT_MIN_ITEMS) break;
      const topic = left.filter((item) => wordsOf.get(item.id)!.includes(best));
      found.push(spot('topic', topic[0]!, topic, best, null));
      left = left.filter((item) => !topic.includes(item));
    }
  }
  return found.sort((a, b) => b.items - a.items || b.lastAt - a.lastAt).slice(0, HOTSPOT_LIMIT);
}

function spot(type: Hotspot['type'], anchor: HotspotItem, members: readonly HotspotItem[], word: string | null, originalId: number | null): Hotspot {
  const times = members.map((m) => m.createdAt);
  return {
    type,
    centerId: anchor.centerId,
    owner: anchor.owner,
    underserved: anchor.underserved,
    word,
    originalId,
    items: members.length,
    open: members.filter((m) => m.open).length,
    firstAt: Math.min(...times),
    lastAt: Math.max(...times),
  };
}
