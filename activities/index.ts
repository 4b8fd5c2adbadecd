export * from './projection.activities.js';
