/**
 * Turning iopub messages into nbformat outputs the way Jupyter front-ends do: consecutive
 * stream messages of the same name merge into one output, `update_display_data` replaces
 * the data of every output shown with the same display id (in any cell), and
 * `clear_output` empties the cell (with `wait`, just before the next output arrives).
 *
 * @module
 */
import type { DisplayDataOutput, ExecuteResultOutput, MimeBundle, Output } from "./ipynb.ts";

type DisplayOutput = DisplayDataOutput | ExecuteResultOutput;

/** The outputs shown under each display id, across all cells of a run. */
export class DisplayRegistry {
  readonly #byId = new Map<string, DisplayOutput[]>();

  /** Records that `output` is shown under `id`. */
  register(id: string, output: DisplayOutput): void {
    const list = this.#byId.get(id) ?? [];
    list.push(output);
    this.#byId.set(id, list);
  }

  /** Replaces data and metadata of every output shown under `id`; false if there is none. */
  update(id: string, data: MimeBundle, metadata: Record<string, unknown>): boolean {
    const list = this.#byId.get(id);
    if (!list || list.length === 0) return false;
    for (const output of list) {
      output.data = data;
      output.metadata = metadata;
    }
    return true;
  }

  /** Forgets `outputs` (they were cleared), so later updates do not touch them. */
  forget(outputs: Output[]): void {
    const gone = new Set<Output>(outputs);
    for (const [id, list] of this.#byId) {
      const kept = list.filter((o) => !gone.has(o));
      if (kept.length > 0) this.#byId.set(id, kept);
      else this.#byId.delete(id);
    }
  }
}

/** The outputs of one cell, built from the iopub messages sent for it. */
export class CellOutputs {
  /** The outputs so far, in arrival order. */
  readonly outputs: Output[] = [];
  readonly #displays: DisplayRegistry;
  #clearBeforeNext = false;

  /** Creates an empty output list sharing `displays` with the other cells of the run. */
  constructor(displays: DisplayRegistry) {
    this.#displays = displays;
  }

  /**
   * Applies one iopub message. Returns false for message types that are not outputs
   * (`status`, `execute_input`, comms, ...), which are ignored.
   */
  apply(msgType: string, content: Record<string, unknown>): boolean {
    switch (msgType) {
      case "stream": {
        this.#beforeOutput();
        const name = content.name === "stderr" ? "stderr" : "stdout";
        const text = String(content.text ?? "");
        const last = this.outputs[this.outputs.length - 1];
        if (last?.output_type === "stream" && last.name === name) last.text += text;
        else this.outputs.push({ output_type: "stream", name, text });
        return true;
      }
      case "display_data":
      case "execute_result": {
        this.#beforeOutput();
        const data = asRecord(content.data);
        const metadata = asRecord(content.metadata);
        const output: DisplayOutput = msgType === "display_data"
          ? { output_type: "display_data", data, metadata }
          : {
            output_type: "execute_result",
            execution_count: typeof content.execution_count === "number"
              ? content.execution_count
              : null,
            data,
            metadata,
          };
        this.outputs.push(output);
        const id = asRecord(content.transient).display_id;
        if (typeof id === "string") this.#displays.register(id, output);
        return true;
      }
      case "update_display_data": {
        const id = asRecord(content.transient).display_id;
        if (typeof id === "string") {
          this.#displays.update(id, asRecord(content.data), asRecord(content.metadata));
        }
        return true;
      }
      case "error": {
        this.#beforeOutput();
        this.outputs.push({
          output_type: "error",
          ename: String(content.ename ?? ""),
          evalue: String(content.evalue ?? ""),
          traceback: Array.isArray(content.traceback) ? content.traceback.map(String) : [],
        });
        return true;
      }
      case "clear_output": {
        if (content.wait === true) this.#clearBeforeNext = true;
        else this.#clear();
        return true;
      }
      default:
        return false;
    }
  }

  /** Appends an output the executor itself produces (a timeout or a kernel death). */
  push(output: Output): void {
    this.#beforeOutput();
    this.outputs.push(output);
  }

  #beforeOutput(): void {
    if (this.#clearBeforeNext) this.#clear();
  }

  #clear(): void {
    this.#clearBeforeNext = false;
    this.#displays.forget(this.outputs);
    this.outputs.length = 0;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as Record<string, unknown>
    : {};
}
