export * from './temporal-client.module.js';
