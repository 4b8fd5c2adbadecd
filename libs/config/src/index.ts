export * from './environment.js';
export * from './load-environment.js';
export * from './nest-log-levels.js';
