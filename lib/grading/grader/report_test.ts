/**
 * The grader's outputs, on hand-made grades: CSV quoting, columns of mixed chapters,
 * escaping of student-controlled text in HTML and XML, and the counts a platform reads.
 */
import { assert, assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import {
  type ExerciseGrade,
  feedbackHtml,
  feedbackMarkdown,
  gradebookCsv,
  gradesJson,
  junitXml,
  type SubmissionGrade,
  summaryTable,
} from "./report.ts";

function exercise(
  name: string,
  status: ExerciseGrade["status"],
  points: number,
  maxPoints: number,
  extra: Partial<ExerciseGrade> = {},
): ExerciseGrade {
  return {
    exercise: name,
    title: `Title of ${name}`,
    points,
    maxPoints,
    status,
    message: status === "passed" ? "Passed." : `${name} went wrong`,
    notes: [],
    ...extra,
  };
}

const ADA: SubmissionGrade = {
  student: "ada",
  file: "class/ada/01_mdp.ipynb",
  chapter: "01_mdp",
  status: "graded",
  exercises: [
    exercise("toyValues", "passed", 2, 2),
    exercise("valueIteration", "failed", 0, 3, {
      message: "valueIteration(env): expected 1.5 at [0], got 1\nsecond line",
      hint: "Discount the next state's value by gamma.",
      mistake: "forgot-discount",
      kind: "wrong",
      notes: ["Found by its name in cell 12 (the cell's exercise metadata was missing)."],
    }),
  ],
  total: 2,
  max: 5,
  seconds: 1.25,
};

const HOSTILE: SubmissionGrade = {
  student: 'Smith, "<b>Jo</b>"',
  file: "class/smith.ipynb",
  chapter: "01_mdp",
  status: "graded",
  exercises: [
    exercise("toyValues", "rejected", 0, 2, {
      message: "</pre><script>alert('x')</script> & more",
    }),
    exercise("valueIteration", "timeout", 0, 3),
  ],
  total: 0,
  max: 5,
  seconds: 10,
};

const BROKEN: SubmissionGrade = {
  student: "bob",
  file: "class/bob.ipynb",
  status: "unreadable",
  reason: "class/bob.ipynb: not valid JSON: line 3 column 1: unexpected end",
  exercises: [],
  total: 0,
  max: 0,
  seconds: 0.01,
};

Deno.test("gradebookCsv: a row per student, a column per exercise, quoted where needed", () => {
  assertEquals(
    gradebookCsv([ADA, HOSTILE, BROKEN]),
    [
      "student,file,status,toyValues,valueIteration,total,max",
      "ada,class/ada/01_mdp.ipynb,graded,2,0,2,5",
      '"Smith, ""<b>Jo</b>""",class/smith.ipynb,graded,0,0,0,5',
      "bob,class/bob.ipynb,unreadable,0,0,0,0",
      "",
    ].join("\n"),
  );
});

Deno.test("gradebookCsv: a batch of several chapters names columns by chapter", () => {
  const other: SubmissionGrade = {
    ...ADA,
    student: "cy",
    chapter: "00_tools",
    exercises: [exercise("softmax", "passed", 1, 1)],
    total: 1,
    max: 1,
  };
  assertEquals(
    gradebookCsv([ADA, other]).split("\n")[0],
    "student,file,status,01_mdp/toyValues,01_mdp/valueIteration,00_tools/softmax,total,max",
  );
  assertEquals(
    gradebookCsv([ADA, other]).split("\n")[2],
    "cy,class/ada/01_mdp.ipynb,graded,0,0,1,1,1",
  );
});

Deno.test("gradesJson: every field, versioned", () => {
  const parsed = JSON.parse(gradesJson([ADA, BROKEN]));
  assertEquals(parsed, { version: 1, submissions: [ADA, BROKEN] });
});

Deno.test("feedbackMarkdown: score, result and hint per exercise, notes, quoted messages", () => {
  const md = feedbackMarkdown(ADA);
  assertStringIncludes(md, "Chapter 01_mdp. **Score: 2 / 5**");
  assertStringIncludes(md, "## Title of toyValues (`toyValues`): Passed, 2/2\n\n## ");
  assertStringIncludes(
    md,
    "## Title of valueIteration (`valueIteration`): Failed, 0/3\n\n" +
      "> valueIteration(env): expected 1.5 at [0], got 1\n> second line\n\n" +
      "Hint: Discount the next state's value by gamma.\n\n" +
      "- Found by its name in cell 12 (the cell's exercise metadata was missing).\n",
  );
  const broken = feedbackMarkdown(BROKEN);
  assertStringIncludes(broken, `**Your notebook could not be read:** ${BROKEN.reason}`);
  assertStringIncludes(broken, "Score: 0");
});

Deno.test("feedbackHtml: student-controlled text is escaped", () => {
  const html = feedbackHtml(HOSTILE);
  assert(!html.includes("<script>"), "a script tag got through");
  assert(!html.includes("<b>Jo</b>"), "markup in the student id got through");
  assertStringIncludes(html, "&lt;/pre&gt;&lt;script&gt;alert('x')&lt;/script&gt; &amp; more");
  assertStringIncludes(html, "<title>Feedback: Smith, &quot;&lt;b&gt;Jo&lt;/b&gt;&quot;</title>");
  assertMatch(html, /<section class="exercise rejected">.*Rejected.*0\/2/);
  assertMatch(html, /<section class="exercise timeout">.*Timed out.*0\/3/);
  assertMatch(
    feedbackHtml(BROKEN),
    /could not be read:<\/strong> class\/bob\.ipynb: not valid JSON/,
  );
});

Deno.test("junitXml: a suite per student, failures and errors counted, text escaped", () => {
  const xml = junitXml([ADA, HOSTILE, BROKEN]);
  assertStringIncludes(
    xml,
    '<testsuite name="ada" tests="2" failures="1" errors="0" time="1.250">\n' +
      '    <testcase classname="ada" name="toyValues"/>\n' +
      '    <testcase classname="ada" name="valueIteration"><failure type="failed" ' +
      'message="valueIteration(env): expected 1.5 at [0], got 1">' +
      "valueIteration(env): expected 1.5 at [0], got 1\nsecond line</failure></testcase>",
  );
  assertStringIncludes(
    xml,
    '<testsuite name="Smith, &quot;&lt;b&gt;Jo&lt;/b&gt;&quot;" tests="2" failures="0" errors="2"',
  );
  assertStringIncludes(
    xml,
    '<error type="rejected" message="&lt;/pre&gt;&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; more">',
  );
  assertStringIncludes(
    xml,
    '<testsuite name="bob" tests="1" failures="0" errors="1" time="0.010">\n' +
      '    <testcase classname="bob" name="notebook"><error message="unreadable">',
  );
  assert(!xml.includes("<script>"));
  assertEquals(xml.match(/<testsuite /g)?.length, 3);
});

Deno.test("summaryTable: aligned columns, statuses counted, long reasons cut", () => {
  const long: SubmissionGrade = { ...BROKEN, reason: "x".repeat(100) };
  const lines = summaryTable([ADA, long]).split("\n");
  assertEquals(lines[0], `student  score  exercises`);
  assertEquals(lines[1], `-------  -----  ${"-".repeat(70)}`);
  assertEquals(lines[2], "ada      2/5    1 passed, 1 failed");
  assertEquals(lines[3], `bob      0/0    unreadable: ${"x".repeat(57)}…`);
});
