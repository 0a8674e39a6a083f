/**
 * The Prometheus text exposition format (version 0.0.4) for the few kinds of figure /metrics shows: counters,
 * gauges and one latency histogram. Pure: the registry and the route gather the numbers.
 */

export type Labels = Record<string, string>;

export interface Sample {
  labels: Labels;
  value: number;
}

export interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  samples: Sample[];
}

/** Label values escaped as the format asks: backslash, double quote and newline. */
const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

function labelText(labels: Labels): string {
  const entries = Object.entries(labels);
  return entries.length === 0 ? '' : `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

const number = (value: number) => (Number.isFinite(value) ? String(value) : value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN');

export function renderFamilies(families: readonly Family[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${family.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      // Histogram samples carry their own suffix (_bucket, _sum, _count) in a `__suffix` label.
      const { __suffix: suffix = '', ...labels } = sample.labels;
      lines.push(`${family.name}${suffix}${labelText(labels)} ${number(sample.value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Upper bounds (seconds) of the request latency histogram. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/**
 * The first path segments the portal answers (its routes' and its static files'): each is a label of its own.
 * tests/security/metrics-labels.test.ts checks every route file is listed here.
 */
export const PATH_GROUPS: ReadonlySet<string> = new Set([
  'api', 'centers', 'feedback', 'healthz', 'metrics', 'offline', 'privacy', 'services', 'staff', 'stats', 'track',
  // Static: the build's assets, fonts, icons, the service worker, the manifest.
  'build', 'fonts', 'icons', 'favicon.svg', 'manifest.webmanifest', 'sw.js', 'sw-register.js',
]);

/**
 * A label for a request path that keeps the number of series small and bounded: its first segment when it is one
 * the portal answers (`/staff`, `/track`), else `/other`, so a scanner's thousand made-up paths make one series.
 */
export function pathGroup(pathname: string): string {
  const first = (pathname.split('/')[1] ?? '').toLowerCase();
  if (first === '') return '/';
  return PATH_GROUPS.has(first) ? `/${first}` : '/other';
}
