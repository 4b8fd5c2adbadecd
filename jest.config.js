// Native ESM jest (NestJS 12 is ESM-only; see shared/STACK-NOTES.md). Run through `npm test`,
// which sets NODE_OPTIONS=--experimental-vm-modules.
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  testEnvironment: 'node',
  moduleNameMapper: {
    '^#libs/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
  },
};

export default {
  // Integration tests drive real servers; a unit test never comes near this.
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,workflows,activities}/**/*.spec.ts'],
      testPathIgnorePatterns: ['<rootDir>/apps/web/'],
    },
    {
      // The browser code's pure modules, compiled with the browser's TypeScript settings.
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/apps/web/**/*.spec.ts'],
      transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/apps/web/tsconfig.json' }] },
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.js',
      globalTeardown: '<rootDir>/test/support/global-teardown.js',
    },
  ],
};
