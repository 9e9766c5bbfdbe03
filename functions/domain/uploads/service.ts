/**
 * Files go around Lambda: the browser PUTs straight to S3 with a presigned URL limited to the declared type and size,
 * under `incoming/`. The platform then checks the object (it exists, its size, the file's own first bytes) and copies
 * exactly the bytes it checked to the key readers are handed, under `uploads/`, which no presigned PUT ever names: a
 * PUT replayed with the still-valid URL lands in `incoming/` again and reaches nobody. Downloads are short-lived
 * presigned GETs, handed only to people allowed to see them, that carry the type and disposition the platform chose.
 */
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { AppError } from '../../platform/errors.js';
import { aws } from '../../platform/aws.js';
import { BoundedMap } from '../../platform/bounded-map.js';
import { config } from '../../platform/config.js';
import { clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import type { MessageRef } from '../../platform/i18n.js';
import { authorize, uploadPurposesFor, type Actor } from '../authz/permissions.js';
import { deliveryOf } from './delivery.js';
import { incomingKey, storedKey } from './keys.js';
import { CreateUploadInput, Upload, uploadRules, type CheckedUpload, type UploadPurpose } from './schema.js';
import { holdForCheck, insertUpload, markVerified, readUpload, releaseHold } from './store.js';
import { uploadsMessages } from './messages.js';

const uploadUrlSeconds = 15 * 60;
const downloadUrlSeconds = 10 * 60;
const pendingDays = 1;

let presigner: S3Client | undefined;
/** Presigned URLs must name an address the browser reaches: locally s3rver's public endpoint. */
function presignClient(): S3Client {
  const cfg = config();
  if (!cfg.s3PublicEndpoint || cfg.s3PublicEndpoint === cfg.s3Endpoint) return aws().s3;
  presigner ??= new S3Client({
    region: cfg.region,
    endpoint: cfg.s3PublicEndpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  return presigner;
}

function formatMb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** Checks the declared type and size, records a pending upload, and hands out a presigned PUT for exactly that. */
export async function createUpload(actor: Actor | null, input: unknown) {
  const grant = authorize(actor, 'createUpload');
  const data = CreateUploadInput.parse(input);
  if (!uploadPurposesFor(grant).includes(data.purpose)) throw new AppError('FORBIDDEN', { messageKey: uploadsMessages.uploadPurposeNotYours });
  const rules = uploadRules[data.purpose];
  const contentType = data.contentType.trim().toLowerCase();
  const extension = Object.hasOwn(rules.types, contentType) ? rules.types[contentType] : undefined;
  if (!extension) throw new AppError('VALIDATION', { messageKey: rules.wrongType, details: [{ path: 'contentType' }] });
  if (data.size > rules.maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', { messageKey: uploadsMessages.uploadTooLarge, params: { limit: formatMb(rules.maxBytes) }, details: [{ path: 'size' }] });
  }
  const uploadId = newId();
  const now = clock.now();
  const upload = Upload.parse({
    uploadId,
    key: storedKey(data.purpose, uploadId, extension),
    incomingKey: incomingKey(data.purpose, uploadId, extension),
    purpose: data.purpose,
    contentType,
    size: data.size,
    fileName: data.fileName,
    status: 'pending',
    createdBy: actor!.personId,
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + pendingDays * 86400,
  });
  await insertUpload(upload);
  const url = await getSignedUrl(
    presignClient(),
    new PutObjectCommand({ Bucket: config().uploadsBucket, Key: upload.incomingKey, ContentType: contentType, ContentLength: data.size }),
    { expiresIn: uploadUrlSeconds, signableHeaders: new Set(['content-type', 'content-length']) },
  );
  return {
    uploadId,
    method: 'PUT' as const,
    url,
    headers: { 'content-type': contentType },
    expiresAt: new Date(now.getTime() + uploadUrlSeconds * 1000).toISOString(),
  };
}

/** The first bytes each kind of file must start with (its "magic"). */
function magicMatches(contentType: string, head: Uint8Array): boolean {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  switch (contentType) {
    case 'application/pdf':
      return ascii(0, 5) === '%PDF-';
    case 'image/png':
      return head[0] === 0x89 && ascii(1, 4) === 'PNG';
    case 'image/jpeg':
      return head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
    case 'image/webp':
      return ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP';
    case 'video/mp4':
      return ascii(4, 8) === 'ftyp';
    case 'video/webm':
      return head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3;
    default:
      return false;
  }
}

/** An S3 failure of this HTTP status or error name. */
function s3Failed(error: unknown, status: number, ...names: string[]): boolean {
  const name = error instanceof Error ? error.name : '';
  return names.includes(name) || (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode === status;
}
const isMissing = (error: unknown) => s3Failed(error, 404, 'NotFound', 'NoSuchKey');
/** The object changed between two steps of the check (S3 answers 412 to an If-Match that no longer holds). */
const isChanged = (error: unknown) => s3Failed(error, 412, 'PreconditionFailed');
/** A ranged read of an empty object. */
const isEmpty = (error: unknown) => s3Failed(error, 416, 'InvalidRange');

const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);

/** An upload the actor made, still usable: verified, or pending within its time and made the current way. */
function usable(upload: Upload | undefined, actor: Actor): upload is Upload {
  if (!upload || upload.createdBy !== actor.personId) return false;
  if (upload.status === 'verified') return true;
  return Boolean(upload.incomingKey) && upload.expiresAt > nowSeconds();
}

const refused = (messageKey: MessageRef, limit = 0) =>
  new AppError('VALIDATION', { messageKey, params: { limit: formatMb(limit) }, details: [{ path: 'uploadId' }] });

/** How long one check may hold an upload; a check that dies leaves it to the next after this. */
const checkLeaseSeconds = 60;
/** How long a check that finds another one running waits for its verdict, and how often it looks. */
const waitForOtherCheckMs = 20_000;
const lookEveryMs = 200;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Checks a pending upload and moves it where readers may get it, one check at a time: checks that arrive together (two
 * tabs, or the upload field and a save) wait for the one that holds the upload, so a file is copied once.
 */
async function verify(upload: Upload): Promise<void> {
  const deadline = Date.now() + waitForOtherCheckMs;
  for (;;) {
    if (await holdForCheck(upload.uploadId, nowSeconds(), checkLeaseSeconds)) {
      try {
        await checkAndCopy(upload);
        return;
      } catch (error) {
        // Refused or failed: the next check may start at once (it will find a refused file gone).
        await releaseHold(upload.uploadId);
        throw error;
      }
    }
    const current = await readUpload(upload.uploadId);
    if (!current) throw refused(uploadsMessages.uploadMissing);
    if (current.status === 'verified') return;
    if (Date.now() > deadline) throw new AppError('CONFLICT', { messageKey: uploadsMessages.uploadBeingChecked });
    await sleep(lookEveryMs);
  }
}

/**
 * The check itself. One ranged read gives the incoming object's size, its first bytes and its version (ETag); the copy
 * names that version, so a PUT replayed during the check makes the check fail (412) rather than slip other bytes into
 * the copy. A file that fails is deleted.
 */
async function checkAndCopy(upload: Upload): Promise<void> {
  const s3 = aws().s3;
  const bucket = config().uploadsBucket;
  const source = upload.incomingKey!;
  const rules = uploadRules[upload.purpose];
  let etag: string | undefined;
  let size = Number.NaN;
  let first: Uint8Array = new Uint8Array();
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: source, Range: 'bytes=0-15' }));
    etag = object.ETag;
    // Content-Range ends with the whole object's size; a server that ignores the range sends the whole object.
    size = Number(/\/(\d+)$/.exec(object.ContentRange ?? '')?.[1] ?? object.ContentLength);
    if (object.Body) first = await object.Body.transformToByteArray();
  } catch (error) {
    if (isMissing(error)) throw refused(uploadsMessages.uploadMissing);
    // An empty object has no first bytes to read.
    if (!isEmpty(error)) throw error;
    size = 0;
  }
  const discard = () => s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: source }));
  if (size !== upload.size || size > rules.maxBytes) {
    await discard();
    throw size > rules.maxBytes ? refused(uploadsMessages.uploadTooLarge, rules.maxBytes) : refused(uploadsMessages.uploadIncomplete);
  }
  if (!magicMatches(upload.contentType, first)) {
    await discard();
    throw refused(uploadsMessages.uploadNotGenuine);
  }
  const delivery = deliveryOf(upload.key, upload.fileName);
  try {
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: upload.key,
        CopySource: `${bucket}/${source}`,
        ...(etag ? { CopySourceIfMatch: etag } : {}),
        MetadataDirective: 'REPLACE',
        ContentType: delivery.contentType,
        ContentDisposition: delivery.disposition,
      }),
    );
  } catch (error) {
    if (isChanged(error)) throw refused(uploadsMessages.uploadChanged);
    if (isMissing(error)) throw refused(uploadsMessages.uploadMissing);
    throw error;
  }
  // False only if this check outlived its hold and a later one finished first: the stored file is one that one checked.
  await markVerified(upload.uploadId, nowSeconds() + 3650 * 86400);
  await discard();
}

