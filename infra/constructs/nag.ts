import { Aspects, Stack, Validations, type IAspect } from 'aws-cdk-lib';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/**
 * Acknowledgments of cdk-nag findings (AwsSolutions pack, run by test/infra/nag.test.ts), always on the construct
 * that has the finding, each with its reason: a sentence saying why the finding does not apply or is accepted.
 */
export function acknowledge(scope: IConstruct, rule: string, reason: string): void {
  if (reason.length < 40 || !/[.。]$/.test(reason)) throw new Error(`acknowledge ${rule}: give a reason of a full sentence`);
  Validations.of(scope).acknowledge({ id: rule, reason });
}

/** A kind of wildcard an IAM policy under a construct may hold (matched on cdk-nag's finding, e.g. `Resource::…/index/*`). */
export interface AcceptedWildcard {
  readonly finding: RegExp;
  readonly reason: string;
}

/**
 * Acknowledges AwsSolutions-IAM5 findings on the policies under `scope` that match one of `accepted`, each under its
 * own finding id (cdk-nag names a finding by the flattened resource or action, known only once references resolve,
 * so this runs as an aspect). A wildcard that matches none stays a finding.
 */
export function acceptWildcards(scope: IConstruct, accepted: readonly AcceptedWildcard[]): void {
  Aspects.of(scope).add(new AcceptWildcards(accepted));
}

class AcceptWildcards implements IAspect {
  constructor(private readonly accepted: readonly AcceptedWildcard[]) {}

  visit(node: IConstruct): void {
    if (!(node instanceof CfnPolicy)) return;
    const document = Stack.of(node).resolve(node.policyDocument) as { Statement?: { Effect: string; Action: unknown; Resource?: unknown }[] };
    const findings = new Set<string>();
    for (const statement of document.Statement ?? []) {
      if (statement.Effect !== 'Allow') continue;
      for (const a of [statement.Action].flat().map(String)) if (a.includes('*')) findings.add(`Action::${a}`);
      for (const r of [statement.Resource].flat().filter((x) => x !== undefined).map(flattenCfnReference)) {
        if (r.includes('*')) findings.add(`Resource::${r}`);
      }
    }
    for (const finding of findings) {
      const match = this.accepted.find((a) => a.finding.test(finding));
      if (match) acknowledge(node, `AwsSolutions-IAM5[${finding}]`, match.reason);
    }
  }
}
