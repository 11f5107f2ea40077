package org.homeward.admin.requirements;

import org.homeward.core.requirements.StaffRequirements.Counts;
import org.homeward.db.jooq.tables.records.RequirementRecord;

/** One line of the requirements list: the requirement, its text in the member's language, answers (null: no question). */
public record RequirementRow(RequirementRecord requirement, String text, Counts counts) {}
