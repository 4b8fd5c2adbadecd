export * from './canonical-json.js';
export * from './audit-chain.js';
export * from './audit-log.js';
