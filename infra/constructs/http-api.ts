import { HttpApi, PayloadFormatVersion } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export interface AppHttpApiProps {
  /** The function that answers every request: the Hono app routes /api/* and the Remix pages itself. */
  readonly handler: IFunction;
}

/** An HTTP API with one catch-all route to the app. CloudFront sits in front; no CORS is needed (same origin). */
export class AppHttpApi extends Construct {
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: AppHttpApiProps) {
    super(scope, id);

    this.api = new HttpApi(this, 'Api', {
      description: 'Dangjian: every request goes to the one Hono app',
      defaultIntegration: new HttpLambdaIntegration('App', props.handler, {
        // The event shape hono/aws-lambda's `handle` reads.
        payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
      }),
    });
  }

  /** The API's own address, e.g. https://abc123.execute-api.region.amazonaws.com/ */
  get url(): string {
    return this.api.apiEndpoint;
  }
}
