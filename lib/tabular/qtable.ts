/**
 * The action-value table of the tabular methods: one number `Q(s, a)` per state and action,
 * stored row-major in a `Float64Array` so whole tables can be compared, copied and plotted.
 *
 * @example
 * ```ts
 * import { QTable } from "../lib/tabular/qtable.ts";
 * const q = new QTable(48, 4);
 * q.set(36, 1, -1);
 * q.get(36, 1); // -1
 * q.row(36); // Float64Array [0, -1, 0, 0], a view into q.values
 * q.greedyAction(36); // 0: the lowest action among the maximisers
 * ```
 * @module
 */

/** A table of action values, `values[s * numActions + a] = Q(s, a)`. */
export class QTable {
  /** Number of states (rows). */
  readonly numStates: number;
  /** Number of actions (columns), the same in every state. */
  readonly numActions: number;
  /** The values, `[numStates * numActions]`, row-major: state `s` occupies one row. */
  readonly values: Float64Array;

  /**
   * A table with every entry equal to `initialValue` (default 0).
   * @throws when a size is not a positive integer or `initialValue` is NaN.
   */
  constructor(numStates: number, numActions: number, initialValue = 0) {
    for (const [name, n] of [["numStates", numStates], ["numActions", numActions]] as const) {
      if (!Number.isInteger(n) || n <= 0) {
        throw new Error(`QTable: ${name} must be a positive integer, got ${n}.`);
      }
    }
    if (Number.isNaN(initialValue)) throw new Error("QTable: initialValue is NaN.");
    this.numStates = numStates;
    this.numActions = numActions;
    this.values = new Float64Array(numStates * numActions).fill(initialValue);
  }

  /**
   * A table holding a copy of `values` (row-major, `[numStates * numActions]`).
   * @throws when the length does not match.
   */
  static from(numStates: number, numActions: number, values: ArrayLike<number>): QTable {
    const q = new QTable(numStates, numActions);
    if (values.length !== q.values.length) {
      throw new Error(
        `QTable.from: got ${values.length} values for ${numStates} states x ${numActions} ` +
          `actions; expected ${q.values.length}.`,
      );
    }
    q.values.set(values);
    return q;
  }

  /** `Q(s, a)`. Throws on a state or action out of range. */
  get(s: number, a: number): number {
    return this.values[this.index(s, a)];
  }

  /** Sets `Q(s, a) = value`. Throws on a state or action out of range. */
  set(s: number, a: number, value: number): void {
    this.values[this.index(s, a)] = value;
  }

  /** The action values of state `s`, `[numActions]`: a view, so writes change the table. */
  row(s: number): Float64Array {
    this.checkState(s);
    return this.values.subarray(s * this.numActions, (s + 1) * this.numActions);
  }

  /** `max_a Q(s, a)`. */
  maxValue(s: number): number {
    const row = this.row(s);
    let best = row[0];
    for (let a = 1; a < row.length; a++) if (row[a] > best) best = row[a];
    return best;
  }

  /**
   * The greedy action in `s`: the lowest-numbered action among those with the maximal value.
   * Deterministic on purpose, so greedy evaluation needs no random numbers.
   */
  greedyAction(s: number): number {
    const row = this.row(s);
    let best = 0;
    for (let a = 1; a < row.length; a++) if (row[a] > row[best]) best = a;
    return best;
  }

  /** The greedy action of every state, `[numStates]` (lowest action among ties). */
  greedyPolicy(): Int32Array {
    const policy = new Int32Array(this.numStates);
    for (let s = 0; s < this.numStates; s++) policy[s] = this.greedyAction(s);
    return policy;
  }

  /** `max_a Q(s, a)` for every state, `[numStates]`. */
  stateValues(): Float64Array {
    const v = new Float64Array(this.numStates);
    for (let s = 0; s < this.numStates; s++) v[s] = this.maxValue(s);
    return v;
  }

  /** Sets every entry to `value` (default 0), e.g. to reset eligibility traces. */
  fill(value = 0): this {
    this.values.fill(value);
    return this;
  }

  /** An independent copy. */
  clone(): QTable {
    return QTable.from(this.numStates, this.numActions, this.values);
  }

  /** Throws a clear error unless `s` is a state of this table. */
  private checkState(s: number): void {
    if (!Number.isInteger(s) || s < 0 || s >= this.numStates) {
      throw new Error(
        `QTable: state ${s} is out of range 0..${this.numStates - 1} ` +
          `(is the observation a discrete state number?).`,
      );
    }
  }

  /** The position of `Q(s, a)` in {@link values}, after checking both indices. */
  private index(s: number, a: number): number {
    this.checkState(s);
    if (!Number.isInteger(a) || a < 0 || a >= this.numActions) {
      throw new Error(`QTable: action ${a} is out of range 0..${this.numActions - 1}.`);
    }
    return s * this.numActions + a;
  }
}
