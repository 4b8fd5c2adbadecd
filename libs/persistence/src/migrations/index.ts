import { InitialSchema1764403200000 } from './1764403200000-initial-schema.js';

/** In order of application. A new migration is appended here. */
export const MIGRATIONS = [InitialSchema1764403200000];
