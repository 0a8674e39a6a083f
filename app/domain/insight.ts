/**
 * The supervisor's insight pages (issue 25): "same procedure, same outcome?" (figures compared per province, kind,
 * area, service, channel or underserved centres), hotspots (centres and topics drawing repeated items) and a
 * centre's month. Pure: app/models/insight.server.ts reads one fact row per item; this module groups and counts.
 *
 * The figures are those of docs/decisions/016-figures.md, computed by app/domain/figures.ts from tallies added up
 * here per row (the rollups do not keep services or the underserved flag). Two figures are these pages' own: the
 * outcome mix of the items received in the period (how each stands now), and appeals upheld among the appeal
 * decisions taken in the period — both under the same small-number rule.
 */
import { z } from 'zod';
import { AREAS } from './areas';
import { lenient } from './forms';
import { normalizeDigits, searchKey } from './persian';
import { distinctiveWords } from './search';
import { EMPTY_TALLY, figure, figureSet, MIN_CASES, type Figure, type FigureSet, type Tally } from './figures';
import { DURATION_BUCKETS, parsePeriod, type Period } from './stats';
import { CHANNELS, ITEM_KINDS, type Channel, type ItemKind, type ItemState } from './workflow';

export { MIN_CASES };

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
  /** A custom range as typed (Solar dates), checked by app/domain/figures.ts parseRange; '' when none. */
  from: string;
  to: string;
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
  const typed = (key: string) => (params.get(key) ?? '').slice(0, 40);
  return { period: parsePeriod(parsed.period), province: parsed.province ?? null, by: parsed.by ?? null, centres: parsed.centres ?? 'all', from: typed('from'), to: typed('to') };
}

/** A centre id from the address: digits only (Persian digits too), at most 12 of them; anything else is not found. */
export function parseCentreId(value: string | undefined): number | null {
  // Digits only before normalizing: normalizeDigits also drops separators, which would read `-1` as centre 1.
  if (!/^[0-9\u06F0-\u06F9\u0660-\u0669]{1,12}$/.test(value ?? '')) return null;
  const digits = normalizeDigits(value!);
  return /^[1-9]\d{0,11}$/.test(digits) ? Number(digits) : null;
}

// ---- one row per item ---------------------------------------------------------------------------------------------

/**
 * What the pages need to know of one item (read by the model). Times in ms since the epoch. Each event carries the
 * province it counts for, as in docs/decisions/016-figures.md: received for the province it arrived with, its answer
 * for the province that gave it, its backlog for the province that holds it now.
 */
