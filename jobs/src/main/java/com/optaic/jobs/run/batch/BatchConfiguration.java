package com.optaic.jobs.run.batch;

import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Batch with its JDBC job repository in the metadata database, tables in schema {@value RunFrame#SCHEMA}.
 * The context must hold beans {@code dataSource} and {@code transactionManager}.
 */
@Configuration(proxyBeanMethods = false)
@EnableBatchProcessing
@EnableJdbcJobRepository(tablePrefix = "optaic_batch.BATCH_", databaseType = "POSTGRES")
class BatchConfiguration {}
