/**
 * The SMS conversation (issue 22, docs/DESIGN.md §5.7): what one text from a number means, given that number's own
 * items. One pure decision per text — a follow-up on an item, the citizen's reply, a confirmation with its rating, an
 * appeal with its reason, a rating after the item closed, a reopen request, the list of codes, a new item, or
 * "nothing fits" (a help SMS). The service (app/services/sms-inbound.server.ts) carries it out through the workflow's
 * door and always answers the number by SMS.
 */
import { normalizeText, toAsciiDigits } from './persian';
import { SMS_DEFAULT_KIND, SMS_KEYWORDS, SMS_TEXT_MAX } from './sms-inbound';
import { TRACKING_CODE_LENGTH } from './tracking-code';
import { isOpen, type ItemKind, type ItemState } from './workflow';

/** One of the sender's own items (mobile equal to the sender's, contact not erased). */
export interface ConversationItem {
  id: number;
  trackingCode: string;
  state: ItemState;
  rating: number | null;
  createdAt: Date;
  closedAt: Date | null;
  /**
   * Filed by a text from this very number: the gateway vouches for the sender, so the number is the item's. A mobile
   * typed on the web form, in the API or to an agent is nobody's proof (outside review, round 9: a stranger filed an
   * item with a citizen's number and read the texts that joined it): such an item is reached by SMS only with its code.
   */
  filedBySms: boolean;
}

/**
 * A keyword-less text from a number whose items all ended less than this long ago is most likely about the last one
 * ("still not solved"): it is not filed as a new item by mistake, the citizen is told how to file one or ask to
 * reopen. Older endings (or no items at all) file a new complaint, as texts always did.
 */
export const SMS_RECENT_END_DAYS = 30;
const DAY_MS = 86_400_000;

/** What the help SMS explains: the state of the item the text was about decides which replies fit. */
export type SmsHelpTopic =
  /** No item, or an open item and a text with nothing in it (emoji only, one lone digit). */
  | 'general'
  | 'empty'
  | 'too_long'
  /** A new item's text under 20 characters. */
  | 'too_short'
  /** An answered item: reply 1–5, or «اعتراض» with a reason. */
  | 'answered'
  /** An ended item: a keyword for a new item, «حل نشد» with a reason to reopen. */
  | 'ended'
  /** The closed item already has its rating. */
  | 'rated'
  /** «اعتراض» or «حل نشد» without a reason. */
  | 'reason_needed'
  /** The number's items were not filed by SMS: the text must start with the item's code. */
  | 'code_needed';

export type SmsDecision =
  /** Only a tracking code: the state goes to the item's own number (app/models/sms-inbound.server.ts). */
  | { type: 'status'; code: string }
  /** «کد» / «کدها»: the codes of the number's open items, to that number. */
  | { type: 'codes' }
  | { type: 'new_item'; kind: ItemKind; body: string; keyword: boolean }
  /** `citizen_note`: the citizen's message on an open item (routed, in review, answered, appealed). */
  | { type: 'follow_up'; itemId: number; message: string }
  /** `citizen_reply`: the answer the province waits for. */
  | { type: 'citizen_reply'; itemId: number; message: string }
  /** `confirm` with a rating: the answered item closes. */
  | { type: 'confirm'; itemId: number; rating: number }
  /** `rate`: a closed item without a rating gets one. */
  | { type: 'rate'; itemId: number; rating: number }
  | { type: 'appeal'; itemId: number; reason: string }
  /** «حل نشد» after the item closed: a request to reopen it (see `reopenBySms` in the service). */
  | { type: 'reopen'; itemId: number; reason: string | null }
  | { type: 'help'; topic: SmsHelpTopic; itemId: number | null };

const DIGIT = '[0-9\\u06F0-\\u06F9\\u0660-\\u0669]';
const SEPARATOR = '[\\s\\-‐–—]';
/** Only digits (any script), spaces and dashes: what a person types when sending just a tracking code. */
const CODE_ONLY = new RegExp(`^(?:${DIGIT}|${SEPARATOR})+$`, 'u');
/** Twelve digits at the start, written with or without separators, not followed by a thirteenth. */
const LEADING_CODE = new RegExp(`^(${DIGIT}(?:${SEPARATOR}*${DIGIT}){${TRACKING_CODE_LENGTH - 1}})(?!${SEPARATOR}*${DIGIT})`, 'u');
/** A code, a space and one digit: the rating an item's question asks for ("<code> ۵"), never a thirteen-digit code. */
const CODE_THEN_DIGIT = new RegExp(`^(${DIGIT}(?:${SEPARATOR}*${DIGIT}){${TRACKING_CODE_LENGTH - 1}})\\s+(${DIGIT}[\\s.!]*)$`, 'u');
/** «کد», «کدها», «کد ها», «کدهام»… with a question mark or a full stop at most. */
const CODES = /^کد(?:[\s\u200c]*ها(?:م|ی\s*من)?)?[\s.!?؟]*$/u;
const KEYWORD = new RegExp(`^(${Object.keys(SMS_KEYWORDS).join('|')})(?:[\\s:：\\-‐–—،,.]+|$)`, 'u');
/** «اعتراض» or «حل نشد» / «حل نشده» (with or without a space or ZWNJ), then the reason. */
const APPEAL = /^(?:اعتراض|حل[\s\u200c]*نشده?)(?=$|[\s:：\-‐–—،,.!])[\s:：\-‐–—،,.!]*/u;
/** One digit in any script (after toAsciiDigits), a full stop or an exclamation mark at most: 1–5 is a rating. */
const LONE_DIGIT = /^(\d)[\s.!]*$/u;
/** A letter or a digit: a text of emoji, punctuation or symbols only says nothing the province could act on. */
const MEANINGFUL = /[\p{L}\p{N}]/u;

