/**
 * A national catalogue of centres for the page bench: the real network has about 3,000 neighbourhood centres, the
 * demo seed 88. Fills a fresh database the way the server prepares one at its first start (migrated, reference data,
 * the demo seed with its 88 centres, staff and items), then adds generated centres until the catalogue holds
 * `--centers` (3,000), spread over the 31 provinces in proportion to their population (two thirds by the 2016
 * census, one third an equal share, so a small province still has some: Khorasan Razavi gets 193, Tehran 364,
 * Ilam 47), each with services and, for about seven in ten, a programme, like the demo's. Deterministic (seeded
 * random): the same arguments give the same catalogue. Never point this at a real database.
 *
 *   npx tsx bench/catalogue.ts --db /tmp/bench-cat/didehban.sqlite --centers 3000
 *
 * Names and addresses are Persian (with English beside them, as the schema wants): the province's demo centres
 * give the cities, operators, phone prefixes and opening hours; the neighbourhoods, streets and centre names come
 * from the lists below. Invented, like the demo's.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { migrateDatabase, openDatabase } from '../db/client';
import { prepareDatabase } from '../app/seed/index';
import * as demo from '../app/seed/demo-data';
import { rebuildCenterSearch } from '../app/models/center-search.server';
import { toPersianDigits } from '../app/domain/persian';
import { mulberry32 } from '../tests/support/prng';

const DAY = 86_400_000;

/** 2016 census population in thousands, by ISO 3166-2:IR code (the order of demo.provinces). */
const POPULATION: Record<string, number> = {
  'IR-00': 1429, 'IR-01': 2531, 'IR-02': 3283, 'IR-03': 3909, 'IR-04': 3265, 'IR-05': 1952, 'IR-06': 4710, 'IR-07': 4851,
  'IR-08': 3165, 'IR-09': 6434, 'IR-10': 5120, 'IR-11': 2775, 'IR-12': 1603, 'IR-13': 1738, 'IR-14': 947, 'IR-15': 1760,
  'IR-16': 580, 'IR-17': 713, 'IR-18': 1163, 'IR-19': 1057, 'IR-20': 702, 'IR-21': 1138, 'IR-22': 1776, 'IR-23': 13267,
  'IR-24': 1270, 'IR-25': 1292, 'IR-26': 1273, 'IR-27': 1868, 'IR-28': 863, 'IR-29': 768, 'IR-30': 2712,
};

