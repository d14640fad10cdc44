import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { ArchiveReader, ReaderState } from '../ingest/index.js';
import { buildSearchIndex, type SearchIndex, type SearchIndexOptions, type SerializedMiniSearch } from '../search/index.js';

/**
 * A snapshot is the built index on disk: the archive reader's memory (every
 * file's parse) and the serialized MiniSearch index, so a start needs no
 * markdown parsing and no indexing. Bump SNAPSHOT_VERSION whenever items or
 * the index change shape: an older snapshot is then refused, not misread.
 */
export const SNAPSHOT_FORMAT = 'ebpf-updates-archive snapshot';
export const SNAPSHOT_VERSION = 3;
const PACKAGE_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The first line of the file: read and checked before the (large) rest is parsed. */
export interface SnapshotHeader {
  format: string;
  version: number;
  packageVersion: string;
  createdAt: string;
  archiveDir: string;
  revision: string | null;
  issues: number;
  items: number;
  /** The index version (hash of the items) it must rebuild to. */
  indexVersion: string;
  payloadBytes: number;
  payloadSha256: string;
}

interface SnapshotPayload {
  reader: ReaderState;
  minisearch: SerializedMiniSearch;
}

export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

/** Writes the snapshot next to `file` and renames it into place: a reader never sees half of one. */
export async function writeSnapshot(file: string, reader: ArchiveReader, index: SearchIndex, revision: string | null = null): Promise<SnapshotHeader> {
  const payload = JSON.stringify({ reader: reader.state(), minisearch: index.minisearch.toJSON() } satisfies SnapshotPayload);
  const bytes = Buffer.from(payload);
  const header: SnapshotHeader = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    packageVersion: PACKAGE_VERSION,
    createdAt: new Date().toISOString(),
    archiveDir: reader.root,
    revision,
    issues: index.issues.length,
    items: index.size,
    indexVersion: index.contentVersion,
    payloadBytes: bytes.length,
    payloadSha256: createHash('sha256').update(bytes).digest('hex'),
  };
  const partial = `${file}.partial-${process.pid}`;
  await writeFile(partial, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), bytes]));
  await rename(partial, file);
  return header;
}

/** Enough bytes for any header; the payload after it can be gigabytes and is not read. */
const HEADER_MAX_BYTES = 64 * 1024;

/** A snapshot's header alone, read before anything listens (which archive it was made from). */
export function readSnapshotHeader(file: string): SnapshotHeader {
  const buffer = Buffer.alloc(HEADER_MAX_BYTES);
  let length: number;
  try {
    const fd = openSync(file, 'r');
    try {
      length = readSync(fd, buffer, 0, buffer.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new SnapshotError(`cannot read snapshot ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseHeader(file, buffer.subarray(0, length));
}

function parseHeader(file: string, bytes: Buffer): SnapshotHeader {
  const newline = bytes.indexOf(10);
  let header: SnapshotHeader;
  try {
    header = JSON.parse(bytes.subarray(0, newline < 0 ? bytes.length : newline).toString('utf8')) as SnapshotHeader;
  } catch {
    throw new SnapshotError(`${file} is not a snapshot (its first line is not a snapshot header)`);
  }
  if (header.format !== SNAPSHOT_FORMAT) throw new SnapshotError(`${file} is not a snapshot of this service (format ${JSON.stringify(header.format)})`);
  return header;
}

/**
 * Loads a snapshot into `reader` and returns the index it holds. Anything
 * wrong (another format or version, truncation, a checksum or count that does
 * not match) is a SnapshotError saying what, and `reader` is left untouched.
 */
export async function loadSnapshot(file: string, reader: ArchiveReader, options: Omit<SearchIndexOptions, 'minisearch'>): Promise<{ header: SnapshotHeader; index: SearchIndex }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new SnapshotError(`cannot read snapshot ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const newline = bytes.indexOf(10);
  const header = parseHeader(file, bytes);
  if (header.version !== SNAPSHOT_VERSION || header.packageVersion !== PACKAGE_VERSION) {
    throw new SnapshotError(`${file} is snapshot version ${header.version} of ebpf-updates-archive ${header.packageVersion}; this is version ${SNAPSHOT_VERSION} of ${PACKAGE_VERSION}: make a new one with \`ebpf-archive index --out\``);
  }
  const body = bytes.subarray(newline + 1);
  if (body.length !== header.payloadBytes || createHash('sha256').update(body).digest('hex') !== header.payloadSha256) {
    throw new SnapshotError(`${file} is corrupt or truncated (${body.length} of ${header.payloadBytes} bytes, checksum mismatch)`);
  }
  try {
    const payload = JSON.parse(body.toString('utf8')) as SnapshotPayload;
    const index = buildSearchIndex(reader.restore(payload.reader), { ...options, minisearch: payload.minisearch });
    if (index.contentVersion !== header.indexVersion) throw new Error(`it rebuilds to other items than it was made from (index ${index.contentVersion}, expected ${header.indexVersion})`);
    return { header, index };
  } catch (error) {
    reader.reset();
    throw new SnapshotError(`${file} does not hold a usable index: ${(error as Error).message}`);
  }
}
