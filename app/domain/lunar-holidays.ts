/**
 * Iran's official lunar holidays (issue 23, "Iran's official calendar") for Solar Hijri years 1404–1406, seeded once
 * per year into the holiday list (app/models/lunar-holidays.server.ts); admins keep the list from then on and
 * correct a date when the moon is sighted a day late (settings page: delete the date, add the right one).
 *
 * Where the dates come from, year by year (`source`), and which were computed rather than read from a published
 * calendar (`computed: true`: check these first when the official calendar of that year is out):
 * - The official calendar is the one of the Calendar Centre of the Institute of Geophysics, University of Tehran,
 *   approved by the Public Culture Council (شورای فرهنگ عمومی), as reported by the Iranian press.
 * - Computed dates: the Hijri day by Intl's `islamic-umalqura` calendar, moved to agree with the days the official
 *   calendar of the year already fixes (Iran's months often start a day after Umm al-Qura's). They can be a day off.
 *
 * Dates are Tehran civil days, Gregorian `YYYY-MM-DD`, the form the `holidays` table keeps for one-off days.
 */

/** The official lunar holidays, by their Hijri day; `endOfSafar` is the last day of Safar (29 or 30). */
export const LUNAR_OCCASIONS = {
  tasua: { hijri: [1, 9], nameFa: 'تاسوعای حسینی', nameEn: 'Tasua' },
  ashura: { hijri: [1, 10], nameFa: 'عاشورای حسینی', nameEn: 'Ashura' },
  arbaeen: { hijri: [2, 20], nameFa: 'اربعین حسینی', nameEn: 'Arbaeen' },
  prophetPassing: { hijri: [2, 28], nameFa: 'رحلت حضرت رسول اکرم (ص) و شهادت امام حسن مجتبی (ع)', nameEn: "The Prophet's passing and Imam Hasan's martyrdom" },
  imamReza: { hijri: [2, 30], nameFa: 'شهادت امام رضا (ع)', nameEn: "Imam Reza's martyrdom" },
  imamAskari: { hijri: [3, 8], nameFa: 'شهادت امام حسن عسکری (ع)', nameEn: "Imam Hasan Askari's martyrdom" },
  prophetBirthday: { hijri: [3, 17], nameFa: 'میلاد حضرت رسول اکرم (ص) و امام جعفر صادق (ع)', nameEn: "Birthday of the Prophet and of Imam Sadiq" },
  fatima: { hijri: [6, 3], nameFa: 'شهادت حضرت فاطمه زهرا (س)', nameEn: "Lady Fatima's martyrdom" },
  imamAliBirthday: { hijri: [7, 13], nameFa: 'ولادت امام علی (ع)', nameEn: "Imam Ali's birthday" },
  mabath: { hijri: [7, 27], nameFa: 'مبعث حضرت رسول اکرم (ص)', nameEn: "Mab'ath (the Prophet's mission)" },
  mahdi: { hijri: [8, 15], nameFa: 'ولادت حضرت قائم (عج)', nameEn: "Imam Mahdi's birthday" },
  imamAliMartyrdom: { hijri: [9, 21], nameFa: 'شهادت امام علی (ع)', nameEn: "Imam Ali's martyrdom" },
  fitr: { hijri: [10, 1], nameFa: 'عید سعید فطر', nameEn: 'Eid al-Fitr' },
  fitrAfter: { hijri: [10, 2], nameFa: 'تعطیل به مناسبت عید سعید فطر', nameEn: 'Holiday after Eid al-Fitr' },
  imamSadiq: { hijri: [10, 25], nameFa: 'شهادت امام جعفر صادق (ع)', nameEn: "Imam Sadiq's martyrdom" },
  adha: { hijri: [12, 10], nameFa: 'عید سعید قربان', nameEn: 'Eid al-Adha (Qurban)' },
  ghadir: { hijri: [12, 18], nameFa: 'عید سعید غدیر خم', nameEn: 'Eid al-Ghadir' },
} as const satisfies Record<string, { hijri: readonly [number, number]; nameFa: string; nameEn: string }>;

export type LunarOccasion = keyof typeof LUNAR_OCCASIONS;

export interface LunarHolidayDay {
  date: string;
  occasion: LunarOccasion;
  /** Not read from a published calendar: computed (see the file's comment). */
  computed: boolean;
}

export interface LunarHolidayYear {
  solarYear: number;
  source: string;
  days: readonly LunarHolidayDay[];
}

const day = (date: string, occasion: LunarOccasion, computed = false): LunarHolidayDay => ({ date, occasion, computed });

