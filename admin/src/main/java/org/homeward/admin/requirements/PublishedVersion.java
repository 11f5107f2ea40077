package org.homeward.admin.requirements;

import org.homeward.db.jooq.tables.records.RequirementVersionRecord;

/** One published version of a requirement with its route and publisher named, for the history page. */
public record PublishedVersion(RequirementVersionRecord v, String route, String publishedBy) {}
