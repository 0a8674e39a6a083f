import { afterEach, vi } from 'vitest';

// A test that makes the app log an error fails, even when its assertions pass (docs/DESIGN.md §9).
const spy = vi.spyOn(console, 'error');

afterEach(() => {
  const calls = spy.mock.calls;
  spy.mockClear();
  if (calls.length > 0) throw new Error(`console.error was called during the test:\n${calls.map((c) => c.map(String).join(' ')).join('\n')}`);
});
