import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { KeyStoreError, Pkcs11Library, parseCertificate } from '#libs/ca-core';
import { loadEnvironment } from '#libs/config';
import { AUTHENTICATION_KEY_REFUSAL, SignatureCreationError, SigningRefusedError, createDetachedSignature, holderSignatureKey } from '#libs/signing';
import { parseCommandLine } from './command-line.js';
import type { CommandOutput } from './commands.js';
import { readInputFile } from './der-files.js';
import { UsageError, readPassword, withOwnUsage } from './read-password.js';

export const SIGN_USAGE = `  sign <file> --out <sig.p7s> --token-label LABEL (--pin-stdin | --pin-env VAR)
      signs <file> with the signature key of the holder's token (LABEL: the subscription id without
      dashes) and writes a detached CAdES-BES signature (DER, with the regional CA certificate the
      token carries); the activation code is the token's PIN.
      PKCS#11 module: PKCS11_LIBRARY (SoftHSM: SOFTHSM2_CONF, else VAR_DIR/softhsm). The
      authentication key never signs documents (--key authentication is refused, exit 1). No database.`;

/** `sign`: what the holder's signing software does with the token (issue 6), for the CA's own tests and demos. */
export function runSignCommand(args: string[], io: CommandOutput): Promise<number> {
  return withOwnUsage(SIGN_USAGE, () => runSign(args, io));
}

async function runSign(args: string[], io: CommandOutput): Promise<number> {
  const options = readOptions(args);
  if (options.key === 'authentication') {
    io.err(`error: refused: ${AUTHENTICATION_KEY_REFUSAL}`);
    return 1;
  }
  const content = await readInputFile(options.file, 'document');
  const pin = await readPassword({ stdin: options.pinStdin, env: options.pinEnv, secret: 'pin' });
  const env = loadEnvironment(process.env);
  useInstallationSoftHsm(env.VAR_DIR);

  let library: Pkcs11Library | undefined;
  try {
    library = Pkcs11Library.load(env.PKCS11_LIBRARY);
    const token = library.openToken({ tokenLabel: options.tokenLabel, pin });
    try {
      const { key, certificate, chain } = await holderSignatureKey(token);
      const signingTime = new Date();
      const signature = await createDetachedSignature({ content, signer: key, certificate, chain, signingTime });
      await writeFile(options.out, signature);
      const signer = parseCertificate(certificate);
      io.out(
        `signed ${options.file} (${content.length} bytes) with the signature key of token ${options.tokenLabel}\n` +
          `signature: ${options.out} (detached CAdES-BES, DER, ${signature.length} bytes, ${chain.length ? 'with the issuing CA certificate' : 'signer certificate only'}), signing time ${signingTime.toISOString()}\n` +
          `certificate serial ${signer.serialNumber}, valid until ${signer.notAfter.toISOString()}`,
      );
      return 0;
    } finally {
      await token.close();
    }
  } catch (error) {
    // PKCS#11 errors carry the operation and return code only, never the PIN.
    if (error instanceof SigningRefusedError) io.err(`error: refused: ${error.message}`);
    else if (error instanceof KeyStoreError || error instanceof SignatureCreationError) io.err(`error: ${error.message}`);
    else throw error;
    return 1;
  } finally {
    library?.close();
  }
}

interface SignOptions {
  file: string;
  out: string;
  tokenLabel: string;
  key: 'signature' | 'authentication';
  pinStdin?: boolean;
  pinEnv?: string;
}

function readOptions(args: string[]): SignOptions {
  if (args.some((arg) => arg === '--pin' || arg.startsWith('--pin='))) {
    throw new UsageError('an activation code never goes on the command line: use --pin-stdin or --pin-env VAR');
  }
  const { values, positionals } = parseCommandLine({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      'token-label': { type: 'string' },
      key: { type: 'string' },
      'pin-stdin': { type: 'boolean' },
      'pin-env': { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('sign takes exactly one document to sign');
  if (!values.out || !values['token-label']) throw new UsageError('sign needs --out <sig.p7s> and --token-label LABEL');
  const key = values.key ?? 'signature';
  if (key !== 'signature' && key !== 'authentication') throw new UsageError('--key is signature (the default) or authentication (refused)');
  return {
    file: positionals[0],
    out: values.out,
    tokenLabel: values['token-label'],
    key,
    ...(values['pin-stdin'] ? { pinStdin: true } : {}),
    ...(values['pin-env'] ? { pinEnv: values['pin-env'] } : {}),
  };
}

/** As `npm start` does (apps/launcher): the zero-setup tokens live in VAR_DIR/softhsm unless SOFTHSM2_CONF says otherwise. */
function useInstallationSoftHsm(varDir: string): void {
  const conf = join(resolve(varDir), 'softhsm', 'softhsm2.conf');
  if (!process.env.SOFTHSM2_CONF && existsSync(conf)) process.env.SOFTHSM2_CONF = conf;
}
