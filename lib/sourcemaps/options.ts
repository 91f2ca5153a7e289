// What `GET chunk-upload` advertises to sentry-cli, and the limits the upload routes enforce with the same numbers.
import { config } from '../config.ts';

const MiB = 1024 * 1024;

/**
 * 4 MiB chunks (a power of two: sentry-cli <= 2.39.1 requires it), at most 8 MiB per request so a chunk POST stays
 * under Next.js's 10 MB request buffer and nginx setups with a raised `client_max_body_size`.
 */
export const CHUNK_SIZE = 4 * MiB;
export const MAX_REQUEST_SIZE = 8 * MiB;
export const CHUNKS_PER_REQUEST = 64;
/** Bytes of multipart framing allowed around the chunks of one request. */
export const MULTIPART_OVERHEAD = 64 * 1024;

export interface ChunkUploadOptions {
  url: string;
  chunkSize: number;
  chunksPerRequest: number;
  maxRequestSize: number;
  maxFileSize: number;
  maxWait: number;
  concurrency: number;
  hashAlgorithm: 'sha1';
  compression: string[];
  accept: string[];
}

export function chunkUploadOptions(orgSlug: string): ChunkUploadOptions {
  return {
    // Relative: sentry-cli prefixes its own SENTRY_URL, so proxies and base URLs cannot break it.
    url: `/api/0/organizations/${encodeURIComponent(orgSlug)}/chunk-upload/`,
    chunkSize: CHUNK_SIZE,
    chunksPerRequest: CHUNKS_PER_REQUEST,
    maxRequestSize: MAX_REQUEST_SIZE,
    maxFileSize: config().SOURCEMAPS_MAX_BUNDLE_BYTES,
    maxWait: 60,
    concurrency: 4,
    hashAlgorithm: 'sha1',
    compression: ['gzip'],
    // sentry-cli 2.x reads this: without all three it falls back to older upload flows (3.x ignores it).
    accept: ['release_files', 'artifact_bundles', 'artifact_bundles_v2'],
  };
}
