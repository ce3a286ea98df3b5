package dev.clickstream.counter;

import dev.clickstream.common.counts.CountsTable;
import dev.clickstream.common.errors.Errors;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbAsyncWaiter;

/**
 * Makes sure the counts table is there before the counter starts: creates it when missing and
 * allowed (on-demand billing, TTL on {@code expiresAt}), waits until it is ACTIVE, and checks the
 * key schema of an existing one. Failures are one-line {@link CountsTableException}s.
 */
public final class CountsTablePreparer {
    private static final Logger LOG = LoggerFactory.getLogger(CountsTablePreparer.class);
    private static final Duration ACTIVE_WITHIN = Duration.ofMinutes(5);

    private final DynamoDbAsyncClient dynamoDb;
    private final CounterSettings settings;

    public CountsTablePreparer(DynamoDbAsyncClient dynamoDb, CounterSettings settings) {
        this.dynamoDb = dynamoDb;
        this.settings = settings;
    }

    /** A problem with the counts table, as one line that says what to do. */
    public static final class CountsTableException extends RuntimeException {
        public CountsTableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Blocks until the table is usable.
     *
     * @return false when the endpoint has no TTL, so old counts stay (logged once); true otherwise
     */
    public boolean prepare() {
        String table = settings.table();
        try {
            TableDescription existing = describe(table);
            if (existing == null) {
                if (!settings.createTableIfNotPresent()) {
                    throw new CountsTableException("counts table " + table + " does not exist; create it or set "
                            + ReferrerCounter.CREATE_COUNTS_TABLE.name() + " = true", null);
                }
                create(table);
            } else {
                checkSchema(existing);
            }
            try (DynamoDbAsyncWaiter waiter = dynamoDb.waiter()) {
                waiter.waitUntilTableExists(r -> r.tableName(table), w -> w.waitTimeout(ACTIVE_WITHIN)).join();
            }
            return !settings.createTableIfNotPresent() || enableTtl(table);
        } catch (CompletionException e) {
            Throwable cause = Errors.unwrap(e);
            throw new CountsTableException("cannot prepare counts table " + table + ": " + Errors.describe(cause), cause);
        } catch (SdkException e) {
            throw new CountsTableException("cannot prepare counts table " + table + ": " + Errors.describe(e), e);
        }
    }

    private TableDescription describe(String table) {
        try {
            return dynamoDb.describeTable(r -> r.tableName(table)).join().table();
        } catch (CompletionException e) {
            if (Errors.unwrap(e) instanceof ResourceNotFoundException) {
                return null;
            }
            throw e;
        }
    }

    private void create(String table) {
        try {
            dynamoDb.createTable(r -> r.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName(CountsTable.RESOURCE).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(CountsTable.TIMESTAMP).attributeType(ScalarAttributeType.S).build())
                    .keySchema(
                            KeySchemaElement.builder().attributeName(CountsTable.RESOURCE).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(CountsTable.TIMESTAMP).keyType(KeyType.RANGE).build()))
                    .join();
            LOG.info("created counts table {} (on-demand)", table);
        } catch (CompletionException e) {
            if (!(Errors.unwrap(e) instanceof ResourceInUseException)) {
                throw e;
            }
            // another worker created it at the same moment
        }
    }

    private void checkSchema(TableDescription table) {
        List<KeySchemaElement> keys = table.keySchema();
        boolean ok = keys.size() == 2
                && keys.stream().anyMatch(k -> k.keyType() == KeyType.HASH && k.attributeName().equals(CountsTable.RESOURCE))
                && keys.stream().anyMatch(k -> k.keyType() == KeyType.RANGE && k.attributeName().equals(CountsTable.TIMESTAMP));
        if (!ok) {
            throw new CountsTableException("counts table " + table.tableName() + " has the wrong key schema: need hash key '"
                    + CountsTable.RESOURCE + "' and range key '" + CountsTable.TIMESTAMP + "'", null);
        }
    }

    private boolean enableTtl(String table) {
        try {
            TimeToLiveStatus status = dynamoDb.describeTimeToLive(r -> r.tableName(table)).join()
                    .timeToLiveDescription().timeToLiveStatus();
            if (status == TimeToLiveStatus.DISABLED || status == null) {
                dynamoDb.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(
                        s -> s.enabled(true).attributeName(CountsTable.EXPIRES_AT))).join();
                LOG.info("enabled TTL on {}.{}", table, CountsTable.EXPIRES_AT);
            }
            return true;
        } catch (CompletionException e) {
            if (!isUnknownOperation(Errors.unwrap(e))) {
                throw e;
            }
            // Emulators such as dynalite have no TTL; counting matters more than expiry there.
            LOG.warn(TTL_UNSUPPORTED);
            return false;
        }
    }

    public static final String TTL_UNSUPPORTED = "TTL not supported by this endpoint; old counts are not expired";

    private static boolean isUnknownOperation(Throwable t) {
        return t instanceof AwsServiceException e && e.awsErrorDetails() != null
                && "UnknownOperationException".equals(e.awsErrorDetails().errorCode());
    }
}