export interface ItemFact {
  id: number;
  kind: ItemKind;
  channel: Channel;
  area: string | null;
  serviceId: number | null;
  centerId: number | null;
  underserved: boolean;
  state: ItemState;
  duplicate: boolean;
  createdAt: number;
  /** The answer, or the reasoned redirection or rejection (decision 005: those are answers too). */
  answeredAt: number | null;
  answerDueAt: number | null;
  /** Waiting for the citizen since (the paused clock, decision 017): not overdue from then on. */
  pausedAt?: number | null;
  closedAt: number | null;
  rating: number | null;
  ratedAt: number | null;
  owners: { received: string; answer: string | null; rating: string | null; now: string };
  /** Appeals made, and appeal decisions (upheld: the item reopened; or the final answer), each with its province. */
  appeals: { at: number; owner: string }[];
  decisions: { at: number; upheld: boolean; owner: string }[];
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

/** The bucket (upper bound in hours) of a duration, as the statistics triggers keep them (DURATION_BUCKETS). */
export function bucketOf(hours: number): number {
  return DURATION_BUCKETS.find((upper) => hours <= upper) ?? DURATION_BUCKETS[DURATION_BUCKETS.length - 1]!;
}

/** Every figure of one comparison row: decision 016's figures, the outcome mix of the items received, appeals upheld. */
export interface CompareFigures extends FigureSet {
  /** How the items received in the period stand now. */
  outcomes: Record<Outcome, number>;
  /** Appeals upheld (the item reopened) among the appeal decisions taken in the period. */
  upheld: Figure;
}

/** The period of a page: its Tehran days, its first instant and the instant its backlog is measured (016). */
export interface Window {
  from: number;
  /** Exclusive: the end of the last day (or just after now, when today is its last day). */
  to: number;
  /** The period's end: the end of its last day, or now if that day is not over. */
  at: number;
}

interface Accumulator {
  tally: Tally;
  buckets: Map<number, number>;
  outcomes: Record<Outcome, number>;
  decided: number;
  upheld: number;
}

const newAccumulator = (): Accumulator => ({
  tally: { ...EMPTY_TALLY },
  buckets: new Map(),
  outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>,
  decided: 0,
  upheld: 0,
});

const done = (acc: Accumulator): CompareFigures => ({
  ...figureSet(acc.tally, acc.buckets),
  outcomes: acc.outcomes,
  upheld: figure(acc.decided > 0 ? Math.round((acc.upheld / acc.decided) * 10_000) / 10_000 : null, acc.decided),
});

/** The key of a fact along a dimension (`''`: not known, e.g. no area or no service); by province, per event. */
export function keyOf(fact: ItemFact, by: Dimension, owner: string): string {
  switch (by) {
    case 'province':
      return owner;
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

/**
 * Adds the facts up into rows along `by` (and a total), with decision 016's definitions: received, answers given
 * and those by the deadline, the backlog left overdue unanswered at the period's end, ratings and appeals in the
 * period, each counted for its own province; `inScope` says which provinces the page shows (null: all).
 */
export function tallyRows(facts: readonly ItemFact[], by: Dimension, window: Window, inScope: (owner: string) => boolean) {
  const rows = new Map<string, Accumulator>();
  const total = newAccumulator();
  const inPeriod = (t: number | null) => t !== null && t >= window.from && t < window.to;
  const add = (fact: ItemFact, owner: string | null, apply: (acc: Accumulator) => void) => {
    const who = owner ?? fact.owners.now;
    if (!inScope(who)) return;
    const key = keyOf(fact, by, who);
    let acc = rows.get(key);
    if (!acc) rows.set(key, (acc = newAccumulator()));
    apply(acc);
    apply(total);
  };
  for (const fact of facts) {
    if (inPeriod(fact.createdAt)) {
      add(fact, fact.owners.received, (acc) => {
        acc.tally.received += 1;
        acc.outcomes[outcomeOf(fact)] += 1;
      });
    }
    if (inPeriod(fact.answeredAt)) {
      const inTime = fact.answerDueAt === null || fact.answeredAt! <= fact.answerDueAt;
      const bucket = bucketOf((fact.answeredAt! - fact.createdAt) / 3_600_000);
      add(fact, fact.owners.answer, (acc) => {
        acc.tally.answers += 1;
        if (inTime) acc.tally.answersInTime += 1;
        acc.buckets.set(bucket, (acc.buckets.get(bucket) ?? 0) + 1);
      });
    }
    const unanswered = fact.createdAt <= window.at && (fact.answeredAt === null || fact.answeredAt > window.at) && (fact.closedAt === null || fact.closedAt > window.at);
    const paused = fact.pausedAt != null && fact.pausedAt <= window.at;
    if (unanswered && !paused && fact.answerDueAt !== null && fact.answerDueAt <= window.at) add(fact, fact.owners.now, (acc) => (acc.tally.overdueUnanswered += 1));
    if (fact.rating !== null && inPeriod(fact.ratedAt)) {
      add(fact, fact.owners.rating, (acc) => {
        acc.tally.ratings += 1;
        acc.tally.ratingSum += fact.rating!;
      });
    }
    for (const appeal of fact.appeals) if (inPeriod(appeal.at)) add(fact, appeal.owner, (acc) => (acc.tally.appeals += 1));
    for (const decision of fact.decisions) {
      if (!inPeriod(decision.at)) continue;
      add(fact, decision.owner, (acc) => {
        acc.decided += 1;
        if (decision.upheld) acc.upheld += 1;
      });
    }
  }
  return { rows, total: done(total), done };
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

export interface CompareRow extends CompareFigures {
  key: string;
}

/**
 * The comparison: one row per key of `by` (the dimension's fixed keys first, even at zero, then any other found,
 * most received first), and the total of all rows.
 */
export function compareRows(
  facts: readonly ItemFact[],
  by: Dimension,
  window: Window,
  inScope: (owner: string) => boolean = () => true,
  fixed: readonly string[] = keyOrder(by),
): { rows: CompareRow[]; total: CompareFigures } {
  const { rows: accs, total } = tallyRows(facts, by, window, inScope);
  const keys = [...fixed, ...[...accs.keys()].filter((key) => !fixed.includes(key))];
  const rows = keys.map((key) => ({ key, ...done(accs.get(key) ?? newAccumulator()) }));
  const order = (key: string) => (fixed.includes(key) ? fixed.indexOf(key) : fixed.length);
  rows.sort((a, b) => order(a.key) - order(b.key) || b.received - a.received || a.key.localeCompare(b.key));
  return { rows, total };
}

// ---- hotspots -----------------------------------------------------------------------------------------------------

/**
 * Verbs and fillers frequent in any feedback ("was not done", "please"): sharing one says nothing about a topic,
 * though it may still help rank possible duplicates (app/domain/search.ts keeps its own shorter list).
 */
const TOPIC_STOP_WORDS = new Set(
  'انجام شود شده نشده نشد کنم کنیم کنند کند نمی‌شود میشود می‌شود هستند هستیم دارند داریم دارم نداریم نداشت بودند بودم گفتند گفت دادند داده نداد ندادند خیلی بسیار لطفا هنوز همه حتی باشد بدون هفته هفته‌ها روز روزها ماه سال ساعت'
    .split(' ')
    .map((word) => searchKey(word)),
);

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
    const wordsOf = new Map(members.map((item) => [item.id, distinctiveWords(item.text).filter((word) => !TOPIC_STOP_WORDS.has(word))]));
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
