/**
 * Faster transposed matrix products on the wasm backend of tfjs 4.22.
 *
 * The wasm kernels `BatchMatMul` and `_FusedMatMul` accept `transposeA` / `transposeB`, but
 * with either flag set they run 4-10x slower than an explicit `Transpose` followed by the
 * same product without flags (measured in `bench/matmul_bench.ts`). Training hits the slow
 * case all the time: the backward pass of `y = x W` computes `dx = dy Wᵀ` and `dW = xᵀ dy`.
 * {@link installFastMatMul} re-registers both wasm kernels so that they transpose the flagged
 * operands first and then call the original kernel with both flags off. Results agree with
 * the original kernels within float32 rounding (the summation order may differ); gradients,
 * which tfjs attaches by kernel name, are untouched. It also avoids a bug of the original
 * `_FusedMatMul`: with a transpose flag and a bias, it adds the bias to the wrong elements.
 *
 * `setupTf` (setup.ts) installs it when the wasm backend is active, unless called with
 * `{ fastMatMul: false }`.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";

/** The wasm kernels that are replaced: both take inputs `a`, `b` and the two transpose flags. */
const KERNEL_NAMES = [tf.BatchMatMul, tf._FusedMatMul] as const;

const BACKEND = "wasm";

/**
 * Marks an installed kernel config and holds the config it replaced. A global symbol, so that
 * two copies of this module (two import URLs in one process) still recognise each other.
 */
const REPLACED = Symbol.for("rl-course.fastMatMul.replaced");

interface InstalledKernelConfig extends tf.KernelConfig {
  [REPLACED]: tf.KernelConfig;
}

function installedConfig(config: tf.KernelConfig | undefined): InstalledKernelConfig | undefined {
  return config !== undefined && REPLACED in config ? config as InstalledKernelConfig : undefined;
}

function registeredKernel(kernelName: string): tf.KernelConfig {
  // getKernel is typed as always returning a config, but returns undefined for unknown names.
  const config = tf.getKernel(kernelName, BACKEND) as tf.KernelConfig | undefined;
  if (config === undefined) {
    throw new Error(
      `fastMatMul: no "${kernelName}" kernel is registered for the ${BACKEND} backend; ` +
        `import "@tensorflow/tfjs-backend-wasm" before installing.`,
    );
  }
  return config;
}

/**
 * Wraps a matrix-product kernel (inputs `a`, `b`, attrs `transposeA`, `transposeB`) so that
 * flagged operands are transposed by `transpose` first. The temporary transposes live only in
 * the backend (they are not engine tensors), so they are released here with `disposeData`.
 */
function transposeFirst(original: tf.KernelConfig, transpose: tf.KernelConfig): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
    const { a, b } = inputs as tf.BatchMatMulInputs;
    // The wasm products support float32 only; other dtypes go to the original for its error.
    if (
      (!transposeA && !transposeB) || a === undefined || b === undefined ||
      a.dtype !== "float32" || b.dtype !== "float32"
    ) {
      return original.kernelFunc({ inputs, backend, attrs });
    }
    const temporaries: tf.TensorInfo[] = [];
    // Swaps the last two axes (rows and columns of every matrix in the batch).
    const swapInnerAxes = (x: tf.TensorInfo): tf.TensorInfo => {
      const rank = x.shape.length;
      const perm = [...Array(rank - 2).keys(), rank - 1, rank - 2];
      const transposed = transpose.kernelFunc({ inputs: { x }, backend, attrs: { perm } });
      temporaries.push(transposed as tf.TensorInfo);
      return transposed as tf.TensorInfo;
    };
    try {
      return original.kernelFunc({
        inputs: {
          ...inputs,
          a: transposeA ? swapInnerAxes(a) : a,
          b: transposeB ? swapInnerAxes(b) : b,
        },
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false },
      });
    } finally {
      for (const temporary of temporaries) {
        (backend as tf.KernelBackend).disposeData(temporary.dataId);
      }
    }
  };
}

/**
 * Replaces the wasm `BatchMatMul` and `_FusedMatMul` kernels by versions that transpose
 * flagged operands explicitly before the product (see the module doc for why). Idempotent:
 * a second call changes nothing. Works whichever backend is active; only wasm is affected.
 *
 * @returns `true` when it installed the kernels, `false` when they were already installed.
 */
export function installFastMatMul(): boolean {
  const transpose = registeredKernel(tf.Transpose);
  let changed = false;
  for (const kernelName of KERNEL_NAMES) {
    const original = registeredKernel(kernelName);
    if (installedConfig(original) !== undefined) continue;
    const replacement: InstalledKernelConfig = {
      ...original, // keeps setupFunc, which binds the wasm function the original calls
      kernelFunc: transposeFirst(original, transpose),
      [REPLACED]: original,
    };
    tf.unregisterKernel(kernelName, BACKEND);
    tf.registerKernel(replacement);
    changed = true;
  }
  return changed;
}

/**
 * Restores the original wasm `BatchMatMul` and `_FusedMatMul` kernels. Idempotent.
 *
 * @returns `true` when it restored the kernels, `false` when they were not installed.
 */
export function uninstallFastMatMul(): boolean {
  let changed = false;
  for (const kernelName of KERNEL_NAMES) {
    const installed = installedConfig(registeredKernel(kernelName));
    if (installed === undefined) continue;
    tf.unregisterKernel(kernelName, BACKEND);
    tf.registerKernel(installed[REPLACED]);
    changed = true;
  }
  return changed;
}

/** Whether {@link installFastMatMul}'s kernels are the registered wasm matrix products. */
export function fastMatMulInstalled(): boolean {
  return KERNEL_NAMES.every((name) => installedConfig(registeredKernel(name)) !== undefined);
}
