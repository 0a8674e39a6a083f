/**
 * The item page's message log (outside review, round 8): the facts of a message (queued, sent, attempts) are each a
 * line of their own, with no "·" separator that could wrap to the start of a line and read as a Persian zero.
 */
import { createInstance } from 'i18next';
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { i18nConfig } from '../../app/i18n/config';
import { resources } from '../../app/i18n/resources.server';
import { MessageLog } from '~/routes/staff.items.$id/message-log';

async function render(messages: Parameters<typeof MessageLog>[0]['messages']) {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, resources, lng: 'fa' });
  return renderToStaticMarkup(h(I18nextProvider, { i18n }, h(MessageLog, { messages })));
}

describe('the message log', () => {
  it('puts queued, sent and attempts each in its own list item, without a separator to wrap', async () => {
    const queued = new Date('2026-11-22T06:30:00Z');
    const html = await render([
      { id: 1, channel: 'sms', status: 'sent', attempts: 1, body: 'متن', createdAt: queued, sentAt: new Date(queued.getTime() + 60_000), erased: false, recipientMasked: '0912***4567' },
      { id: 2, channel: 'email', status: 'pending', attempts: 2, body: 'متن', createdAt: queued, sentAt: null, erased: false, recipientMasked: 'm***@example.ir' },
    ] as never);
    const text = html.replace(/<[^>]*>/g, ' ');
    expect(text).not.toContain('·');
    const facts = [...html.matchAll(/<ul class="message-facts[^"]*">([\s\S]*?)<\/ul>/g)].map((m) => (m[1]!.match(/<li/g) ?? []).length);
    expect(facts).toEqual([2, 2]); // queued + sent; queued + attempts
  });
});
