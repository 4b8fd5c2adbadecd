/** A rendered message, ready to send to one addressee. */
export interface OutgoingMail {
  /** One addressee: every message of the contract is personal (§7.1), never a list. */
  to: string;
  subject: string;
  text: string;
  html?: string;
  /**
   * Same key, same message. Temporal retries activities, so the caller passes a key that names
   * the message in its process (e.g. `${workflowId}/email-proof/2`): the outbox does not write
   * it twice, and over SMTP it becomes a deterministic Message-ID that recognises duplicates.
   */
  idempotencyKey?: string;
  /** Extra headers (e.g. `X-SignExpert-Reference`). From, To, Subject and Message-ID are ours. */
  headers?: Readonly<Record<string, string>>;
}

/** What a transport hands over: the message with its sender and Message-ID decided. */
export interface ComposedMail extends OutgoingMail {
  from: string;
  /** In angle brackets, as in the header: `<...@domain>`. */
  messageId: string;
}

export interface MailReceipt {
  messageId: string;
  /** True when the transport recognised the idempotency key and did not send again. */
  duplicate: boolean;
  /** Where it went: the `.eml` path (outbox) or the SMTP server's reply. */
  location: string;
}

/** The one thing a transport does. Chosen by configuration (see mailer-config.ts). */
export interface MailTransport {
  readonly kind: 'smtp' | 'outbox';
  deliver(mail: ComposedMail): Promise<MailReceipt>;
  close(): Promise<void>;
}
