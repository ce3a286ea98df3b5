package dev.clickstream.tools.delete;

import dev.clickstream.tools.aws.AwsResources;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/** DynamoDB tables: lease tables, KCL metadata tables, the counts table. */
final class TableTargets {
    private final DynamoDbClient dynamoDb;

    TableTargets(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    boolean exists(String name) {
        try {
            dynamoDb.describeTable(r -> r.tableName(name));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    Result delete(String name) {
        try {
            dynamoDb.deleteTable(r -> r.tableName(name));
        } catch (ResourceNotFoundException e) {
            return Result.of(Outcome.NOT_FOUND);
        }
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(dynamoDb)
                .overrideConfiguration(AwsResources.DELETION_WAIT).build()) {
            WaiterResponse<DescribeTableResponse> done = waiter.waitUntilTableNotExists(r -> r.tableName(name));
            return Result.of(done.matched().exception().isPresent() ? Outcome.DELETED : Outcome.DELETING);
        } catch (RuntimeException e) {
            if (StreamTargets.isWaiterGaveUp(e)) {
                return Result.of(Outcome.DELETING);
            }
            throw e;
        }
    }
}
