export * from './subscription-state.js';
export * from './regions.js';
export * from './registration.js';
