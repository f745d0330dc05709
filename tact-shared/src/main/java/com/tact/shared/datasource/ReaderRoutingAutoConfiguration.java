package com.tact.shared.datasource;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * Read-only work goes to the Aurora reader: when {@code tact.datasource.reader-url} is set (TACT_JDBC_READER_URL),
 * the data source is a {@link LazyConnectionDataSourceProxy} over the writer pool that takes its connection from a
 * second, read-only pool whenever the transaction is read-only ({@code @Transactional(readOnly = true)}: the
 * read APIs). Everything else, Flyway and every write included, uses the writer. Without the property nothing
 * changes: one pool, Spring Boot's own.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnExpression("!'${tact.datasource.reader-url:}'.isBlank()")
public class ReaderRoutingAutoConfiguration {

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource writerDataSource(DataSourceProperties properties) {
        var writer = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        writer.setPoolName("writer");
        return writer;
    }

    @Bean
    HikariDataSource readerDataSource(DataSourceProperties properties, Environment env) {
        var reader = new HikariDataSource();
        reader.setPoolName("reader");
        reader.setJdbcUrl(env.getRequiredProperty("tact.datasource.reader-url"));
        reader.setUsername(env.getProperty("tact.datasource.reader-username", properties.determineUsername()));
        reader.setPassword(env.getProperty("tact.datasource.reader-password", properties.determinePassword()));
        reader.setReadOnly(true);
        reader.setMaximumPoolSize(env.getProperty("tact.datasource.reader-pool-size", Integer.class, 5));
        reader.setMaxLifetime(300_000);
        reader.setConnectionTimeout(10_000);
        return reader;
    }

    @Bean
    @Primary
    DataSource dataSource(HikariDataSource writerDataSource, HikariDataSource readerDataSource) {
        var routing = new LazyConnectionDataSourceProxy(writerDataSource);
        routing.setReadOnlyDataSource(readerDataSource);
        return routing;
    }
}
