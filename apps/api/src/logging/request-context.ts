import { AsyncLocalStorage } from 'node:async_hooks';

/** The request being served, so that Nest's log lines written during it carry its id. */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();
