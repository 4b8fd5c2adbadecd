export * from './environment.js';
export * from './load-environment.js';
