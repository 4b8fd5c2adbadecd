/**
 * Sets a variable in the real process environment, the one native libraries read with getenv(3)
 * (SoftHSM reads SOFTHSM2_CONF in C_Initialize). Under jest, `process.env` is a sandbox copy whose
 * writes never reach the C environment; the Function constructor of a host object (Buffer comes
 * from the outer realm) evaluates in the host realm, where `process` is Node's own.
 */
export function setNativeEnvironment(name: string, value: string): void {
  process.env[name] = value;
  const hostFunction = (Buffer as unknown as { constructor: FunctionConstructor }).constructor;
  const hostProcess = hostFunction('return process')() as NodeJS.Process;
  hostProcess.env[name] = value;
}
