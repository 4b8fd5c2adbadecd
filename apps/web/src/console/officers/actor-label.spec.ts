import { describe, expect, it } from '@jest/globals';
import { rememberStaff } from '../staff-directory.js';
import { actorLabel } from './actor-label.js';

describe('actors of the timeline and the audit log, in words', () => {
  it('names staff by role and the start of their account id, and the others plainly', () => {
    expect(actorLabel('csoec-officer 6a626d8a-106b-470b-a3af-49ed2209a4ea')).toBe('Responsable CSOEC n° 6a626d8a');
    expect(actorLabel('auditor 2a98b6c1-8527-4347-9db1-a7a84ef04cd0')).toBe('Auditeur n° 2a98b6c1');
    expect(actorLabel('croec-agent croec-BRE')).toBe('Agent CROEC croec-BRE');
    expect(actorLabel('holder')).toBe('Le titulaire');
    expect(actorLabel('system (delivery timer)')).toBe('Système (delivery timer)');
    expect(actorLabel('cli root')).toBe('cli root');
    expect(actorLabel('launcher (zero-setup bootstrap)')).toBe('launcher (zero-setup bootstrap)');
  });

  it('names a colleague known to the staff directory', () => {
    rememberStaff([{ actor: 'ecma-operator 0b7a51d2-3f7e-4c55-9a39-1b9c1f0e3a11', login: 'claire.ecma', displayName: 'Claire Martin' }]);
    expect(actorLabel('ecma-operator 0b7a51d2-3f7e-4c55-9a39-1b9c1f0e3a11')).toBe('Claire Martin (claire.ecma), Opérateur ECMA');
  });
});
