/**
 * A Jupyter kernel process and a client connected to it over ZeroMQ (npm:zeromq@6): shell
 * and control DEALERs, an iopub SUB, a stdin DEALER and heartbeat REQ, speaking protocol
 * 5.3 with HMAC-SHA256 signed messages.
 *
 * ```ts
 * const kernel = await Kernel.start({ cwd: "notebooks" });
 * const off = kernel.onIopub((msg) => console.log(msg.header.msg_type));
 * const { reply } = kernel.execute("1 + 1");
 * await reply;
 * off();
 * await kernel.shutdown();
 * ```
 *
 * @module
 */
import * as zmq from "zeromq";
import { randomUUID } from "node:crypto";
import { type ConnectionInfo, endpoint, newConnectionInfo } from "./connection.ts";
import { decodeMessage, encodeMessage, type JupyterMessage, makeMessage } from "./protocol.ts";

/** How to start a kernel. */
export interface KernelStartOptions {
  /** Working directory of the kernel process (relative imports in cells resolve from it). */
  cwd: string;
  /** Extra environment variables; `NO_COLOR=1` is always set. */
  env?: Record<string, string>;
  /** Milliseconds to wait until the kernel answers `kernel_info_request` (default 60 000). */
  startupTimeoutMs?: number;
  /**
   * The kernel command; `{connection_file}` is replaced by the connection file's path.
   * Default: `[Deno.execPath(), "jupyter", "--kernel", "--conn", "{connection_file}"]`.
   */
  argv?: string[];
}

/** The content of a `kernel_info_reply`. */
export interface KernelInfo {
  status: string;
  protocol_version: string;
  implementation: string;
  implementation_version: string;
  language_info: Record<string, unknown>;
  banner?: string;
  [key: string]: unknown;
}

/** Thrown when the kernel process exits or cannot be started. */
export class KernelDiedError extends Error {
  /** Creates the error; `message` includes the exit status and the end of stderr. */
  constructor(message: string) {
    super(message);
    this.name = "KernelDiedError";
  }
}

/** Thrown when a request gets no reply in time. */
export class KernelTimeoutError extends Error {
  /** Creates the error naming the request that timed out. */
  constructor(message: string) {
    super(message);
    this.name = "KernelTimeoutError";
  }
}

/** The default kernel command: the Deno binary running this code, as a Jupyter kernel. */
export function defaultKernelArgv(): string[] {
  return [Deno.execPath(), "jupyter", "--kernel", "--conn", "{connection_file}"];
}

type RequestChannel = "shell" | "control";

interface Pending {
  resolve(msg: JupyterMessage): void;
  reject(err: Error): void;
}

/** Keeps the last `limit` characters written to a stream, for error messages. */
class Tail {
  text = "";
  constructor(readonly limit: number) {}
  async drain(stream: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    for await (const chunk of stream) {
      if (this.limit > 0) {
        this.text = (this.text + decoder.decode(chunk, { stream: true })).slice(-this.limit);
      }
    }
  }
}

const STARTUP_ATTEMPTS = 3;

/**
 * Zero timeouts keep every zeromq.js send and receive on its synchronous path (see
 * {@link Kernel}'s polling loop); linger 0 lets close() drop unsent messages at shutdown.
 */
const SOCKET_OPTIONS = { linger: 0, receiveTimeout: 0, sendTimeout: 0 };
/** Subscribers cannot send; giving one `sendTimeout` crashes the zeromq.js addon. */
const SUBSCRIBER_OPTIONS = { linger: 0, receiveTimeout: 0 };

/** The part of a zeromq.js socket the polling loop uses. */
interface SocketLike {
  readonly readable: boolean;
  receive(): Promise<Uint8Array[]>;
}

async function sendWithRetry(socket: zmq.Dealer | zmq.Request, frames: Uint8Array[]) {
  for (;;) {
    try {
      return await socket.send(frames);
    } catch (err) {
      if ((err as { code?: string }).code !== "EAGAIN") throw err;
      await delay(5);
    }
  }
}

/** A running kernel process with a connected client. */
export class Kernel {
  /** This client's session id (sent in every header). */
  readonly session: string = randomUUID();
  /** The kernel's `kernel_info_reply` content, set by {@link Kernel.start}. */
  info!: KernelInfo;

