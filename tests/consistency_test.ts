/**
 * For every chapter with a spec module in tests/specs/: its notebook's exercise cells, its
 * solutions module and its specs agree (see lib/grading/consistency.ts for the rules).
 */
import { chapterConsistencyProblems } from "../lib/grading/consistency.ts";
import { knownChapters } from "../lib/grading/notebook.ts";

for (const id of await knownChapters()) {
  Deno.test(`chapter ${id}: notebook, solutions and specs agree`, async () => {
    const problems = await chapterConsistencyProblems(id);
    if (problems.length > 0) {
      throw new Error(`chapter ${id} is out of step:\n  - ${problems.join("\n  - ")}`);
    }
  });
}
