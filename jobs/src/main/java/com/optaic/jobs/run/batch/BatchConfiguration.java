package com.optaic.jobs.run.batch;

import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Isolation;

/**
 * Spring Batch with its JDBC job repository in the metadata database, tables in schema {@value RunFrame#SCHEMA}.
 * The context must hold beans {@code dataSource} and {@code transactionManager}.
 *
 * <p>Job executions are created READ COMMITTED, not Spring Batch's default SERIALIZABLE: with several runs starting
 * at once PostgreSQL aborts serializable creations (SQLSTATE 40001) after the job instance was already written in its
 * own transaction, leaving an instance without execution that no retry can start. Two starts of the same run still
 * collide on the job instance's unique key, and the store's QUEUED -> RUNNING transition lets only one execute it.
 */
@Configuration(proxyBeanMethods = false)
@EnableBatchProcessing
@EnableJdbcJobRepository(
        tablePrefix = "optaic_batch.BATCH_",
        databaseType = "POSTGRES",
        isolationLevelForCreate = Isolation.READ_COMMITTED)
class BatchConfiguration {}
