import '@remix-run/node';

declare module '@remix-run/node' {
  interface AppLoadContext {
    cspNonce?: string;
    /** The client's address (express `req.ip`), for rate limits. */
    clientIp?: string;
  }
}
