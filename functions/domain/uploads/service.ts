/**
 * Files go around Lambda: the browser PUTs straight to S3 with a presigned URL limited to the declared type and size;
 * before a lesson or course may use the object, the platform checks it (it exists, its size, and for images and PDFs
 * the file's own first bytes). Downloads are short-lived presigned GETs handed only to people allowed to see them.
 */
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { AppError } from '../../platform/errors.js';
import { aws } from '../../platform/aws.js';
import { BoundedMap } from '../../platform/bounded-map.js';
import { config } from '../../platform/config.js';
import { clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { authorize, type Actor } from '../people/permissions.js';
import { uploadEntity } from './entities.js';
import { CreateUploadInput, Upload, uploadRules, type UploadPurpose } from './schema.js';

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
  authorize(actor, 'createUpload');
  const data = CreateUploadInput.parse(input);
  const rules = uploadRules[data.purpose];
  if (!rules.types.includes(data.contentType)) {
    throw new AppError('VALIDATION', { messageKey: 'uploadWrongType', params: { types: rules.types.join(', ') }, details: [{ path: 'contentType' }] });
  }
  if (data.size > rules.maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', { messageKey: 'uploadTooLarge', params: { limit: formatMb(rules.maxBytes) }, details: [{ path: 'size' }] });
  }
  const uploadId = newId();
  const extension = data.contentType.split('/')[1]!.replace('jpeg', 'jpg');
  const key = `uploads/${data.purpose}/${uploadId}.${extension}`;
  const now = clock.now();
  const upload = Upload.parse({
    uploadId,
    key,
    purpose: data.purpose,
    contentType: data.contentType,
    size: data.size,
    fileName: data.fileName,
    status: 'pending',
    createdBy: actor!.personId,
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + pendingDays * 86400,
  });
  await uploadEntity().create(upload).go();
  const url = await getSignedUrl(
    presignClient(),
    new PutObjectCommand({ Bucket: config().uploadsBucket, Key: key, ContentType: data.contentType, ContentLength: data.size }),
    { expiresIn: uploadUrlSeconds, signableHeaders: new Set(['content-type', 'content-length']) },
  );
  return {
    uploadId,
    method: 'PUT' as const,
    url,
    headers: { 'content-type': data.contentType },
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

async function readHead(key: string): Promise<Uint8Array> {
  const object = await aws().s3.send(new GetObjectCommand({ Bucket: config().uploadsBucket, Key: key, Range: 'bytes=0-15' }));
  return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
}

/**
 * The S3 key of an upload the actor made for this purpose, once the object is checked: it exists, its size is the
 * declared one and within the limit, and its first bytes say it is what it claims. A file that fails is deleted.
 */
export async function useUpload(actor: Actor, uploadId: string, purpose: UploadPurpose): Promise<string> {
  const { data } = await uploadEntity().get({ uploadId }).go();
  const nowSeconds = Math.floor(clock.now().getTime() / 1000);
  const upload = data ? Upload.parse(data) : undefined;
  if (!upload || upload.createdBy !== actor.personId || upload.purpose !== purpose || (upload.status === 'pending' && upload.expiresAt <= nowSeconds)) {
    throw new AppError('VALIDATION', { messageKey: 'uploadNotFound', details: [{ path: 'uploadId' }] });
  }
  if (upload.status === 'verified') return upload.key;
  const bucket = config().uploadsBucket;
  let size: number | undefined;
  try {
    size = (await aws().s3.send(new HeadObjectCommand({ Bucket: bucket, Key: upload.key }))).ContentLength;
  } catch {
    throw new AppError('VALIDATION', { messageKey: 'uploadMissing', details: [{ path: 'uploadId' }] });
  }
  const rules = uploadRules[upload.purpose];
  const fits = size !== undefined && size === upload.size && size <= rules.maxBytes;
  const genuine = fits && magicMatches(upload.contentType, await readHead(upload.key));
  if (!fits || !genuine) {
    await aws().s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: upload.key }));
    throw new AppError('VALIDATION', {
      messageKey: fits ? 'uploadNotGenuine' : 'uploadTooLarge',
      params: { limit: formatMb(rules.maxBytes) },
      details: [{ path: 'uploadId' }],
    });
  }
  await uploadEntity().patch({ uploadId }).set({ status: 'verified', expiresAt: nowSeconds + 3650 * 86400 }).go();
  return upload.key;
}

/** Download addresses are signed as of the start of a window this long, so they stay the same within it. */
const signingWindowSeconds = 5 * 60;

/**
 * A short-lived address to read a stored file (valid for at least 10 minutes from now, at most 15). Callers hand it
 * only to people allowed to see the file. Within a 5-minute window the same file gets the same address, and the
 * answer may be kept that long by the person's browser: opening a lesson again does not download its video again.
 */
export async function downloadUrl(key: string): Promise<string> {
  const windowMs = signingWindowSeconds * 1000;
  const windowStart = Math.floor(Date.now() / windowMs) * windowMs;
  const bucket = config().uploadsBucket;
  const memo = `${bucket}|${key}`;
  const known = signed.get(memo);
  if (known?.windowStart === windowStart) return known.url;
  const command = new GetObjectCommand({ Bucket: bucket, Key: key, ResponseCacheControl: `private, max-age=${signingWindowSeconds}` });
  const url = await getSignedUrl(presignClient(), command, { expiresIn: downloadUrlSeconds + signingWindowSeconds, signingDate: new Date(windowStart) });
  signed.set(memo, { windowStart, url });
  return url;
}

/** The address each file got in the current window: the catalogue's covers are signed once per window, not per view. */
const signed = new BoundedMap<string, { windowStart: number; url: string }>(2_000);
