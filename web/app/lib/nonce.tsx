import { createContext, useContext, type ReactNode } from 'react';

/** The content-security-policy nonce of this response, for the inline scripts Remix renders. Empty in the browser. */
const NonceContext = createContext('');

export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>;
}

export const useNonce = () => useContext(NonceContext);
