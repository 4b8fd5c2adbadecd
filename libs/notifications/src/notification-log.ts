/**
 * Where the library writes its operational lines. Apps pass their own (Nest logger, Temporal
 * activity logger); the default writes to the console. Nothing secret is ever passed to it:
 * no activation code (contract §7.2), no email-proof link, no addressee.
 */
export type NotificationLog = (line: string) => void;

export const consoleLog: NotificationLog = (line) => console.info(line);
