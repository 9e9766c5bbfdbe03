import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { table as definition } from '../../functions/platform/table.js';

/**
 * The single DynamoDB table, built from the same definition the code and the local engine use
 * (functions/platform/table.ts), so keys and indexes cannot drift between AWS and local.
 *
 * `Table` (AWS::DynamoDB::Table) rather than `TableV2` (AWS::DynamoDB::GlobalTable): one region, no replicas, and
 * the plain resource is available in every partition this may be deployed to, China's included.
 */
export class AppTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.table = new Table(this, 'Table', {
      partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: definition.sortKey, type: AttributeType.STRING },
      // Traffic is bursty (hundreds checking in at once, then quiet): on-demand fits and needs no tuning.
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: definition.ttlAttribute,
      encryption: TableEncryption.AWS_MANAGED,
    });

    for (const index of definition.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        // Overloaded indexes serve several entities; ALL keeps every read a single request, as locally.
        projectionType: ProjectionType.ALL,
      });
    }
  }
}