const NAMES: [string, string][] = [
  ['امید', 'Omid'], ['مهر', 'Mehr'], ['شکوفه', 'Shokufeh'], ['نسیم', 'Nasim'], ['بهار', 'Bahar'], ['آفتاب', 'Aftab'],
  ['یاس', 'Yas'], ['رویش', 'Ruyesh'], ['همدلی', 'Hamdeli'], ['مهرگان', 'Mehregan'], ['سپیده', 'Sepideh'], ['آرامش', 'Aramesh'],
  ['نور', 'Nur'], ['باران', 'Baran'], ['پرستو', 'Parastu'], ['افق', 'Ofogh'], ['زندگی نو', 'Zendegi-ye No'], ['ترنم', 'Tarannom'],
];
const NEIGHBOURHOODS: [string, string][] = [
  ['کوی فرهنگیان', 'Kuy-e Farhangian'], ['شهرک ولیعصر', 'Shahrak-e Valiasr'], ['محله بازار', 'Bazaar quarter'],
  ['کوی کارمندان', 'Kuy-e Karmandan'], ['شهرک بهاران', 'Shahrak-e Baharan'], ['محله سرچشمه', 'Sarcheshmeh'],
  ['کوی مدرس', 'Kuy-e Modarres'], ['شهرک صنعتی', 'Industrial town'], ['محله امامزاده', 'Emamzadeh quarter'],
  ['کوی طالقانی', 'Kuy-e Taleqani'], ['شهرک شهید بهشتی', 'Shahrak-e Shahid Beheshti'], ['محله جهاد', 'Jahad quarter'],
  ['کوی آزادی', 'Kuy-e Azadi'], ['شهرک گلستان', 'Shahrak-e Golestan'], ['محله نو', 'Mahalleh-ye No'], ['کوی زینبیه', 'Kuy-e Zeynabiyeh'],
  ['حاشیه شهر — کوی رسالت', 'Kuy-e Resalat (outskirts)'], ['کوی انقلاب', 'Kuy-e Enqelab'], ['محله قدیم', 'Old quarter'],
  ['شهرک فجر', 'Shahrak-e Fajr'],
];
const STREETS: [string, string][] = [
  ['امام خمینی', 'Imam Khomeini St'], ['ولیعصر', 'Valiasr St'], ['انقلاب', 'Enqelab St'], ['شهید بهشتی', 'Shahid Beheshti St'],
  ['طالقانی', 'Taleqani St'], ['آزادی', 'Azadi St'], ['مطهری', 'Motahhari St'], ['جمهوری', 'Jomhuri St'], ['کشاورز', 'Keshavarz Blvd'],
  ['فردوسی', 'Ferdowsi St'], ['سعدی', 'Saadi St'], ['حافظ', 'Hafez St'],
];
const ALLEYS: [string, string][] = [
  ['شقایق', 'Shaqayeq'], ['نرگس', 'Narges'], ['لاله', 'Laleh'], ['شهید احمدی', 'Shahid Ahmadi'], ['بوستان', 'Bustan'],
  ['یاس', 'Yas'], ['اقاقیا', 'Aqaqia'], ['مهر', 'Mehr'], ['سرو', 'Sarv'], ['گلستان', 'Golestan'],
];

/** Centres per province for a catalogue of `total`, by the largest remainder (the counts add up to `total`). */
export function provinceQuotas(total: number): Map<string, number> {
  const codes = demo.provinces.map((p) => p.code);
  const people = codes.reduce((n, c) => n + POPULATION[c]!, 0);
  const share = (c: string) => (2 / 3) * (POPULATION[c]! / people) + (1 / 3) / codes.length;
  const exact = codes.map((c) => ({ c, x: share(c) * total }));
  const quotas = new Map(exact.map(({ c, x }) => [c, Math.floor(x)]));
  let left = total - [...quotas.values()].reduce((a, b) => a + b, 0);
  for (const { c } of [...exact].sort((a, b) => (b.x % 1) - (a.x % 1))) {
    if (left-- <= 0) break;
    quotas.set(c, quotas.get(c)! + 1);
  }
  return quotas;
}

export interface CatalogueResult {
  centers: number;
  added: number;
  programmes: number;
  seconds: number;
}

