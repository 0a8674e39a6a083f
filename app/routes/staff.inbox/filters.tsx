import { Form } from '@remix-run/react';
import { staffStatusKey } from '~/components/status-badge';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AREAS, AREA_UNKNOWN } from '~/domain/areas';
import { FilterActions, FilterSelect } from '~/components/filter-select';
import { INBOX_SORTS } from '~/domain/inbox-query';
import { CHANNELS, ITEM_KINDS, ITEM_PRIORITIES, ITEM_STATES } from '~/domain/workflow';
import { DayField } from './day-field';
import type { InboxPage } from './page';

/** The search and filters (queue, state, kind, centre, assignee, dates, sort, overdue), a GET form. */
export function InboxFilters({ page }: { page: InboxPage }) {
  const { t } = useTranslation();
  const { data, query, national, provinces, provinceName, centers, assignees, services, fa, locale, filtered } = page;
  const box = useRef<HTMLDetailsElement>(null);
  // Closed as the server sends it, so on a phone the list comes first; opened on a wide screen once JavaScript runs
  // (CSS shows it there already in browsers that style `::details-content`).
  useEffect(() => {
    if (box.current && window.matchMedia('(min-width: 48rem)').matches) box.current.open = true;
  }, []);
  return (
    <details className="inbox-filter-box" ref={box}>
      <summary>{filtered ? t('inbox.filtersSet') : t('inbox.filters')}</summary>
      <Form method="get" className="card filters inbox-filters" role="search" aria-label={t('inbox.filters')}>
        <div className="field">
          <label htmlFor="q">{t('inbox.search')}</label>
          <span className="hint" id="q-hint">
            {t('inbox.searchHint')}
          </span>
          <input type="search" id="q" name="q" defaultValue={query.q} maxLength={200} aria-describedby="q-hint" />
        </div>
        <div className="filter-row">
          {national ? (
            <FilterSelect
              id="province"
              label={t('inbox.queue')}
              value={query.province ?? ''}
              all={t('inbox.allQueues')}
              options={[{ value: 'national', label: t('inbox.nationalQueue') }, ...provinces.map((p) => ({ value: p.id, label: provinceName.get(p.id) }))]}
            />
          ) : null}
          <FilterSelect
            id="state"
            label={t('staff.status')}
            value={query.state ?? ''}
            all={t('inbox.allStates')}
            options={ITEM_STATES.map((s) => ({ value: s, label: t(staffStatusKey(s)) }))}
          />
          <FilterSelect id="kind" label={t('staff.kind')} value={query.kind ?? ''} all={t('inbox.allKinds')} options={ITEM_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
          <div className="field">
            <label htmlFor="center">{t('staff.center')}</label>
            {centers.length > 0 ? (
              <select id="center" name="center" defaultValue={query.center ? String(query.center) : ''}>
                <option value="">{t('inbox.allCenters')}</option>
                {centers.map((c) => (
                  <option key={c.id} value={c.id}>
                    {fa ? c.nameFa : c.nameEn}
                  </option>
                ))}
              </select>
            ) : (
              <select id="center" name="center" disabled aria-describedby="center-hint">
                <option value="">{t('inbox.allCenters')}</option>
              </select>
            )}
            {centers.length === 0 ? (
              <span className="hint" id="center-hint">
                {t('inbox.centerAfterProvince')}
              </span>
            ) : null}
          </div>
          <FilterSelect
            id="area"
            label={t('area.label')}
            value={query.area ?? ''}
            all={t('inbox.allAreas')}
            options={[...AREAS, AREA_UNKNOWN].map((a) => ({ value: a, label: t(`area.${a}`) }))}
          />
          <FilterSelect id="service" label={t('inbox.service')} value={query.service ? String(query.service) : ''} all={t('inbox.allServices')} options={services.map((s) => ({ value: s.id, label: fa ? s.nameFa : s.nameEn }))} />
          <FilterSelect
            id="priority"
            label={t('urgent.inbox.filter')}
            value={query.priority ?? ''}
            all={t('urgent.inbox.any')}
            options={ITEM_PRIORITIES.map((p) => ({ value: p, label: t(`urgent.priority.${p}`) }))}
          />
          <FilterSelect id="channel" label={t('inbox.channel')} value={query.channel ?? ''} all={t('inbox.allChannels')} options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
          <FilterSelect
            id="assignee"
            label={t('inbox.assignee')}
            value={query.assignee === undefined ? '' : String(query.assignee)}
            all={t('inbox.anyone')}
            options={[{ value: 'me', label: t('inbox.me') }, { value: 'none', label: t('inbox.unassigned') }, ...assignees.map((a) => ({ value: a.id, label: a.displayName }))]}
          />
          <DayField name="from" label={t('inbox.from')} text={query.from.text} readAs={data.fromDay} examples={data.dateExamples} locale={locale} />
          <DayField name="to" label={t('inbox.to')} text={query.to.text} readAs={data.toDay} examples={data.dateExamples} locale={locale} />
          <FilterSelect id="sort" label={t('inbox.sort')} value={query.sort} options={INBOX_SORTS.map((s) => ({ value: s, label: t(`inbox.sort_${s}`) }))} />
        </div>
        <div className="field">
          <label className="choice">
            <input type="checkbox" name="overdue" value="1" defaultChecked={query.overdue} />
            <span>{t('inbox.overdueOnly')}</span>
          </label>
          <label className="choice">
            <input type="checkbox" name="all" value="1" defaultChecked={query.all} />
            <span>{t('inbox.includeFinished')}</span>
          </label>
        </div>
        <FilterActions show={t('inbox.show')} clear={t('inbox.clear')} clearTo="/staff/inbox" filtered={filtered} />
      </Form>
    </details>
  );
}