async function checkedUpload(actor: Actor, uploadId: string, purpose: UploadPurpose | undefined, notFound: () => AppError): Promise<Upload> {
  const upload = await readUpload(uploadId);
  if (!usable(upload, actor) || (purpose && upload.purpose !== purpose)) throw notFound();
  if (upload.status === 'pending') await verify(upload);
  return upload;
}

/**
 * Checks the uploader's own upload right after the browser stored it, so the page can say "accepted" or why not
 * before the form is sent. Someone else's upload, or an unknown or expired one, is not found.
 */
export async function checkUpload(actor: Actor | null, uploadId: string): Promise<CheckedUpload> {
  authorize(actor, 'checkUpload');
  const upload = await checkedUpload(actor!, uploadId, undefined, () => new AppError('NOT_FOUND', { messageKey: uploadsMessages.uploadNotFound }));
  return { uploadId: upload.uploadId, status: 'verified', fileName: upload.fileName, contentType: upload.contentType, size: upload.size };
}

/**
 * The S3 key of an upload the actor made for this purpose, once the object is checked (checked now if it was not
 * yet). Only this key is ever given to readers.
 */
export async function useUpload(actor: Actor, uploadId: string, purpose: UploadPurpose): Promise<string> {
  const upload = await checkedUpload(actor, uploadId, purpose, () => new AppError('VALIDATION', { messageKey: uploadsMessages.uploadNotFound, details: [{ path: 'uploadId' }] }));
  return upload.key;
}

