import { createContext, useContext } from 'react';

/** The per-request CSP nonce, set by the server; the browser hides it from scripts, so on the client it is empty. */
export const NonceContext = createContext('');
export const useNonce = () => useContext(NonceContext);
