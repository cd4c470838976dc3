/**
 * MIME bundles and `display`: the one way lib/ shows rich output. In the kernel a bundle
 * becomes a `display_data` (or `update_display_data`) message; outside, its `text/plain`
 * is printed.
 *
 * @module
 */
import { outputTarget } from "./output.ts";

/**
 * A MIME bundle: MIME type -> content, as in Jupyter's `display_data.data`. Always has a
 * `"text/plain"` string (what terminals and plain-text exports show); JSON types such as
 * `application/vnd.plotly.v1+json` hold objects.
 */
export type MimeBundle = Record<string, unknown>;

/** Options of {@link display}. */
export interface DisplayOptions {
  /** A display id: later displays with `update: true` and the same id replace this one. */
  id?: string;
  /** Replace the output shown earlier under `id` instead of adding a new one. */
  update?: boolean;
}

/** Deno's kernel shows any value with this method as the MIME bundle it returns. */
const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");

/**
 * Makes `bundle` render itself when it is the last expression of a notebook cell (Deno's
 * kernel calls its `Symbol.for("Jupyter.display")` method). The method is not enumerable,
 * so the bundle still spreads and serialises as plain data.
 */
export function displayable<B extends MimeBundle>(bundle: B): B {
  Object.defineProperty(bundle, JUPYTER_DISPLAY, {
    value: () => ({ ...bundle }),
    enumerable: false,
  });
  return bundle;
}

/** Checks that `bundle` is a MIME bundle with a `text/plain` string; throws a clear error. */
export function assertMimeBundle(bundle: unknown, where = "display"): asserts bundle is MimeBundle {
  if (bundle === null || typeof bundle !== "object" || Array.isArray(bundle)) {
    throw new TypeError(
      `${where}: expected a MIME bundle object such as { "text/plain": "..." }, got ${
        Array.isArray(bundle) ? "an array" : String(bundle)
      }.`,
    );
  }
  if (typeof (bundle as MimeBundle)["text/plain"] !== "string") {
    throw new TypeError(
      `${where}: the MIME bundle needs a "text/plain" string (its keys: ${
        Object.keys(bundle).join(", ") || "none"
      }); terminals and plain-text exports show it.`,
    );
  }
}

/**
 * Shows a MIME bundle. In the kernel it sends `display_data` (with `transient.display_id`
 * when `id` is given) or, with `update: true`, `update_display_data` for that id. Outside
 * the kernel it prints the bundle's `text/plain` on stdout (an update prints again).
 *
 * @returns a promise that resolves once the message is sent.
 */
export async function display(bundle: MimeBundle, options: DisplayOptions = {}): Promise<void> {
  assertMimeBundle(bundle);
  const { id, update = false } = options;
  if (update && id === undefined) {
    throw new TypeError("display: update: true needs the id of the display to replace.");
  }
  const target = outputTarget();
  if (!target.kernel) {
    target.stdout(`${bundle["text/plain"]}\n`);
    return;
  }
  await target.broadcast(update ? "update_display_data" : "display_data", {
    data: { ...bundle },
    metadata: {},
    transient: id === undefined ? {} : { display_id: id },
  });
}

/** A fresh display id with a readable prefix, unique within and across kernel sessions. */
export function newDisplayId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}
