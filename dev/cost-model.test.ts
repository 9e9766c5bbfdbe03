import { describe, expect, it } from 'vitest';
import { billOf, CHINA_PRICES, GLOBAL_PRICES, monthOf, SCENARIOS, type ActionCost, type Measured, type PriceList, type Usage } from './cost-model.js';

const none: ActionCost = { action: '', rcu: 0, wcu: 0, dynamoCalls: 0, httpInvocations: 0, jobInvocations: 0, ms: 0, bytesOut: 0, logBytes: 0 };
const request = (over: Partial<ActionCost> = {}): ActionCost => ({ ...none, httpInvocations: 1, ...over });

const measured: Measured = {
  heartbeatSeconds: 15,
  heartbeat: request({ rcu: 1, wcu: 1 }),
  page: request(),
  answerSave: request(),
  submit: request({ jobInvocations: 1 }),
  checkIn: request(),
  overview: request(),
  jobsPerPerson: none,
  idleRefresh: none,
  refresh: none,
  tableBytesPerPerson: 0,
};

const usage: Usage = { ...SCENARIOS[0]!, name: 'test', people: 10, workingDays: 20, studyMinutesPerDay: 10, pageViewsPerDay: 0, quizzesPerMonth: 1, answerSavesPerQuiz: 0, sessionsPerBranchPerMonth: 0, overviewReaders: 0, assetDownloadsPerMonth: 0, uploadsGb: 0 };

describe('the cost model', () => {
  it('counts heartbeats from study minutes and the beat interval, and their units', () => {
    const month = monthOf(usage, measured);
    // 10 people × 20 days × 600 s / 15 s
    expect(month.counts.find((c) => c.action === 'study heartbeat')!.perMonth).toBe(8000);
    expect(month.totals.rcu).toBe(8000);
    expect(month.totals.wcu).toBe(8000);
  });

  it('counts one http invocation per request and one jobs invocation per refresh a write asked for, beside the schedules', () => {
    const month = monthOf(usage, measured);
    expect(month.totals.httpInvocations).toBe(8000 + 10); // heartbeats + submits
    expect(month.counts.find((c) => c.action === 'refresh after a write')!.perMonth).toBe(10);
    expect(month.totals.jobInvocations).toBe(30 * 24 * 4 + 30 * 24 * 60 + 10);
  });

  it('prices DynamoDB requests per million units and adds the lines up to the total', () => {
    const month = monthOf(usage, measured);
    const bill = billOf(usage, month, GLOBAL_PRICES);
    const dynamo = bill.lines.find((l) => l.service === 'DynamoDB requests')!;
    expect(dynamo.amount).toBeCloseTo(0.008 * GLOBAL_PRICES.dynamoReadMillion.value + 0.008 * GLOBAL_PRICES.dynamoWriteMillion.value, 10);
    expect(bill.total).toBeCloseTo(bill.lines.reduce((sum, l) => sum + l.amount, 0), 10);
  });

  it('marks a line whose price is not verified as assumed', () => {
    const month = monthOf(usage, measured);
    expect(billOf(usage, month, GLOBAL_PRICES).lines.find((l) => l.service === 'Lambda')!.assumed).toBe(false);
    expect(billOf(usage, month, CHINA_PRICES).lines.find((l) => l.service === 'Lambda')!.assumed).toBe(true);
  });

  it('gives every price a source and the day it was read; only verified prices cite a page', () => {
    for (const list of [GLOBAL_PRICES, CHINA_PRICES]) {
      for (const price of Object.values(list).filter((v): v is PriceList['lambdaGbSecond'] => typeof v === 'object')) {
        expect(price.read).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(price.value).toBeGreaterThan(0);
        if (price.verified) expect(price.source).toMatch(/^https?:\/\//);
        else expect(price.source).toMatch(/^assumed: /);
      }
    }
    expect(GLOBAL_PRICES.currency).toBe('USD');
    expect(CHINA_PRICES.currency).toBe('CNY');
  });

  it('keeps logs the retention period: 180 days hold six months of ingestion', () => {
    const logs = { ...usage, studyMinutesPerDay: 0, quizzesPerMonth: 0 };
    const month = monthOf(logs, { ...measured, idleRefresh: { ...none, logBytes: 1e9 / (30 * 24 * 60) } });
    const line = billOf(logs, month, GLOBAL_PRICES).lines.find((l) => l.service === 'CloudWatch Logs')!;
    expect(line.amount).toBeCloseTo(GLOBAL_PRICES.logsIngestGb.value + 6 * GLOBAL_PRICES.logsStorageGbMonth.value, 6);
  });
});
