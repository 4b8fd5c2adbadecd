export * from './subscription-state.js';
export * from './regions.js';
export * from './registration.js';
export * from './revocation-reasons.js';
export * from './certificate-profiles.js';
