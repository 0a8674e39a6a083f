/**
 * `invariantResponse(condition, message, init)`: throws a Response (404 by default) when the condition is false,
 * as in the Epic Stack; a loader or action says "not found" in one line, and TypeScript narrows after it.
 */
export function invariantResponse(condition: unknown, message: string | (() => string) = 'Not Found', init?: ResponseInit): asserts condition {
  if (condition) return;
  throw new Response(typeof message === 'function' ? message() : message, { status: 404, ...init });
}
