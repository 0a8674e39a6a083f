/**
 * The walls of eslint.config.js hold: a file that crosses one is an error naming both layers, whichever way the
 * import is spelled (the `~/` alias, a relative path, a package). If the resolver stopped resolving `~/`, the
 * folder walls would pass every import unseen: these cases would then fail.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** The wall messages ESLint gives `code` as if it were the file at `filePath` (the file need not exist). */
async function walls(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => /restricted/.test(m.ruleId ?? '') || m.fatal).map((m) => m.message);
}

describe('eslint walls', () => {
  it('domain imports no models, db, services, platform, Remix, React, drizzle or node storage', async () => {
    const messages = await walls(
      'app/domain/probe.ts',
      [
        "import { itemsByState } from '~/models/stats.server';",
        "import { connect } from '../../db/client';",
        "import { recordRequest } from '../services/metrics.server';",
        "import { db } from '~/platform/db.server';",
        "import { json } from '@remix-run/node';",
        "import { useState } from 'react';",
        "import { eq } from 'drizzle-orm';",
        "import { readFileSync } from 'node:fs';",
        'export const all = [itemsByState, connect, recordRequest, db, json, useState, eq, readFileSync];',
      ].join('\n'),
    );
    for (const layer of ['models', 'db', 'services', 'platform', 'Remix', 'React', 'drizzle', 'node-only storage']) {
      expect(messages.some((m) => m.includes(`domain must not import ${layer}`))).toBe(true);
    }
  });

  it('components import no models (not even a type) and no *.server module', async () => {
    const messages = await walls(
      'app/components/probe.tsx',
      "import type { BreakdownRow } from '~/models/dashboard.server';\nimport { getConfig } from '../platform/config.server';\nexport type R = BreakdownRow;\nexport const c = getConfig;",
    );
    expect(messages.some((m) => m.includes('components must not import models'))).toBe(true);
    expect(messages.some((m) => m.includes('components must not import a *.server module'))).toBe(true);
  });

  it('models import no services; routes no drizzle and no db/; db/ nothing from app/ but app/domain', async () => {
    expect(await walls('app/models/probe.server.ts', "import { send } from '../services/notify.server';\nexport const s = send;")).toEqual([
      expect.stringContaining('models must not import services'),
    ]);
    const route = await walls('app/routes/probe.ts', "import { sql } from 'drizzle-orm';\nimport { items } from '../../db/schema';\nexport const q = [sql, items];");
    expect(route).toEqual([expect.stringContaining('routes must not import drizzle'), expect.stringContaining('routes must not import db/')]);
    expect(await walls('db/probe.ts', "import { ITEM_STATES } from '../app/domain/workflow';\nimport { db } from '../app/platform/db.server';\nexport const s = [ITEM_STATES, db];")).toEqual([
      expect.stringContaining('db must not import app/ except app/domain'),
    ]);
  });

  it('the layers’ allowed imports pass', async () => {
    expect(await walls('app/services/probe.server.ts', "import { itemsByState } from '~/models/stats.server';\nimport { pathGroup } from '../domain/prometheus';\nexport const s = [itemsByState, pathGroup];")).toEqual([]);
    expect(await walls('app/components/probe.tsx', "import { formatNumber } from '~/domain/dates';\nimport { translator } from '~/i18n/translate';\nexport const c = [formatNumber, translator];")).toEqual([]);
  });
});
