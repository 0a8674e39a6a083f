import { describe, expect, it } from 'vitest';
import { invariantResponse } from '~/platform/invariant.server';

/** What a loader that says "not found" in one line answers: the status and body the error pages and tests rely on. */
describe('invariantResponse', () => {
  it('does nothing when the condition holds', () => {
    expect(() => invariantResponse(1)).not.toThrow();
  });

  it('throws a 404 "Not Found" Response by default', async () => {
    const thrown = catchThrown(() => invariantResponse(null));
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
    expect(await (thrown as Response).text()).toBe('Not Found');
  });

  it('takes another message and status', async () => {
    const thrown = catchThrown(() => invariantResponse(false, () => 'Gone', { status: 410 })) as Response;
    expect(thrown.status).toBe(410);
    expect(await thrown.text()).toBe('Gone');
  });
});

function catchThrown(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}
