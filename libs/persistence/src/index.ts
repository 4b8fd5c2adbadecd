export * from './entities/index.js';
export * from './data-source.js';
export * from './migrate.js';
export { MIGRATIONS } from './migrations/index.js';
export * from './schema-drift.js';
export * from './subscription-projection.js';
export * from './registration-claims.js';
export * from './persistence.module.js';
