package org.homeward.i18n;

import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.text.MessagePattern.ArgType;
import com.ibm.icu.text.MessagePattern.Part;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads ICU message patterns: their arguments at any depth and their literal text (for the catalog checks). */
final class MessagePatterns {
    /** How an argument is used; date and time arguments are formatted by {@link Dates}, not by MessageFormat. */
    enum Kind {
        TEXT, NUMBER, DATE, TIME, PLURAL, SELECTORDINAL, SELECT, CHOICE;

        boolean temporal() {
            return this == DATE || this == TIME;
        }

        boolean numeric() {
            return this == NUMBER || this == PLURAL || this == SELECTORDINAL || this == CHOICE;
        }
    }

    /**
     * One argument occurrence: its name, kind, style (for simple arguments, trimmed, may be empty), the keywords of
     * a plural or select, and where it sits in the pattern.
     */
    record Arg(String name, Kind kind, String style, Set<String> keywords, int start, int limit) {}

    private MessagePatterns() {}

    /** Every argument occurrence, nested ones (inside plural or select branches) included, in pattern order. */
    static List<Arg> args(String pattern) {
        MessagePattern mp = new MessagePattern(pattern);
        List<Arg> args = new ArrayList<>();
        for (int i = 0; i < mp.countParts(); i++) {
            Part part = mp.getPart(i);
            if (part.getType() != Part.Type.ARG_START) {
                continue;
            }
            int limitIndex = mp.getLimitPartIndex(i);
            String name = mp.getSubstring(mp.getPart(i + 1));
            int start = part.getIndex();
            int limit = mp.getPart(limitIndex).getLimit();
            ArgType argType = part.getArgType();
            Set<String> keywords = new LinkedHashSet<>();
            Kind kind;
            String style = "";
            switch (argType) {
                case NONE -> kind = Kind.TEXT;
                case SIMPLE -> {
                    String type = mp.getSubstring(mp.getPart(i + 2)).toLowerCase(Locale.ROOT);
                    kind = switch (type) {
                        case "date" -> Kind.DATE;
                        case "time" -> Kind.TIME;
                        default -> Kind.NUMBER; // number, spellout, ordinal, duration
                    };
                    Part styleStart = mp.getPart(i + 3);
                    if (styleStart.getType() == Part.Type.ARG_STYLE) {
                        style = mp.getSubstring(styleStart).trim();
                    }
                }
                default -> {
                    kind = switch (argType) {
                        case PLURAL -> Kind.PLURAL;
                        case SELECTORDINAL -> Kind.SELECTORDINAL;
                        case SELECT -> Kind.SELECT;
                        default -> Kind.CHOICE;
                    };
                    for (int j = i + 2; j < limitIndex; j++) {
                        Part p = mp.getPart(j);
                        if (p.getType() == Part.Type.ARG_SELECTOR) {
                            keywords.add(mp.getSubstring(p));
                        } else if (p.getType() == Part.Type.MSG_START) {
                            j = mp.getLimitPartIndex(j); // skip the branch: its own arguments are listed on their own
                        }
                    }
                }
            }
            args.add(new Arg(name, kind, style, Set.copyOf(keywords), start, limit));
        }
        return args;
    }

    /**
     * The literal text of a pattern: every branch of every plural and select, without argument syntax and with
     * ICU's quoting undone; branches and arguments are separated by a space so words do not run together.
     */
    static String literalText(String pattern) {
        MessagePattern mp = new MessagePattern(pattern);
        StringBuilder out = new StringBuilder();
        int prev = 0;
        boolean inMessage = false;
        for (int i = 0; i < mp.countParts(); i++) {
            Part part = mp.getPart(i);
            Part.Type type = part.getType();
            if (inMessage) {
                out.append(pattern, prev, part.getIndex());
            }
            switch (type) {
                case MSG_START -> inMessage = true;
                case MSG_LIMIT -> {
                    inMessage = false;
                    out.append(' ');
                }
                case ARG_START -> {
                    inMessage = false;
                    out.append(' ');
                }
                case ARG_LIMIT -> {
                    // Back in the enclosing message (every ARG_START sits inside a message).
                    inMessage = true;
                }
                case REPLACE_NUMBER -> out.append(' ');
                default -> {
                    // SKIP_SYNTAX (quoting apostrophes), selectors, names, styles: not text. INSERT_CHAR marks a
                    // lone apostrophe that is already in the text (ICU's MessageFormat skips it too).
                }
            }
            prev = part.getLimit();
        }
        return out.toString().replaceAll("\\s+", " ").trim();
    }

    /** The pattern with the characters in [start, limit) replaced. */
    static String replace(String pattern, int start, int limit, String replacement) {
        return pattern.substring(0, start) + replacement + pattern.substring(limit);
    }
}
