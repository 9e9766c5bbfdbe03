import { Stack, Token } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import type { IConstruct } from 'constructs';

/**
 * Whether a construct's stack is deployed to the China partition (aws-cn), from CDK's region facts. An
 * environment-agnostic stack (no region at synth time) is taken as global: China deployments name their region
 * (`AWS_REGION=cn-northwest-1`), because what exists there differs (no CloudFront Functions, origin access control
 * or SES; an ICP-filed domain is required).
 */
export function inChina(scope: IConstruct): boolean {
  const region = Stack.of(scope).region;
  if (Token.isUnresolved(region)) return false;
  return RegionInfo.get(region).partition === 'aws-cn';
}
