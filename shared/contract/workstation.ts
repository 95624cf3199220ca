/**
 * This PC's choice (issue 17): work on its own database, or on the office server; and, working on its own, offer
 * that database to the office's other PCs. The calls are answered by this PC's shell (main/transport/workstation.ts),
 * never by a database, so a renderer talking to the office server still asks its own PC.
 */
import { z } from 'zod';

/** What the login screen and the 办公室服务器 screen show. */
export const status = z.object({
  /** local: this PC's own database; office: every call goes to the office server. */
  mode: z.enum(['local', 'office']),
  /** The office server's https://ADDRESS:PORT while connected. */
  server: z.string().nullable(),
  /** While this PC serves the others: what they type — each address and the pairing code. */
  hosting: z.object({ listen: z.string(), addresses: z.array(z.string()), pairingCode: z.string() }).nullable(),
  /** Hosting was chosen but did not start with the app this time (the port taken…): why, in words. */
  hostingProblem: z.object({ listen: z.string(), message: z.string() }).nullable(),
});

export const connectInput = z.object({
  address: z.string().trim().min(1, { error: '请填写服务器地址，例如 https://192.168.1.20:8443' }).max(300),
  pairingCode: z.string().trim().min(1, { error: '请填写服务器上显示的配对码' }).max(60),
});

/** `ADDRESS:PORT`, as `npm run serve -- --listen` takes it: checked in main (main/transport/office-server.ts parseListen). */
export const hostInput = z.object({
  listen: z.string().trim().min(1, { error: '请填写监听地址，例如 0.0.0.0:8443' }).max(100),
});

export const DEFAULT_LISTEN = '0.0.0.0:8443';
