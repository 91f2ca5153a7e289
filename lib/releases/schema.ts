// Request bodies of the release endpoints (parsed at the edge by the route handlers).
import { z } from 'zod';
import { versionSchema } from './version.ts';

/** ISO 8601 with an offset (sentry-cli sends nanoseconds); null clears. */
const date = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const url = z.string().max(1000).nullish();

const ref = z.object({
  repository: z.string().trim().min(1).max(200),
  commit: z.string().trim().min(1).max(64),
  previousCommit: z.string().trim().max(64).nullish(),
});

const commit = z.object({
  id: z.string().trim().min(1).max(64),
  repository: z.string().trim().max(200).nullish(),
  message: z.string().max(10_000).nullish(),
  author_name: z.string().max(200).nullish(),
  author_email: z.string().max(200).nullish(),
  timestamp: z.string().max(64).nullish(),
});

const fields = {
  ref: z.string().max(200).nullish(),
  url,
  dateStarted: date.nullish(),
  dateReleased: date.nullish(),
  refs: z.array(ref).max(100).optional(),
  commits: z.array(commit).max(1000).optional(),
};

export const newReleaseSchema = z.object({
  version: versionSchema,
  // sentry-cli sends numeric ids as numbers and slugs as strings.
  projects: z
    .array(
      z.union([
        z.string().min(1).max(50),
        z
          .number()
          .int()
          .positive()
          .max(2 ** 31 - 1),
      ]),
    )
    .min(1, 'at least one project is required')
    .max(1000),
  ...fields,
});

/** The project-scoped create: the URL names the project, `projects` may add others. */
export const newProjectReleaseSchema = newReleaseSchema.extend({
  projects: newReleaseSchema.shape.projects.optional(),
});

export const updateReleaseSchema = z.object({
  ...fields,
  // Sent by `sentry-cli releases finalize`; Sentry ignores it on update, and so does Faultline.
  projects: z.array(z.union([z.string(), z.number()])).optional(),
  status: z.literal('open', { message: 'only "open" is supported (archiving is not)' }).optional(),
});

export const newDeploySchema = z.object({
  environment: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[^/\n\r\t]+$/, 'must not contain slashes or line breaks'),
  name: z.string().max(64).nullish(),
  url,
  dateStarted: date.nullish(),
  dateFinished: date.nullish(),
  projects: z.array(z.string()).optional(),
});

export const newRepoSchema = z.object({ name: z.string().trim().min(1).max(200), url });
