/*
 * Installs the service worker (/sw.js: the offline page, never a page's content) where the browser has them, once
 * the page has loaded, and tells it this page's language and build, so that without a connection it shows the
 * offline page in the same language and takes a fresh copy after a new deployment. Pages never depend on it.
 *
 * A static file, not part of the app's bundle, so that pages without the bundle (the home page) install it too;
 * app/root.tsx includes it on every page but the offline page, with the build in `data-build`. Allowed by the CSP
 * as a script of this origin ('self'), so it needs no nonce.
 */
(function () {
  if (!('serviceWorker' in navigator)) return;
  var build = (document.currentScript && document.currentScript.getAttribute('data-build')) || undefined;
  function start() {
    navigator.serviceWorker
      .register('/sw.js', { scope: '/' })
      .then(function () {
        return navigator.serviceWorker.ready;
      })
      .then(function (registration) {
        if (registration.active) registration.active.postMessage({ type: 'page', lang: document.documentElement.lang, build: build });
      })
      .catch(function () {}); // no service worker (private mode, blocked by policy): the site works the same
  }
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
})();
