package dev.clickstream.tools.delete;

import dev.clickstream.tools.aws.AwsResources;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/** DynamoDB tables: lease tables, KCL metadata tables, the counts table. */
record TableTargets(DynamoDbClient dynamoDb) {

    boolean exists(String name) {
        return Lookup.exists(() -> dynamoDb.describeTable(r -> r.tableName(name)),
                ResourceNotFoundException.class::isInstance);
    }

    Result delete(String name) {
        try {
            dynamoDb.deleteTable(r -> r.tableName(name));
        } catch (ResourceNotFoundException e) {
            return Result.of(Outcome.NOT_FOUND);
        }
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(dynamoDb)
                .overrideConfiguration(AwsResources.DELETION_WAIT).build()) {
            return DeletionWait.outcome(() -> waiter.waitUntilTableNotExists(r -> r.tableName(name)));
        }
    }
}
