package com.optaic.metadata.store;

import com.optaic.common.OptaicException;
import com.optaic.metadata.MetadataErrorCode;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs service work in one transaction and turns database failures into {@link OptaicException}s: duplicate
 * keys become ALREADY_EXISTS, serialization failures and deadlocks CONCURRENT_MODIFICATION, data errors
 * INVALID_INPUT, the store's own trigger errors their codes, and anything else DATABASE_UNAVAILABLE.
 */
final class Tx {
    private final TransactionTemplate write;
    private final TransactionTemplate read;

    Tx(PlatformTransactionManager transactions) {
        this.write = new TransactionTemplate(transactions);
        this.write.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.read = new TransactionTemplate(transactions);
        this.read.setReadOnly(true);
    }

    <T> T write(Supplier<T> work) {
        return run(write, work);
    }

    void writeVoid(Runnable work) {
        run(write, () -> {
            work.run();
            return null;
        });
    }

    <T> T read(Supplier<T> work) {
        return run(read, work);
    }

    private static <T> T run(TransactionTemplate template, Supplier<T> work) {
        try {
            return template.execute(status -> work.get());
        } catch (DataAccessException | TransactionException e) {
            throw translate(e);
        }
    }

    static OptaicException translate(RuntimeException e) {
        SQLException sql = findSqlException(e);
        if (sql == null) {
            return new OptaicException(
                    MetadataErrorCode.DATABASE_UNAVAILABLE, "Metadata database failed: " + e.getMessage(), e);
        }
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        String message = serverMessage(sql);
        return switch (state) {
            case "23505" -> new OptaicException(MetadataErrorCode.ALREADY_EXISTS, "Already exists: " + detail(sql), e);
            case "23503" ->
                new OptaicException(
                        MetadataErrorCode.INVALID_INPUT, "Refers to something that does not exist: " + detail(sql), e);
            case "23514", "23502" ->
                new OptaicException(MetadataErrorCode.INVALID_INPUT, "Invalid value: " + message, e);
            case "40001", "40P01", "55P03" ->
                new OptaicException(
                        MetadataErrorCode.CONCURRENT_MODIFICATION, "A concurrent change won; retry: " + message, e);
            case "OP001", "OP003" -> new OptaicException(MetadataErrorCode.IMMUTABLE, message, e);
            case "OP002" -> new OptaicException(MetadataErrorCode.ILLEGAL_TRANSITION, message, e);
            case "OP005" -> new OptaicException(MetadataErrorCode.METADATA_NOT_FOUND, message, e);
            case "OP004" -> new OptaicException(MetadataErrorCode.METADATA_STORE_INTERNAL, message, e);
            default ->
                state.startsWith("22")
                        ? new OptaicException(MetadataErrorCode.INVALID_INPUT, "Invalid value: " + message, e)
                        : state.startsWith("08") || state.startsWith("57") || state.startsWith("53")
                                ? new OptaicException(
                                        MetadataErrorCode.DATABASE_UNAVAILABLE,
                                        "Metadata database unavailable: " + message,
                                        e)
                                : new OptaicException(
                                        MetadataErrorCode.METADATA_STORE_INTERNAL,
                                        "Metadata database error " + state + ": " + message,
                                        e);
        };
    }

    /** The constraint a unique or foreign-key violation broke, if the server said. */
    static String constraint(RuntimeException e) {
        SQLException sql = findSqlException(e);
        if (sql instanceof PSQLException psql
                && psql.getServerErrorMessage() != null
                && psql.getServerErrorMessage().getConstraint() != null) {
            return psql.getServerErrorMessage().getConstraint();
        }
        return "";
    }

    private static SQLException findSqlException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static String serverMessage(SQLException sql) {
        if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            if (server.getMessage() != null) {
                return server.getMessage();
            }
        }
        return String.valueOf(sql.getMessage());
    }

    private static String detail(SQLException sql) {
        if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            if (server.getDetail() != null) {
                return server.getDetail();
            }
            if (server.getMessage() != null) {
                return server.getMessage();
            }
        }
        return String.valueOf(sql.getMessage());
    }
}
