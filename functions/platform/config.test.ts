import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('uses AWS defaults when no local endpoints are given', () => {
    const cfg = loadConfig({ TABLE_NAME: 'prod-table', UPLOADS_BUCKET: 'prod-uploads' });
    expect(cfg).toMatchObject({ tableName: 'prod-table', uploadsBucket: 'prod-uploads', local: false, bodyLimitBytes: 1048576 });
  });
  it('knows it is local when an engine endpoint is set, and uses it for presigned URLs', () => {
    const cfg = loadConfig({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:4567', S3_ENDPOINT: 'http://127.0.0.1:4568' });
    expect(cfg.local).toBe(true);
    expect(cfg.s3PublicEndpoint).toBe('http://127.0.0.1:4568');
  });
  it('says which variable is wrong', () => {
    expect(() => loadConfig({ BODY_LIMIT_BYTES: '-5' })).toThrow(/BODY_LIMIT_BYTES/);
    expect(() => loadConfig({ S3_ENDPOINT: 'not a url' })).toThrow(/S3_ENDPOINT/);
  });
});
