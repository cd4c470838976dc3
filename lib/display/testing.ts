/**
 * A recording {@link OutputTarget} for tests of code that displays things.
 *
 * @module
 */
import type { DisplayMessage, OutputTarget } from "./output.ts";

/** One recorded kernel message. */
export interface RecordedMessage {
  type: DisplayMessage;
  content: Record<string, unknown>;
}

/** An output target that records everything instead of showing it. */
export class RecordingOutput implements OutputTarget {
  /** Kernel messages, in the order they were sent. */
  readonly messages: RecordedMessage[] = [];
  /** Text written to stdout. */
  stdoutText = "";
  /** Text written to stderr. */
  stderrText = "";

  /**
   * @param kernel whether to behave like the Jupyter kernel
   * @param terminal whether stderr claims to be a terminal
   */
  constructor(readonly kernel: boolean, readonly terminal = false) {}

  broadcast(type: DisplayMessage, content: Record<string, unknown>): Promise<void> {
    this.messages.push({ type, content: structuredClone(content) });
    return Promise.resolve();
  }
  stdout(text: string): void {
    this.stdoutText += text;
  }
  stderr(text: string): void {
    this.stderrText += text;
  }
  stderrIsTerminal(): boolean {
    return this.terminal;
  }
}
