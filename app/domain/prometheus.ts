/**
 * The label sets of /metrics, kept closed so the number of series stays bounded whatever clients send: prom-client
 * (app/services/metrics.server.ts) renders the text, these rules choose the labels. No label value ever comes
 * from client input unmapped.
 */

/** Upper bounds (seconds) of the request latency histogram. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/** The methods counted by name; any other (a made-up verb) counts as `OTHER`. */
const METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export function methodLabel(method: string): string {
  return METHODS.has(method) ? method : 'OTHER';
}

/** Outbox statuses shown: waiting to go out, and given up on after every retry (`sent` is history, not a backlog). */
export const OUTBOX_STATUSES = ['pending', 'dead'] as const;

/**
 * The first path segments the portal answers (its routes' and its static files'): each is a label of its own.
 * tests/security/metrics-labels.test.ts checks every route file is listed here.
 */
export const PATH_GROUPS: ReadonlySet<string> = new Set([
  'api', 'centers', 'feedback', 'healthz', 'metrics', 'offline', 'privacy', 'services', 'staff', 'stats', 'track',
  // Static: the build's assets, fonts, icons, the service worker, the manifest, the citizen pages' script.
  'build', 'fonts', 'icons', 'favicon.svg', 'manifest.webmanifest', 'sw.js', 'sw-register.js', 'citizen.js',
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
