// react-dom ships its web-stream renderer as `react-dom/server.browser`; @types/react-dom types it under
// `react-dom/server` (see app/entry.server.tsx for why the server uses it).
declare module 'react-dom/server.browser' {
  export { renderToReadableStream } from 'react-dom/server';
}
