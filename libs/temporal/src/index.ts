export * from './temporal-client.module.js';
export * from './encryption-codec.js';
