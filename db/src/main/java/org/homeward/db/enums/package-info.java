/**
 * The value sets of the schema's status columns as Java enums. The columns stay text with check constraints; the
 * jOOQ generator maps each to its enum here by the literals, and {@code SchemaTest} checks each enum against its
 * constraint. They live in {@code db}, beside the migrations, because the generated classes refer to them.
 */
package org.homeward.db.enums;
