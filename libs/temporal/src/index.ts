export * from './temporal-client.module.js';
export * from './encryption-codec.js';
export * from './data-converter.js';
