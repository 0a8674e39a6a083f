/**
 * Storage faults (app/domain/faults.ts) turned into answers, in one place: Remix loaders and actions are wrapped
 * (withFaultAnswers, used by server.ts) so a fault thrown anywhere in them becomes a thrown 503 that the root error
 * boundary shows as "the service is busy"; Open311, the SMS webhook, the feedback form and the staff item page (which
 * keep what was typed) use asFault themselves, as does the in-process worker. What happened recently is kept for /healthz.
 */
import type { ServerBuild } from '@remix-run/node';
import { statfsSync } from 'node:fs';
import { FAULT_RETRY_AFTER_SECONDS, faultKind, type FaultKind } from '../domain/faults';

/**
 * Kept on globalThis: server.ts imports this module from source (withFaultAnswers) and the Remix build bundles its
 * own copy (routes, /healthz); both must see the same record.
 */
const store = globalThis as typeof globalThis & {
  __didehbanFaults?: { lastSeen: Record<FaultKind, number | null>; lastLogged: Record<FaultKind, number> };
};
const { lastSeen, lastLogged } = (store.__didehbanFaults ??= { lastSeen: { busy: null, full: null, io: null }, lastLogged: { busy: 0, full: 0, io: 0 } });

/** Records a fault for /healthz and logs it (at most once a minute per kind: a locked database fails every write). */
export function noteFault(kind: FaultKind, error: unknown, now = Date.now()) {
  lastSeen[kind] = now;
  if (now - lastLogged[kind] < 60_000) return;
  lastLogged[kind] = now;
  const message = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  console.warn(`[faults] ${kind}: ${message} (answering 503 + Retry-After)`);
}

/** The fault kind of `error`, recorded; null (nothing recorded) for any other error. */
export function asFault(error: unknown): FaultKind | null {
  const kind = faultKind(error);
  if (kind) noteFault(kind, error);
  return kind;
}

/** When each kind of fault was last met in this process (null: never). */
export function recentFaults(): Record<FaultKind, Date | null> {
  const at = (ms: number | null) => (ms === null ? null : new Date(ms));
  return { busy: at(lastSeen.busy), full: at(lastSeen.full), io: at(lastSeen.io) };
}

export function resetFaultsForTests() {
  for (const kind of ['busy', 'full', 'io'] as const) {
    lastSeen[kind] = null;
    lastLogged[kind] = 0;
  }
}

export const retryAfterHeaders = () => ({ 'Retry-After': String(FAULT_RETRY_AFTER_SECONDS) });

/**
 * Free space for unprivileged writers on the disk holding `folder` (statfs; no I/O beyond the call); null when it
 * cannot be read (a data folder not created yet), which /healthz must survive.
 */
export function freeDiskBytes(folder: string): number | null {
  try {
    const stats = statfsSync(folder);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

type Handler = (args: never) => unknown;

function answeringFaults<T extends Handler | undefined>(handler: T): T {
  if (!handler) return handler;
  return (async (args: never) => {
    try {
      return await handler(args);
    } catch (error) {
      const kind = error instanceof Response ? null : asFault(error);
      if (!kind) throw error;
      // Thrown, so the route's error boundary renders it (root.tsx shows the busy page for a 503).
      throw new Response(JSON.stringify({ fault: kind }), {
        status: 503,
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...retryAfterHeaders() },
      });
    }
  }) as T;
}

/** The build with every route's loader and action answering storage faults with a thrown 503 + Retry-After. */
export function withFaultAnswers(build: ServerBuild): ServerBuild {
  const routes: ServerBuild['routes'] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const module = { ...route.module };
    if (module.loader) module.loader = answeringFaults(module.loader);
    if (module.action) module.action = answeringFaults(module.action);
    routes[id] = { ...route, module };
  }
  return { ...build, routes };
}