/** As useUpload, with the name the file had on the uploader's computer (offered again on download). */
export async function useUploadFile(actor: Actor, uploadId: string, purpose: UploadPurpose): Promise<{ key: string; fileName: string }> {
  const upload = await checkedUpload(actor, uploadId, purpose, () => new AppError('VALIDATION', { messageKey: uploadsMessages.uploadNotFound, details: [{ path: 'uploadId' }] }));
  return { key: upload.key, fileName: upload.fileName };
}

/** Download addresses are signed as of the start of a window this long, so they stay the same within it. */
const signingWindowSeconds = 5 * 60;

/**
 * A short-lived address to read a stored file (valid for at least 10 minutes from now, at most 15), carrying the
 * type and disposition the platform decided (deliveryOf), offered under `fileName` if given. Callers hand it only to
 * people allowed to see the file. Within a 5-minute window the same file gets the same address, and the answer may be
 * kept that long by the person's browser: opening a lesson again does not download its video again.
 */
export async function downloadUrl(key: string, fileName?: string): Promise<string> {
  const windowMs = signingWindowSeconds * 1000;
  const windowStart = Math.floor(Date.now() / windowMs) * windowMs;
  const bucket = config().uploadsBucket;
  const memo = `${bucket}|${key}|${fileName ?? ''}`;
  const known = signed.get(memo);
  if (known?.windowStart === windowStart) return known.url;
  const delivery = deliveryOf(key, fileName);
  const command = new GetObjectCommand({
    Bucket: bucket,
    Key: key,
    ResponseCacheControl: `private, max-age=${signingWindowSeconds}`,
    ResponseContentType: delivery.contentType,
    ResponseContentDisposition: delivery.disposition,
  });
  const url = await getSignedUrl(presignClient(), command, { expiresIn: downloadUrlSeconds + signingWindowSeconds, signingDate: new Date(windowStart) });
  signed.set(memo, { windowStart, url });
  return url;
}

/** The address each file got in the current window: the catalogue's covers are signed once per window, not per view. */
const signed = new BoundedMap<string, { windowStart: number; url: string }>(2_000);
