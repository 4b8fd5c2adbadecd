import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, loadEnvironment } from './load-environment.js';

describe('loadEnvironment', () => {
  it('gives the zero-setup defaults for an empty environment', () => {
    const config = loadEnvironment({});
    expect(config.API_PORT).toBe(3000);
    expect(config.TEMPORAL_NAMESPACE).toBe('default');
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('converts numbers and keeps given values', () => {
    const config = loadEnvironment({ API_PORT: '8080', DATABASE_URL: 'postgres://u:p@db:5432/ca' });
    expect(config.API_PORT).toBe(8080);
    expect(config.DATABASE_URL).toBe('postgres://u:p@db:5432/ca');
  });

  it('names the bad variable and the value it got', () => {
    expect(() => loadEnvironment({ API_PORT: 'eighty' })).toThrow(/API_PORT must be a port number between 1 and 65535 \(got "eighty"\)/);
    expect(() => loadEnvironment({ TEMPORAL_ADDRESS: 'nohostport' })).toThrow(/TEMPORAL_ADDRESS must be host:port/);
    expect(() => loadEnvironment({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('reports every problem at once, and the variables a process requires', () => {
    try {
      loadEnvironment({ API_PORT: '0' }, ['DATABASE_URL']);
      throw new Error('expected a ConfigurationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      const problems = (error as ConfigurationError).problems.join('\n');
      expect(problems).toMatch(/API_PORT/);
      expect(problems).toMatch(/DATABASE_URL is required/);
    }
  });
});
