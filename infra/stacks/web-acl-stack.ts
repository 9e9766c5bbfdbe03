import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/** The paths a browser or a script signs in on: the web form and the JSON API. */
export const SIGN_IN_PATHS = ['/login', '/api/auth/login'] as const;
/** Sign-in requests one address may make in five minutes before WAF blocks it for a while (WAF's minimum is 10). */
export const SIGN_IN_RATE_LIMIT = 100;

/**
 * The optional web ACL in front of CloudFront (settings `createWebAcl`, then `webAclArn`). A CLOUDFRONT-scope web ACL
 * must be made in us-east-1 whatever region the service is in, so it is a stack of its own, deployed there first;
 * its ARN is then given to the app stack by setting (docs/decisions/045).
 */
export class WebAclStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      description: 'Dangjian site: AWS managed common rules and a rate limit on sign-in',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('dangjian-site'),
      rules: [
        {
          name: 'aws-common',
          priority: 0,
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              // Question imports and long answers are JSON bodies over the rule's 8 KB; they are counted, not blocked.
              ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
            },
          },
          overrideAction: { none: {} },
          visibilityConfig: visibility('aws-common'),
        },
        {
          name: 'sign-in-rate',
          priority: 1,
          statement: {
            rateBasedStatement: {
              limit: SIGN_IN_RATE_LIMIT,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                orStatement: {
                  statements: SIGN_IN_PATHS.map((path) => ({
                    byteMatchStatement: {
                      fieldToMatch: { uriPath: {} },
                      positionalConstraint: 'STARTS_WITH',
                      searchString: path,
                      textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
                    },
                  })),
                },
              },
            },
          },
          action: { block: {} },
          visibilityConfig: visibility('sign-in-rate'),
        },
      ],
    });

    new CfnOutput(this, 'WebAclArn', { value: this.webAcl.attrArn, description: 'Give this to the app stack as webAclArn' });
  }
}