export const LUNAR_HOLIDAYS: readonly LunarHolidayYear[] = [
  {
    solarYear: 1404,
    source:
      'Official calendar 1404 (Institute of Geophysics, University of Tehran; Public Culture Council), as listed in the press ' +
      '(e.g. gardshgar.com/holiday-1404, eghtesadonline.com «تقویم دی ۱۴۰۴», esfahanemrooz.ir «تقویم شهریور ۱۴۰۴»). ' +
      'Days marked computed follow from the published days around them (29 Esfand 1404 = 30 Ramadan 1447 is published).',
    days: [
      day('2025-03-22', 'imamAliMartyrdom'), // 2 Farvardin
      day('2025-03-31', 'fitr'), // 11 Farvardin
      day('2025-04-01', 'fitrAfter'), // 12 Farvardin
      day('2025-04-24', 'imamSadiq'), // 4 Ordibehesht
      day('2025-06-06', 'adha'), // 16 Khordad
      day('2025-06-14', 'ghadir'), // 24 Khordad
      day('2025-07-05', 'tasua'), // 14 Tir
      day('2025-07-06', 'ashura'), // 15 Tir
      day('2025-08-14', 'arbaeen'), // 23 Mordad
      day('2025-08-22', 'prophetPassing'), // 31 Mordad
      day('2025-08-24', 'imamReza'), // 2 Shahrivar
      day('2025-09-01', 'imamAskari', true), // 10 Shahrivar
      day('2025-09-10', 'prophetBirthday', true), // 19 Shahrivar
      day('2025-11-24', 'fatima', true), // 3 Azar
      day('2026-01-03', 'imamAliBirthday'), // 13 Dey
      day('2026-01-17', 'mabath'), // 27 Dey
      day('2026-02-04', 'mahdi', true), // 15 Bahman
      day('2026-03-11', 'imamAliMartyrdom', true), // 20 Esfand
    ],
  },
  {
    solarYear: 1405,
    source:
      'Official calendar 1405 (Public Culture Council, published October 2025), as reported by ILNA (ilna.ir news 1707051, ' +
      '«سال ۱۴۰۵ چند روز تعطیل رسمی دارد»): days from Farvardin to Tir as published; the rest computed with Intl ' +
      'islamic-umalqura, which agrees with the published Farvardin–Tir days and with the published count of holidays per month.',
    days: [
      day('2026-03-21', 'fitr'), // 1 Farvardin
      day('2026-03-22', 'fitrAfter'), // 2 Farvardin
      day('2026-04-14', 'imamSadiq', true), // 25 Farvardin
      day('2026-05-27', 'adha'), // 6 Khordad
      day('2026-06-04', 'ghadir'), // 14 Khordad
      day('2026-06-24', 'tasua'), // 3 Tir
      day('2026-06-25', 'ashura'), // 4 Tir
      day('2026-08-03', 'arbaeen', true), // 12 Mordad
      day('2026-08-11', 'prophetPassing', true), // 20 Mordad
      day('2026-08-13', 'imamReza', true), // 22 Mordad (30 Safar)
      day('2026-08-21', 'imamAskari', true), // 30 Mordad
      day('2026-08-30', 'prophetBirthday', true), // 8 Shahrivar
      day('2026-11-13', 'fatima', true), // 22 Aban
      day('2026-12-22', 'imamAliBirthday', true), // 1 Dey
      day('2027-01-05', 'mabath', true), // 15 Dey
      day('2027-01-23', 'mahdi', true), // 3 Bahman
      day('2027-02-28', 'imamAliMartyrdom', true), // 9 Esfand
      day('2027-03-09', 'fitr', true), // 18 Esfand
      day('2027-03-10', 'fitrAfter', true), // 19 Esfand
    ],
  },
  {
    solarYear: 1406,
    source:
      'No official calendar 1406 found published yet: every day computed with Intl islamic-umalqura (Iran may keep a ' +
      'day later). Check against the Institute of Geophysics calendar when it is out.',
    days: [
      day('2027-04-02', 'imamSadiq', true), // 13 Farvardin
      day('2027-05-16', 'adha', true), // 26 Ordibehesht
      day('2027-05-24', 'ghadir', true), // 3 Khordad
      day('2027-06-14', 'tasua', true), // 24 Khordad
      day('2027-06-15', 'ashura', true), // 25 Khordad
      day('2027-07-24', 'arbaeen', true), // 2 Mordad
      day('2027-08-01', 'prophetPassing', true), // 10 Mordad
      day('2027-08-02', 'imamReza', true), // 11 Mordad (29 Safar, the month's last day)
      day('2027-08-10', 'imamAskari', true), // 19 Mordad
      day('2027-08-19', 'prophetBirthday', true), // 28 Mordad
      day('2027-11-02', 'fatima', true), // 11 Aban
      day('2027-12-11', 'imamAliBirthday', true), // 20 Azar
      day('2027-12-25', 'mabath', true), // 4 Dey
      day('2028-01-12', 'mahdi', true), // 22 Dey
      day('2028-02-17', 'imamAliMartyrdom', true), // 28 Bahman
      day('2028-02-26', 'fitr', true), // 7 Esfand
      day('2028-02-27', 'fitrAfter', true), // 8 Esfand
    ],
  },
];

/** The rows of one year, as the `holidays` table keeps them (one-off dates with their names). */
export function holidayRows(year: LunarHolidayYear): { date: string; nameFa: string; nameEn: string }[] {
  return year.days.map((d) => ({ date: d.date, nameFa: LUNAR_OCCASIONS[d.occasion].nameFa, nameEn: LUNAR_OCCASIONS[d.occasion].nameEn }));
}
