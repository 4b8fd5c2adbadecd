// Notifications (DESIGN.md "libs/notifications"): mail to holders and staff, and the postal
// activation letter. Callers pass configuration and data in; the library reads no environment
// and keeps no state beyond the outbox and spool folders it is given.

export * from './outgoing-mail.js';
export * from './mailer-config.js';
export * from './notification-log.js';
export { Mailer, createMailer } from './mailer.js';
export { createSmtpTransport } from './smtp-transport.js';
export { createOutboxTransport } from './outbox-transport.js';
export { isOutboxFileName } from './outbox-file-name.js';
export { messageIdForKey } from './message-id.js';

export * from './templates/index.js';

export { ACTIVATION_CODE_LABEL, type ActivationLetterSubject } from './activation-letter-content.js';
export * from './activation-letter.js';
export * from './activation-letter-reader.js';
export { extractPdfText } from './pdf-text.js';
export { mailerConfigFor } from './mailer-config-from-environment.js';
