/**
 * Jupyter connection files: the ports and key a kernel binds to, chosen by the client.
 *
 * @module
 */

/** The content of a Jupyter connection file (TCP transport, HMAC-SHA256 signing). */
export interface ConnectionInfo {
  transport: "tcp";
  ip: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  /** HMAC key; the empty string disables signing. */
  key: string;
  signature_scheme: "hmac-sha256";
  kernel_name?: string;
}

/** The channels a client connects to, in connection-file naming. */
export type Channel = "shell" | "iopub" | "stdin" | "control" | "hb";

/**
 * Picks five distinct free loopback ports and a random key. The ports are held open
 * together while choosing so they differ; another process may still take one before the
 * kernel binds it, which the kernel launcher handles by retrying with new ports.
 */
export function newConnectionInfo(kernelName?: string): ConnectionInfo {
  const ip = "127.0.0.1";
  const listeners = Array.from({ length: 5 }, () => Deno.listen({ hostname: ip, port: 0 }));
  const [shell, iopub, stdin, control, hb] = listeners.map((l) => (l.addr as Deno.NetAddr).port);
  for (const listener of listeners) listener.close();
  const key = crypto.randomUUID();
  return {
    transport: "tcp",
    ip,
    shell_port: shell,
    iopub_port: iopub,
    stdin_port: stdin,
    control_port: control,
    hb_port: hb,
    key,
    signature_scheme: "hmac-sha256",
    ...(kernelName ? { kernel_name: kernelName } : {}),
  };
}

/** The ZeroMQ endpoint of `channel`, e.g. `"tcp://127.0.0.1:53001"`. */
export function endpoint(info: ConnectionInfo, channel: Channel): string {
  const port = info[`${channel}_port`];
  return `${info.transport}://${info.ip}:${port}`;
}