  readonly #connection: ConnectionInfo;
  readonly #connectionDir: string;
  readonly #process: Deno.ChildProcess;
  readonly #stderr = new Tail(4000);
  readonly #exit: Promise<Deno.CommandStatus>;
  #exitStatus?: Deno.CommandStatus;
  readonly #shell: zmq.Dealer;
  readonly #control: zmq.Dealer;
  readonly #stdin: zmq.Dealer;
  readonly #iopub: zmq.Subscriber;
  readonly #pending = new Map<string, Pending>();
  readonly #iopubListeners = new Set<(msg: JupyterMessage) => void>();
  readonly #sendQueues = new Map<zmq.Dealer, Promise<void>>();
  readonly #polling: Promise<void>;
  #closed = false;

  private constructor(
    connection: ConnectionInfo,
    connectionDir: string,
    argv: string[],
    options: KernelStartOptions,
  ) {
    this.#connection = connection;
    this.#connectionDir = connectionDir;
    const connectionFile = `${connectionDir}/connection.json`;
    const [command, ...args] = argv.map((a) => a.replaceAll("{connection_file}", connectionFile));
    try {
      this.#process = new Deno.Command(command, {
        args,
        cwd: options.cwd,
        env: { NO_COLOR: "1", ...options.env },
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).spawn();
    } catch (err) {
      throw new KernelDiedError(
        `cannot start the kernel ${command} in ${options.cwd}: ${(err as Error).message}`,
      );
    }
    // Sockets only once the process exists, so a failed spawn leaves none open.
    this.#shell = new zmq.Dealer(SOCKET_OPTIONS);
    this.#control = new zmq.Dealer(SOCKET_OPTIONS);
    this.#stdin = new zmq.Dealer(SOCKET_OPTIONS);
    this.#iopub = new zmq.Subscriber(SUBSCRIBER_OPTIONS);
    // The kernel's own stdout carries nothing of interest; stderr is kept for error messages.
    const stdoutSink = new Tail(0).drain(this.#process.stdout);
    const stderrSink = this.#stderr.drain(this.#process.stderr);
    this.#exit = this.#process.status.then(async (status) => {
      await Promise.allSettled([stdoutSink, stderrSink]);
      this.#exitStatus = status;
      const err = this.#diedError("the kernel exited");
      for (const pending of this.#pending.values()) pending.reject(err);
      this.#pending.clear();
      return status;
    });
    for (
      const [socket, channel] of [
        [this.#shell, "shell"],
        [this.#control, "control"],
        [this.#stdin, "stdin"],
        [this.#iopub, "iopub"],
      ] as const
    ) {
      socket.connect(endpoint(connection, channel));
    }
    this.#iopub.subscribe();
    this.#polling = this.#pollLoop([
      [this.#iopub, (msg) => {
        for (const listener of this.#iopubListeners) listener(msg);
      }],
      [this.#shell, (msg) => this.#settle(msg)],
      [this.#control, (msg) => this.#settle(msg)],
      [this.#stdin, (msg) => this.#answerInput(msg)],
    ]);
  }

  /**
   * Starts a kernel and waits until it answers `kernel_info_request` and its iopub channel
   * delivers messages (so no output of the first cell is lost to a late subscription).
   * Retries with fresh ports when the kernel exits during start-up (a port taken meanwhile).
   */
  static async start(options: KernelStartOptions): Promise<Kernel> {
    const argv = options.argv ?? defaultKernelArgv();
    const timeoutMs = options.startupTimeoutMs ?? 60_000;
    let lastError: Error | undefined;
    for (let attempt = 0; attempt < STARTUP_ATTEMPTS; attempt++) {
      const connection = newConnectionInfo("rl-course");
      const dir = await Deno.makeTempDir({ prefix: "rl-course-kernel-" });
      await Deno.writeTextFile(`${dir}/connection.json`, JSON.stringify(connection, null, 1));
      let kernel: Kernel;
      try {
        kernel = new Kernel(connection, dir, argv, options);
      } catch (err) {
        await Deno.remove(dir, { recursive: true }).catch(() => undefined);
        throw err;
      }
      try {
        await kernel.#waitUntilReady(timeoutMs);
        return kernel;
      } catch (err) {
        lastError = err as Error;
        await kernel.shutdown({ timeoutMs: 1000 });
        if (!(err instanceof KernelDiedError)) break;
      }
    }
    throw lastError;
  }

  /** Resolves with the exit status when the kernel process ends. */
  get exited(): Promise<Deno.CommandStatus> {
    return this.#exit;
  }

  /** The kernel's process id. */
  get pid(): number {
    return this.#process.pid;
  }

  /** Registers a listener for every iopub message; returns a function that removes it. */
  onIopub(listener: (msg: JupyterMessage) => void): () => void {
    this.#iopubListeners.add(listener);
    return () => this.#iopubListeners.delete(listener);
  }

  /**
   * Sends a request on `channel`; `reply` resolves with the kernel's reply (rejects when the
   * kernel dies or after `timeoutMs`, if given).
   */
  send(
    channel: RequestChannel,
    msgType: string,
    content: Record<string, unknown>,
    timeoutMs?: number,
  ): { request: JupyterMessage; reply: Promise<JupyterMessage> } {
    const request = makeMessage(msgType, content, this.session);
    const id = request.header.msg_id;
    const reply = new Promise<JupyterMessage>((resolve, reject) => {
      if (this.#exitStatus) {
        reject(this.#diedError(`cannot send ${msgType}`));
        return;
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          this.#pending.delete(id);
          reject(new KernelTimeoutError(`no ${msgType} reply within ${timeoutMs} ms`));
        }, timeoutMs);
      }
      this.#pending.set(id, {
        resolve: (msg) => {
          clearTimeout(timer);
          resolve(msg);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      });
    });
    const socket = channel === "shell" ? this.#shell : this.#control;
    this.#enqueueSend(socket, encodeMessage(request, this.#connection.key)).catch((err) => {
      this.#pending.get(id)?.reject(err);
      this.#pending.delete(id);
    });
    return { request, reply };
  }

