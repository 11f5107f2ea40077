package org.homeward.db.codegen;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

/**
 * Generates jOOQ classes from the Flyway migrations, so the migrations stay the only source of the schema.
 *
 * <p>Arguments: the migrations folder, the output folder, the target package.
 */
public final class GenerateJooq {
    private GenerateJooq() {}

    /** Applies the migrations to a throw-away embedded PostgreSQL and generates code from the result. */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: GenerateJooq <migrations dir> <output dir> <package>");
        }
        Path migrations = Path.of(args[0]).toAbsolutePath();
        Path output = Path.of(args[1]).toAbsolutePath();
        String targetPackage = args[2];

        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            Flyway.configure()
                    .dataSource(pg.getPostgresDatabase())
                    .locations("filesystem:" + migrations)
                    .loggers("slf4j")
                    .load()
                    .migrate();

            Configuration configuration = new Configuration()
                    .withJdbc(new Jdbc().withDriver("org.postgresql.Driver").withUrl(url).withUser("postgres"))
                    .withGenerator(new Generator()
                            .withDatabase(new Database()
                                    .withName("org.jooq.meta.postgres.PostgresDatabase")
                                    .withInputSchema("public")
                                    .withOutputSchemaToDefault(true)
                                    .withExcludes("flyway_schema_history|scheduled_tasks")
                                    // timestamptz columns map to Instant: every stored time is a moment, shown per locale.
                                    .withForcedTypes(new ForcedType()
                                            .withUserType("java.time.Instant")
                                            .withConverter("org.jooq.impl.AutoConverter")
                                            .withIncludeTypes("(?i:TIMESTAMP\\ WITH\\ TIME\\ ZONE)"))
                                    // Status columns are text with a check constraint; in Java they are enums, so a
                                    // misspelt status does not compile. EnumConverter maps an EnumType by its literal.
                                    .withForcedTypes(status("registration.status", "RegistrationStatus"))
                                    .withForcedTypes(status("registration.staff_status", "StaffStatus"))
                                    .withForcedTypes(status("delivery.status", "DeliveryStatus"))
                                    .withForcedTypes(status("delivery_message.state", "DeliveryMessageState"))
                                    .withForcedTypes(status("departure.status", "DepartureStatus"))
                                    .withForcedTypes(status("inbox.status", "InboxStatus"))
                                    .withForcedTypes(status("reply.kind", "ReplyKind"))
                                    .withForcedTypes(status("departure_assignment.answer", "DepartureAnswer"))
                                    .withForcedTypes(status("telegram_user.unreachable_reason", "UnreachableReason")))
                            .withGenerate(new Generate()
                                    .withJavaTimeTypes(true)
                                    .withRecords(true)
                                    .withPojos(false)
                                    .withFluentSetters(true)
                                    .withGeneratedAnnotation(false)
                                    .withComments(true))
                            .withTarget(new Target()
                                    .withPackageName(targetPackage)
                                    .withDirectory(output.toString())
                                    .withClean(true)));
            GenerationTool.generate(configuration);
        }
    }

    /** Maps the text column {@code table.column} to the enum {@code org.homeward.db.enums.<enumName>}. */
    private static ForcedType status(String column, String enumName) {
        return new ForcedType()
                .withUserType("org.homeward.db.enums." + enumName)
                .withEnumConverter(true)
                .withIncludeExpression("(?i:(.*\\.)?" + column.replace(".", "\\.") + ")")
                .withIncludeTypes("(?i:text)");
    }
}
