import { describe, expect, it } from 'vitest';
import { sortByName, splitTrailingNote } from '~/domain/names';

const provinces = [
  { id: 'ir-23', nameFa: 'تهران', nameEn: 'Tehran' },
  { id: 'ir-00', nameFa: 'مرکزی', nameEn: 'Markazi' },
  { id: 'ir-04', nameFa: 'اصفهان', nameEn: 'Isfahan' },
  { id: 'ir-03', nameFa: 'آذربایجان شرقی', nameEn: 'East Azerbaijan' },
  { id: 'ir-25', nameFa: 'قم', nameEn: 'Qom' },
  { id: 'ir-29', nameFa: 'خراسان جنوبی', nameEn: 'South Khorasan' },
  { id: 'ir-16', nameFa: 'کردستان', nameEn: 'Kurdistan' },
  { id: 'ir-27', nameFa: 'گلستان', nameEn: 'Golestan' },
  { id: 'ir-06', nameFa: 'بوشهر', nameEn: 'Bushehr' },
];

describe('sortByName', () => {
  it('orders by the Persian alphabet on fa pages (آ ا ب ت خ ق ک گ م), not by code', () => {
    expect(sortByName(provinces, 'fa').map((p) => p.nameFa)).toEqual([
      'آذربایجان شرقی',
      'اصفهان',
      'بوشهر',
      'تهران',
      'خراسان جنوبی',
      'قم',
      'کردستان',
      'گلستان',
      'مرکزی',
    ]);
  });

  it('orders by the English name on en pages, leaving the input as it was', () => {
    const before = provinces.map((p) => p.id);
    expect(sortByName(provinces, 'en').map((p) => p.nameEn)).toEqual([
      'Bushehr',
      'East Azerbaijan',
      'Golestan',
      'Isfahan',
      'Kurdistan',
      'Markazi',
      'Qom',
      'South Khorasan',
      'Tehran',
    ]);
    expect(provinces.map((p) => p.id)).toEqual(before);
  });
});

describe('a name with a bracketed note (the staff bar writes one bracket, not two in a row)', () => {
  it('splits the note off the end', () => {
    expect(splitTrailingNote('کارشناس تهران (نمایشی)')).toEqual({ name: 'کارشناس تهران', note: 'نمایشی' });
    expect(splitTrailingNote('Sara Ahmadi (demo) ')).toEqual({ name: 'Sara Ahmadi', note: 'demo' });
  });
  it('leaves other names whole', () => {
    expect(splitTrailingNote('مریم کریمی')).toEqual({ name: 'مریم کریمی', note: null });
    expect(splitTrailingNote('(نمایشی)')).toEqual({ name: '(نمایشی)', note: null });
    expect(splitTrailingNote('الف (ب) ج')).toEqual({ name: 'الف (ب) ج', note: null });
  });
});