/** Creates `file` (which must not exist) holding the demo seed plus generated centres up to `total`. */
export async function buildCatalogue(file: string, total = 3000, now = new Date()): Promise<CatalogueResult> {
  const started = performance.now();
  if (existsSync(file)) throw new Error(`${file} exists: the catalogue is built into a fresh database only`);
  const db = openDatabase(file);
  migrateDatabase(db);
  await prepareDatabase(db, { demoData: true, now });
  const sqlite = db.$client;
  sqlite.pragma('synchronous = OFF'); // thrown away if the process dies

  const random = mulberry32(0xca7a1090);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const serviceIds = new Map((sqlite.prepare('SELECT id, slug FROM services').all() as { id: number; slug: string }[]).map((s) => [s.slug, s.id]));
  const existing = sqlite.prepare('SELECT province_id AS p, count(*) AS n FROM centers GROUP BY province_id').all() as { p: string; n: number }[];
  const have = new Map(existing.map((r) => [r.p, r.n]));

  const insertCenter = sqlite.prepare(`INSERT INTO centers (province_id, program, name_fa, name_en, operator_fa, operator_en, city_fa, city_en,
      neighbourhood_fa, neighbourhood_en, address_fa, address_en, phone, hours_fa, hours_en, is_demo, active, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1, ?)`);
  const insertLink = sqlite.prepare('INSERT OR IGNORE INTO center_services (center_id, service_id) VALUES (?, ?)');
  const insertProgramme = sqlite.prepare(`INSERT INTO programmes (center_id, title_fa, title_en, description_fa, description_en, starts_at, duration_minutes)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);

  let added = 0;
  let programmes = 0;
  sqlite.transaction(() => {
    for (const [code, quota] of provinceQuotas(total)) {
      const id = code.toLowerCase();
      const templates = demo.centers.filter((c) => c.provinceCode === code);
      if (templates.length === 0) throw new Error(`no demo centre in ${code} to take cities from`);
      for (let i = have.get(id) ?? 0; i < quota; i++) {
        const place = pick(templates); // city, operator, phone prefix, hours of a demo centre of this province
        const program = random() < 0.6 ? 'mosbat' : 'shoq';
        const offer = pick(demo.centers.filter((c) => c.program === program)); // services a centre of this programme offers
        const [nameFa, nameEn] = pick(NAMES);
        const [hoodFa, hoodEn] = pick(NEIGHBOURHOODS);
        const [streetFa, streetEn] = pick(STREETS);
        const [alleyFa, alleyEn] = pick(ALLEYS);
        const plate = 1 + Math.floor(random() * 240);
        const alleyNo = 1 + Math.floor(random() * 20);
        const programFa = program === 'mosbat' ? 'مثبت زندگی' : 'شوق زندگی';
        const programEn = program === 'mosbat' ? 'Mosbat-e Zendegi' : 'Shoq-e Zendegi';
        const phone = `${place.phone.split('-')[0]}-${String(30_000_000 + Math.floor(random() * 9_999_999))}`;
        const centerId = Number(
          insertCenter.run(
            id, program,
            `مرکز ${programFa} ${nameFa} — ${hoodFa}، ${place.cityFa}`, `${programEn} Centre ${nameEn} — ${hoodEn}, ${place.cityEn}`,
            place.operatorFa, place.operatorEn, place.cityFa, place.cityEn, hoodFa, hoodEn,
            `خیابان ${streetFa}، کوچه ${alleyFa} ${toPersianDigits(alleyNo)}، پلاک ${toPersianDigits(plate)}`,
            `No. ${plate}, ${alleyEn} ${alleyNo} Alley, ${streetEn}`,
            phone, place.hoursFa, place.hoursEn, now.getTime(),
          ).lastInsertRowid,
        );
        for (const slug of offer.serviceSlugs) {
          const serviceId = serviceIds.get(slug);
          if (serviceId) insertLink.run(centerId, serviceId);
        }
        // The demo has 62 programmes for 88 centres.
        if (random() < 0.7) {
          const p = pick(demo.programmes);
          const startsAt = now.getTime() + (1 + Math.floor(random() * 60)) * DAY + (8 + Math.floor(random() * 10) - 3.5) * 3_600_000;
          insertProgramme.run(centerId, p.titleFa, p.titleEn, p.descriptionFa, p.descriptionEn, Math.round(startsAt), p.durationMinutes);
          programmes++;
        }
        added++;
      }
    }
  }).immediate();
  rebuildCenterSearch(db);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const centers = (sqlite.prepare('SELECT count(*) AS n FROM centers').get() as { n: number }).n;
  sqlite.close();
  return { centers, added, programmes, seconds: (performance.now() - started) / 1000 };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  const get = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
  const file = get('db');
  const total = Number(get('centers') ?? '3000');
  if (!file || !Number.isInteger(total) || total < demo.centers.length) throw new Error('usage: tsx bench/catalogue.ts --db FILE [--centers 3000]');
  const r = await buildCatalogue(file, total);
  console.info(`${r.centers} centres (${r.added} generated, ${r.programmes} programmes) in ${r.seconds.toFixed(1)} s → ${file}`);
  const quotas = provinceQuotas(total);
  console.info(demo.provinces.map((p) => `${p.nameEn} ${quotas.get(p.code)}`).join(', '));
}
