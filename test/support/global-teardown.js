export default async function globalTeardown() {
  await globalThis.signexpertTestStack?.stop();
}
