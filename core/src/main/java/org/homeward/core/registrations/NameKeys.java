package org.homeward.core.registrations;

import static org.homeward.db.jooq.Tables.TRAVELLER;

import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * Names folded to one plain Latin spelling, so a name typed in Cyrillic and the same name typed in Latin (or in
 * another common Latin spelling) meet: "Назаров", "Nazarov"; "Ҷӯраев", "Juraev", "Dzhuraev", "Jurayev"; "Хўжаев",
 * "Xo'jaev", "Khujaev" fold alike. ICU transliterates (Tajik and Uzbek Cyrillic letters first, then Russian by BGN/PCGN,
 * then any other script), and the spelling variants of the region's names are folded after: zh, dzh, dj → j;
 * kh, x → h; q → k; gh → g; w → v; y dropped; doubled letters single. Used for search and for duplicates; never shown.
 */
public final class NameKeys {
    // Lower case first, so the letter rules see one case; ё as yo (BGN writes ë, which reads as e).
    private static final String RULES = """
            :: NFC;
            :: Lower;
            ҷ > j; ҳ > h; қ > q; ғ > gh; ӣ > i; ӯ > u; ў > o; ё > yo;
            :: Russian-Latin/BGN;
            :: Any-Latin;
            :: Latin-ASCII;
            :: Lower;
            """;
    private static final ThreadLocal<Transliterator> LATIN =
            ThreadLocal.withInitial(() -> Transliterator.createFromRules("Homeward-NameKey", RULES, Transliterator.FORWARD));
    private static final Pattern NOT_LETTER_OR_SPACE = Pattern.compile("[^a-z ]");
    private static final Pattern DOUBLED = Pattern.compile("([a-z])\\1+");

    private NameKeys() {}

    /** The key of a full name: its folded words in alphabetical order, one space apart; "" when none is left. */
    public static String of(String fullName) {
        List<String> words = new ArrayList<>(words(fullName));
        words.sort(null);
        return String.join(" ", words);
    }

    /** The folded words of a name or of what was typed into a search, in the order given. */
    public static List<String> words(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String latin = LATIN.get().transliterate(text);
        // Apostrophes and hyphens join (Gʻayrat, Abdul-Aziz); anything else not a letter separates words.
        latin = latin.replaceAll("['’ʻʼ`-]", "");
        latin = NOT_LETTER_OR_SPACE.matcher(latin).replaceAll(" ");
        return Arrays.stream(latin.strip().split("\\s+")).filter(w -> !w.isEmpty()).map(NameKeys::fold)
                .filter(w -> !w.isEmpty()).toList();
    }

    private static String fold(String word) {
        String w = word.replace("dzh", "j").replace("dj", "j").replace("zh", "j")
                .replace("kh", "h").replace('x', 'h').replace('q', 'k').replace("gh", "g").replace('w', 'v')
                .replace("y", "");
        return DOUBLED.matcher(w).replaceAll("$1");
    }

    /**
     * Gives every traveller without a key its key (rows written before keys existed); returns how many. Run at the
     * admin app's start, in batches so a large table does not hold one long transaction.
     */
    public static int backfill(DSLContext dsl) {
        int done = 0;
        while (true) {
            var rows = dsl.select(TRAVELLER.ID, TRAVELLER.FULL_NAME).from(TRAVELLER).where(TRAVELLER.NAME_KEY.isNull())
                    .limit(1000).fetch();
            if (rows.isEmpty()) {
                return done;
            }
            dsl.batch(rows.stream().map(r -> dsl.update(TRAVELLER).set(TRAVELLER.NAME_KEY, of(r.value2()))
                    .where(TRAVELLER.ID.eq(r.value1()))).toList()).execute();
            done += rows.size();
        }
    }
}
