package org.homeward.core.registrations;

import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Likely duplicates among live registrations: two that share a document number (of any type), a phone, or a
 * traveller with the same folded name and date of birth ({@link NameKeys}: "Назаров Акмал" and "Akmal Nazarov" on
 * 12.03.1990 meet). In 2020 people registered 10 to 20 times when they heard nothing back. Pairs staff marked as
 * different people are left out. Works on the caller's transaction.
 */
public final class Duplicates {
    /**
     * Two registrations that look like the same person or family.
     *
     * @param reasons why: document, phone, name_birth
     */
    public record Pair(long firstId, String firstCode, String firstName, long secondId, String secondCode,
                       String secondName, List<String> reasons) {}

    // Plain SQL: three self-joins over live travellers and registrations, unioned and grouped per pair. Each join
    // is on an indexed column (V11), so the whole list is a few hash joins even at 100,000 registrations.
    private static final String PAIRS = """
            with live as (
                select t.registration_id, t.name_key, t.birth_date, t.document_number
                from traveller t join registration r on r.id = t.registration_id
                where r.staff_status <> 'cancelled' and r.status <> 'draft'),
            pairs as (
                select a.registration_id as x, b.registration_id as y, 'document' as reason
                from live a join live b on a.document_number = b.document_number and a.registration_id < b.registration_id
                union
                select a.registration_id, b.registration_id, 'name_birth'
                from live a join live b on a.name_key = b.name_key and a.birth_date = b.birth_date
                    and a.registration_id < b.registration_id
                where a.name_key <> ''
                union
                select a.id, b.id, 'phone'
                from registration a join registration b on a.phone = b.phone and a.id < b.id
                where a.staff_status <> 'cancelled' and b.staff_status <> 'cancelled'
                    and a.status <> 'draft' and b.status <> 'draft'),
            grouped as (
                select x, y, array_agg(reason order by reason) as reasons from pairs p
                where not exists (select 1 from registration_not_duplicate n
                                  where n.registration_a = p.x and n.registration_b = p.y)
                group by x, y)
            select g.x, rx.code, tx.full_name, g.y, ry.code, ty.full_name, g.reasons
            from grouped g
            join registration rx on rx.id = g.x join traveller tx on tx.registration_id = g.x and tx.position = 0
            join registration ry on ry.id = g.y join traveller ty on ty.registration_id = g.y and ty.position = 0
            order by g.y desc, g.x desc
            limit ?""";

    private final DSLContext tx;

    /** Duplicates found in {@code tx}. */
    public Duplicates(DSLContext tx) {
        this.tx = tx;
    }

    /** The newest {@code limit} likely duplicate pairs (by the newer registration of each pair). */
    public List<Pair> likely(int limit) {
        return tx.resultQuery(PAIRS, limit).fetch(r -> new Pair(r.get(0, Long.class), r.get(1, String.class),
                r.get(2, String.class), r.get(3, Long.class), r.get(4, String.class), r.get(5, String.class),
                Arrays.asList(r.get(6, String[].class))));
    }
}
