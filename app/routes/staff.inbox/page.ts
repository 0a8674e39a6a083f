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
  // A national user's heading follows the province filter: every province, one province, or the national queue
  // (outside review, round 8: it read "national office" whatever the filter).
  const named = (name: string) => t('province.named', { name });
  const scope = province
    ? named(fa ? province.nameFa : province.nameEn)
    : query.province === 'national'
      ? t('province.national')
      : query.province
        ? named(provinceName.get(query.province) ?? query.province)
        : null;
  const filtered = Boolean(
    query.q || query.province || query.state || query.kind || query.center || query.area || query.service || query.channel || query.priority || query.all || query.overdue || query.assignee !== undefined || query.from.text || query.to.text,
  );
  return { ...data, data, locale, fa, provinceName, scope, filtered } as const;
}

export type InboxPage = ReturnType<typeof useInboxPage>;
