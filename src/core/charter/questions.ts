/**
 * The charter interview: the questions (ids as upstream's, so its answers files are read as they are),
 * a heading for each in charter.md, and neutral answers `--defaults` uses. Our own words.
 */
export type Profile = "minimal" | "comprehensive";
export const PROFILES: readonly Profile[] = ["minimal", "comprehensive"];

export interface Question {
  id: string;
  /** What the interview asks. */
  prompt: string;
  /** The `## ` heading of the answer's section in charter.md. */
  heading: string;
  /** The label of its line in the Policy Summary. */
  label: string;
  /** What `--defaults` answers (and the interview proposes). */
  fallback: string;
  profile: Profile;
}

const q = (
  id: string,
  heading: string,
  label: string,
  prompt: string,
  fallback: string,
  profile: Profile = "minimal",
): Question => ({
  id,
  heading,
  label,
  prompt,
  fallback,
  profile,
});

export const QUESTIONS: readonly Question[] = [
  q(
    "project_intent",
    "Project Intent",
    "Intent",
    "What is the project for, and who uses it?",
    "State who the software serves and the problem it solves; every mission should trace back to it.",
  ),
  q(
    "languages_frameworks",
    "Languages and Frameworks",
    "Stack",
    "Which languages, frameworks and main libraries does it use (and which are off limits)?",
    "Use the languages and frameworks already in the repository; adding a new one is a plan-level decision.",
  ),
  q(
    "testing_requirements",
    "Testing Requirements",
    "Testing",
    "How is the code tested, and what must every change come with?",
    "Every behaviour change comes with a test that fails without it; the whole suite passes before review.",
  ),
  q(
    "quality_gates",
    "Quality Gates",
    "Quality gates",
    "Which checks must pass before work is handed in (lint, types, coverage, …)?",
    "Formatting, linting and type checks pass with no new warnings.",
  ),
  q(
    "review_policy",
    "Review Policy",
    "Review",
    "How is work reviewed, and what does a reviewer refuse?",
    "A reviewer other than the implementer approves each work package; unclear or untested changes go back.",
  ),
  q(
    "performance_targets",
    "Performance Targets",
    "Performance",
    "Which speed, size or resource limits matter?",
    "No change makes a user-facing operation noticeably slower; state measurable targets in the spec when they matter.",
  ),
  q(
    "deployment_constraints",
    "Deployment Constraints",
    "Deployment",
    "Where and how does it run, and what constrains releases?",
    "Releases are reproducible from the repository; configuration and secrets never live in the code.",
  ),
  q(
    "documentation_policy",
    "Documentation Policy",
    "Documentation",
    "What must be documented, and where?",
    "User-visible changes update the README or user guide in the same work package.",
    "comprehensive",
  ),
  q(
    "risk_boundaries",
    "Risk Boundaries",
    "Risk",
    "What must never happen (data loss, security, compliance)?",
    "Never lose or leak user data; changes to authentication, payments or stored data get an explicit risk note.",
    "comprehensive",
  ),
  q(
    "amendment_process",
    "Amendment Process",
    "Amendments",
    "How is this charter changed?",
    "Anyone may propose a change; it takes effect when the maintainers agree and charter.md is updated.",
    "comprehensive",
  ),
  q(
    "exception_policy",
    "Exception Policy",
    "Exceptions",
    "When may a rule be broken, and how is that recorded?",
    "An exception is written down in the work package with its reason and an end date.",
    "comprehensive",
  ),
];

export function questionsFor(profile: Profile): Question[] {
  return QUESTIONS.filter((question) => profile === "comprehensive" || question.profile === "minimal");
}
