import type { z } from 'zod';

export interface ContractIssue {
  /** Dotted field path from the root of the checked value, e.g. `payload.crawler.0.status`. */
  path: string;
  message: string;
}

/**
 * A value broke its contract. The message names every offending field path so that a DLQ entry or a
 * log line is enough to see what the provider (or a producer of ours) got wrong.
 */
export class ContractViolationError extends Error {
  readonly issues: ContractIssue[];

  constructor(issues: ContractIssue[], context?: string) {
    const summary = issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ');
    super(context ? `${context}: ${summary}` : summary);
    this.name = 'ContractViolationError';
    this.issues = issues;
  }

  static fromZod(error: z.ZodError, context?: string): ContractViolationError {
    return new ContractViolationError(flattenIssues(error.issues, []), context);
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((segment) => String(segment)).join('.');
}

type ZodIssueLike = z.core.$ZodIssue;

// A failed union reports "Invalid input" at the union's path; the useful detail is inside the
// branches. Branches rejected only for their root type (not even the right kind of value) are noise.
function flattenIssues(issues: readonly ZodIssueLike[], prefix: readonly PropertyKey[]): ContractIssue[] {
  return issues.flatMap((issue): ContractIssue[] => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const relevant = issue.errors.filter(
        (branch) =>
          !(branch.length === 1 && branch[0].code === 'invalid_type' && branch[0].path.length === 0),
      );
      if (relevant.length > 0) return relevant.flatMap((branch) => flattenIssues(branch, path));
      const expected = issue.errors.map((branch) => (branch[0] as { expected?: string }).expected ?? '?');
      return [{ path: formatPath(path), message: `expected ${[...new Set(expected)].join(' or ')}` }];
    }
    // zod prefixes type errors with "Invalid input: "; the path already says where.
    return [{ path: formatPath(path), message: issue.message.replace(/^Invalid input: /, '') }];
  });
}
