import type { SerializeFrom } from '@remix-run/node';
import { useTranslation } from 'react-i18next';
import type { inboxPageData } from '~/routes/staff.inbox/data.server';

export type InboxData = SerializeFrom<typeof inboxPageData>;

/** The inbox's data with what its sections derive from it: the language, province names, whether a filter is set. */
export function useInboxPage(data: InboxData) {
  const { query, province, provinces } = data;
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const fa = locale === 'fa';
  const provinceName = new Map(provinces.map((p) => [p.id, fa ? p.nameFa : p.nameEn]));
  const scope = province ? t('province.named', { name: fa ? province.nameFa : province.nameEn }) : t('province.national');
  const filtered = Boolean(
    query.q || query.province || query.state || query.kind || query.center || query.area || query.service || query.channel || query.all || query.overdue || query.assignee !== undefined || query.from.text || query.to.text,
  );
  return { ...data, data, locale, fa, provinceName, scope, filtered } as const;
}

export type InboxPage = ReturnType<typeof useInboxPage>;
