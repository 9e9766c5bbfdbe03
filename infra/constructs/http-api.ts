import { HttpApi, HttpStage, LogGroupLogDestination, PayloadFormatVersion } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from './nag.js';

export interface AppHttpApiProps {
  /** The function that answers every request: the Hono app routes /api/* and the Remix pages itself. */
  readonly handler: IFunction;
  /** Days the access log is kept. */
  readonly logRetentionDays: number;
}

/**
 * One JSON line per request in the access log, with the HTTP API's own context variables (behind CloudFront,
 * `ip` is the edge's address; the viewer's is in the app's audit log).
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  method: '$context.httpMethod',
  path: '$context.path',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
} as const;

/** An HTTP API with one catch-all route to the app and an access log. CloudFront sits in front; no CORS is needed. */
export class AppHttpApi extends Construct {
  readonly api: HttpApi;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: AppHttpApiProps) {
    super(scope, id);

    this.api = new HttpApi(this, 'Api', {
      description: 'Dangjian: every request goes to the one Hono app',
      defaultIntegration: new HttpLambdaIntegration('App', props.handler, {
        // The event shape hono/aws-lambda's `handle` reads.
        payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
      }),
      // Made below, so it can carry the access log.
      createDefaultStage: false,
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetentionDays as RetentionDays });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    acknowledge(
      this.api,
      'AwsSolutions-APIG4',
      'Authorization is the application’s own: every route checks the session cookie and the permission table itself, and pages that need no sign-in are public by design.',
    );
  }

  /** The API's own address, e.g. https://abc123.execute-api.region.amazonaws.com/ */
  get url(): string {
    return this.api.apiEndpoint;
  }
}
