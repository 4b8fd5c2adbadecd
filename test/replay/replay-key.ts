/**
 * Payload key of the recorded histories in test/replay/histories/ (their payloads are encrypted
 * like any other). A test-only value: it protects nothing but these fixtures' fake holders.
 */
export const REPLAY_PAYLOAD_KEY = 'cmVwbGF5LXRlc3Qta2V5LW5vdC1hLXNlY3JldC0zMmI=';
