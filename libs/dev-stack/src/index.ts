// Local stand-ins for production servers: the real Temporal dev server and an embedded
// PostgreSQL. Used by `npm start` (zero-setup) and the integration tests; never in production.
export * from './embedded-database.js';
export * from './free-port.js';
export * from './project-root.js';
export * from './temporal-cli.js';
export * from './temporal-dev-server.js';
export * from './softhsm.js';
