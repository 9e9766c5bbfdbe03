import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { ComparisonOperator, TreatMissingData, type Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface ServiceAlarmsProps {
  /** Subscribed to the alarm topic when given. */
  readonly email?: string;
}

/**
 * Alarms that page someone, all sent to one topic. Thresholds are one event in five minutes: a 500 is always a bug
 * (DESIGN.md), and a failed or throttled job means stale figures for leaders.
 */
export class ServiceAlarms extends Construct {
  readonly topic: Topic;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps = {}) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'Dangjian alarms', enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    this.action = new SnsAction(this.topic);
  }

  /** Errors (uncaught exceptions, timeouts) and throttles of a function. */
  watchFunction(name: string, fn: IFunction): this {
    this.alarm(`${name}Errors`, `${name} function errors`, fn.metricErrors(this.window()));
    this.alarm(`${name}Throttles`, `${name} function throttled`, fn.metricThrottles(this.window()));
    return this;
  }

  /** 5xx answers of the HTTP API, whether the app returned them or the gateway did (integration failures). */
  watchHttpApi(name: string, api: HttpApi): this {
    this.alarm(`${name}ServerErrors`, `${name} answered 5xx`, api.metricServerError(this.window()));
    return this;
  }

  private window() {
    return { period: Duration.minutes(5), statistic: 'Sum' };
  }

  private alarm(id: string, description: string, metric: Metric): void {
    const alarm = metric.createAlarm(this, id, {
      alarmDescription: description,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No traffic is not a fault.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
  }
}
