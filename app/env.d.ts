import '@remix-run/node';

declare module '@remix-run/node' {
  interface AppLoadContext {
    cspNonce?: string;
    /** The client's address (express `req.ip`), for rate limits. */
    clientIp?: string;
    /** The build's asset-manifest version (changes with every deployment that changes the browser's files). */
    buildVersion?: string;
  }
}