  /** Sends `execute_request` for `code` (stdin disabled: `prompt()` gets no answer). */
  execute(
    code: string,
    options: { silent?: boolean; storeHistory?: boolean } = {},
  ): { request: JupyterMessage; reply: Promise<JupyterMessage> } {
    const silent = options.silent ?? false;
    return this.send("shell", "execute_request", {
      code,
      silent,
      store_history: options.storeHistory ?? !silent,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: false,
    });
  }

  /** Sends `interrupt_request` on the control channel and waits for `interrupt_reply`. */
  async interrupt(timeoutMs = 5000): Promise<JupyterMessage> {
    return await this.send("control", "interrupt_request", {}, timeoutMs).reply;
  }

  /** Sends `signal` (e.g. `"SIGINT"`) to the kernel process. */
  signal(signal: Deno.Signal): void {
    if (!this.#exitStatus) this.#process.kill(signal);
  }

  /** Whether the kernel echoes a heartbeat ping within `timeoutMs`. */
  async heartbeat(timeoutMs = 2000): Promise<boolean> {
    const socket = new zmq.Request(SOCKET_OPTIONS);
    try {
      socket.connect(endpoint(this.#connection, "hb"));
      const ping = new TextEncoder().encode(randomUUID());
      const deadline = Date.now() + timeoutMs;
      // The connection may still be in progress: a refused send is retried until then.
      for (;;) {
        try {
          await socket.send(ping);
          break;
        } catch {
          if (Date.now() > deadline) return false;
          await delay(10);
        }
      }
      while (!socket.readable) {
        if (Date.now() > deadline) return false;
        await delay(5);
      }
      const [pong] = await socket.receive();
      return new TextDecoder().decode(pong) === new TextDecoder().decode(ping);
    } catch {
      return false;
    } finally {
      socket.close();
    }
  }

  /**
   * Asks the kernel to shut down (`shutdown_request` on control), waits up to `timeoutMs`
   * for it to exit, kills it otherwise, and closes all sockets. Safe to call twice.
   */
  async shutdown(options: { timeoutMs?: number } = {}): Promise<Deno.CommandStatus> {
    const timeoutMs = options.timeoutMs ?? 5000;
    if (!this.#exitStatus && !this.#closed) {
      const { reply } = this.send("control", "shutdown_request", { restart: false }, timeoutMs);
      await Promise.race([reply, this.#exit]).catch(() => undefined);
      await raceTimeout(this.#exit, timeoutMs);
    }
    if (!this.#exitStatus) {
      try {
        this.#process.kill("SIGKILL");
      } catch {
        // Already gone between the check and the kill.
      }
    }
    const status = await this.#exit;
    if (!this.#closed) {
      this.#closed = true;
      for (const socket of [this.#shell, this.#control, this.#stdin, this.#iopub]) socket.close();
      await this.#polling.catch(() => undefined);
      await Deno.remove(this.#connectionDir, { recursive: true }).catch(() => undefined);
    }
    return status;
  }

  async #waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const seen = new Set<string>();
      const off = this.onIopub((msg) => {
        if (msg.parent_header.msg_id) seen.add(msg.parent_header.msg_id);
      });
      try {
        const { request, reply } = this.send(
          "shell",
          "kernel_info_request",
          {},
          Math.max(1, deadline - Date.now()),
        );
        const msg = await reply;
        // The SUB socket may subscribe after the kernel published this request's status
        // messages; then ask again until iopub shows it is live.
        const iopubDeadline = Date.now() + 1000;
        while (!seen.has(request.header.msg_id) && Date.now() < iopubDeadline) {
          await delay(20);
        }
        if (seen.has(request.header.msg_id)) {
          this.info = msg.content as KernelInfo;
          return;
        }
      } catch (err) {
        if (err instanceof KernelTimeoutError) {
          throw new KernelTimeoutError(
            `the kernel did not answer kernel_info_request within ${timeoutMs} ms` +
              stderrSuffix(this.#stderr.text),
          );
        }
        throw err;
      } finally {
        off();
      }
    }
    throw new KernelTimeoutError(
      `the kernel's iopub channel delivered nothing within ${timeoutMs} ms` +
        stderrSuffix(this.#stderr.text),
    );
  }

  #settle(msg: JupyterMessage): void {
    const id = msg.parent_header.msg_id;
    if (!id) return;
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    pending.resolve(msg);
  }

  #answerInput(msg: JupyterMessage): void {
    if (msg.header.msg_type !== "input_request") return;
    // Headless runs have no one to type: answer with an empty line instead of hanging.
    const reply = makeMessage("input_reply", { value: "" }, this.session);
    reply.parent_header = msg.header;
    this.#enqueueSend(this.#stdin, encodeMessage(reply, this.#connection.key)).catch(() =>
      undefined
    );
  }

  /**
   * Receives on all sockets by polling their `readable` state. zeromq.js waits for
   * readiness with libuv's uv_poll, and under Deno 2.9 a message that arrives right after a
   * send on the same socket is not reported until the next socket event (measured: a reply
   * was held until the next request was sent). Polling ZMQ_EVENTS and receiving only when
   * a message is queued sidesteps that; the interval backs off from 1 ms to 8 ms when idle.
   */
  async #pollLoop(handlers: [SocketLike, (msg: JupyterMessage) => void][]): Promise<void> {
    try {
      await this.#poll(handlers);
    } catch (err) {
      if (this.#closed) return;
      // A socket failed under us: nothing more can be received, so fail every waiter.
      const failure = new KernelDiedError(`lost the connection to the kernel: ${err}`);
      for (const pending of this.#pending.values()) pending.reject(failure);
      this.#pending.clear();
    }
  }

  async #poll(handlers: [SocketLike, (msg: JupyterMessage) => void][]): Promise<void> {
    let wait = 1;
    while (!this.#closed) {
      let received = false;
      for (const [socket, handle] of handlers) {
        if (this.#closed) return;
        while (socket.readable) {
          const frames = await socket.receive();
          received = true;
          let msg: JupyterMessage;
          try {
            msg = decodeMessage(frames, this.#connection.key);
          } catch {
            // Unsigned or malformed messages are not from our kernel: drop them.
            continue;
          }
          handle(msg);
        }
      }
      wait = received ? 1 : Math.min(wait * 2, 8);
      await delay(wait);
    }
  }

  async #enqueueSend(socket: zmq.Dealer, frames: Uint8Array[]): Promise<void> {
    // One send at a time per socket; with sendTimeout 0 a full queue (EAGAIN) is retried.
    const previous = this.#sendQueues.get(socket) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => sendWithRetry(socket, frames));
    this.#sendQueues.set(socket, next);
    return await next;
  }

  #diedError(what: string): KernelDiedError {
    const status = this.#exitStatus;
    const how = status
      ? `exit code ${status.code}${status.signal ? `, signal ${status.signal}` : ""}`
      : "still running";
    return new KernelDiedError(`${what} (${how})${stderrSuffix(this.#stderr.text)}`);
  }
}

function stderrSuffix(stderr: string): string {
  // Deno prints this on every start; it says nothing about what went wrong.
  const text = stderr.replace(/^.*"deno jupyter" is unstable.*$\n?/m, "").trim();
  return text ? `; kernel stderr:\n${text}` : "";
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function raceTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
