/** The deployment settings as CDK context gives them: defaults, and clear refusals of what cannot work. */
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HTTP_CONCURRENCY, DEFAULT_JOBS_CONCURRENCY, readSettings } from '../../infra/settings.js';

const read = (context: Record<string, unknown>) => readSettings(new App({ context }).node);

describe('infra settings', () => {
  it('keep logs 180 days, reserve concurrency and make no web ACL by default', () => {
    expect(read({})).toMatchObject({
      logRetentionDays: 180,
      httpConcurrency: DEFAULT_HTTP_CONCURRENCY,
      jobsConcurrency: DEFAULT_JOBS_CONCURRENCY,
      createWebAcl: false,
    });
    expect(read({})).not.toHaveProperty('sesFromAddress');
  });

  it('may lengthen the log retention, never shorten it below 180 days', () => {
    expect(read({ logRetentionDays: '365' }).logRetentionDays).toBe(365);
    expect(() => read({ logRetentionDays: '90' })).toThrow(/at least 180/);
    expect(() => read({ logRetentionDays: '200' })).toThrow(/one of 180, 365/);
  });

  it('take a domain as the uploads bucket’s CORS origin unless origins are given', () => {
    expect(read({ domainName: 'dj.example.org' }).siteOrigins).toEqual(['https://dj.example.org']);
    expect(read({ domainName: 'dj.example.org', siteOrigins: 'https://a.example,https://b.example' }).siteOrigins).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });

  it('refuse an ACM certificate outside us-east-1 and a concurrency below one', () => {
    expect(() => read({ certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/x' })).toThrow(/us-east-1/);
    expect(read({ certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/x' }).certificateArn).toContain('us-east-1');
    expect(() => read({ httpConcurrency: '0' })).toThrow(/httpConcurrency/);
  });
});