/** The text after the web form's normalization (digits kept as typed), line breaks and runs of spaces made one. */
export function normalizeSms(raw: string): string {
  return normalizeText(raw).replace(/[^\S\n]+/g, ' ').trim();
}

/** What `raw`, from a number owning `own` (any order), asks for at `now`. */
export function decideSms(raw: string, own: readonly ConversationItem[], now: Date): SmsDecision {
  const text = normalizeSms(raw);
  if (text === '') return { type: 'help', topic: 'empty', itemId: null };
  if ([...text].length > SMS_TEXT_MAX) return { type: 'help', topic: 'too_long', itemId: null };
  if (CODE_ONLY.test(text)) {
    // A code with a wrong check digit is still a status question (about no item), never the start of an item.
    const digits = toAsciiDigits(text).replace(/\D/g, '');
    if (digits.length === TRACKING_CODE_LENGTH) return { type: 'status', code: digits };
  }
  if (CODES.test(text)) return { type: 'codes' };

  // A leading code picks the item only when it is this number's; another number's code is as if not written.
  let rest = text;
  let picked: ConversationItem | undefined;
  const rating = CODE_THEN_DIGIT.exec(text);
  const leading = rating ?? LEADING_CODE.exec(text);
  if (leading) {
    const code = toAsciiDigits(leading[1]!).replace(/\D/g, '');
    picked = own.find((item) => item.trackingCode === code);
    rest = rating ? rating[2]!.trim() : text.slice(leading[0].length).replace(/^[\s:：\-‐–—،,.]+/u, '');
  }

  if (!picked) {
    const keyword = KEYWORD.exec(rest);
    if (keyword) return { type: 'new_item', kind: SMS_KEYWORDS[keyword[1]!]!, body: rest.slice(keyword[0].length).trim(), keyword: true };
  }

  // Without a code, only items filed from this number are meant (see `filedBySms`).
  const proven = own.filter((item) => item.filedBySms);
  const target = picked ?? latestOpen(proven) ?? recentlyEnded(proven, now);
  if (!target && (latestOpen(own) ?? recentlyEnded(own, now))) {
    // The number has an item it did not file by SMS: never joined blindly, never filed again by mistake.
    return { type: 'help', topic: 'code_needed', itemId: null };
  }
  if (!target) {
    if (!MEANINGFUL.test(rest)) return { type: 'help', topic: 'general', itemId: null };
    return { type: 'new_item', kind: SMS_DEFAULT_KIND, body: rest, keyword: false };
  }
  return onItem(target, rest);
}

/** What a text means for the item it is about. */
function onItem(item: ConversationItem, text: string): SmsDecision {
  const itemId = item.id;
  const meaningful = MEANINGFUL.test(text);
  const digit = LONE_DIGIT.exec(toAsciiDigits(text));
  // A lone 0 or 6–9 is a rating mistyped: never a message for the province, never a rating.
  const rating = digit && Number(digit[1]) >= 1 && Number(digit[1]) <= 5 ? digit : null;
  const appeal = APPEAL.exec(text);
  const reason = appeal ? text.slice(appeal[0].length).trim() : '';
  switch (item.state) {
    case 'awaiting_citizen':
      return meaningful ? { type: 'citizen_reply', itemId, message: text } : { type: 'help', topic: 'general', itemId };
    case 'answered':
      if (rating) return { type: 'confirm', itemId, rating: Number(rating[1]) };
      if (appeal) return MEANINGFUL.test(reason) ? { type: 'appeal', itemId, reason } : { type: 'help', topic: 'reason_needed', itemId };
      return meaningful && !digit ? { type: 'follow_up', itemId, message: text } : { type: 'help', topic: 'answered', itemId };
    case 'closed':
      if (rating) return item.rating === null ? { type: 'rate', itemId, rating: Number(rating[1]) } : { type: 'help', topic: 'rated', itemId };
      if (appeal) return { type: 'reopen', itemId, reason: MEANINGFUL.test(reason) ? reason : null };
      return { type: 'help', topic: 'ended', itemId };
    case 'redirected':
    case 'rejected':
      return { type: 'help', topic: 'ended', itemId };
    default:
      // Routed, in review, appealed: the text joins the item. A lone digit is no message (nobody asked for a rating).
      if (!meaningful || digit) return { type: 'help', topic: 'general', itemId };
      return { type: 'follow_up', itemId, message: text };
  }
}

const newestFirst = (a: ConversationItem, b: ConversationItem) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id;

function latestOpen(own: readonly ConversationItem[]): ConversationItem | undefined {
  return own.filter((item) => isOpen(item.state)).sort(newestFirst)[0];
}

function recentlyEnded(own: readonly ConversationItem[], now: Date): ConversationItem | undefined {
  return own
    .filter((item) => !isOpen(item.state) && item.closedAt !== null && now.getTime() - item.closedAt.getTime() <= SMS_RECENT_END_DAYS * DAY_MS)
    .sort((a, b) => b.closedAt!.getTime() - a.closedAt!.getTime() || b.id - a.id)[0];
}

/** Satisfaction by SMS: the actions after which the one rating request goes out, if none went out before. */
export function asksForRating(action: string, item: { rating: number | null; ratingAskedAt: Date | null; mobile: string | null }): boolean {
  return (action === 'answer' || action === 'auto_close') && item.rating === null && item.ratingAskedAt === null && item.mobile !== null;
}

