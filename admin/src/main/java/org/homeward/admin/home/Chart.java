package org.homeward.admin.home;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bar chart drawn on the server as SVG (no script, nothing fetched): the geometry is worked out here, the template
 * only places it. Horizontal bars for counts by category; columns for a count per day.
 *
 * @param id the element id, for tests and links
 * @param width the drawing's width in SVG units (it scales to the page)
 * @param height the drawing's height in SVG units
 */
public record Chart(String id, String title, List<Bar> bars, int width, int height, int total) {
    static final int WIDTH = 640;
    private static final int ROW = 24;
    private static final int LABEL = 220;
    private static final int COLUMN_AREA = 150;

    /**
     * One bar: its label and value, and where it is drawn.
     *
     * @param href where clicking it leads (the list filtered to it), or ""
     */
    public record Bar(String label, int value, int x, int y, int w, int h, String href) {}

    /** Horizontal bars, one per entry, in the map's order, scaled to the largest. */
    static Chart bars(String id, String title, Map<String, Integer> values, Map<String, String> links) {
        int max = Math.max(1, values.values().stream().mapToInt(Integer::intValue).max().orElse(1));
        List<Bar> bars = new ArrayList<>();
        int y = 0;
        int total = 0;
        int room = WIDTH - LABEL - 60;
        for (var e : values.entrySet()) {
            int w = e.getValue() == 0 ? 0 : Math.max(2, (int) Math.round((double) e.getValue() / max * room));
            bars.add(new Bar(e.getKey(), e.getValue(), LABEL, y, w, ROW - 6, links.getOrDefault(e.getKey(), "")));
            y += ROW;
            total += e.getValue();
        }
        return new Chart(id, title, bars, WIDTH, Math.max(ROW, y), total);
    }

    /** Columns, one per entry (a day), left to right, scaled to the largest; labels are shown under a few. */
    static Chart columns(String id, String title, Map<String, Integer> values) {
        int max = Math.max(1, values.values().stream().mapToInt(Integer::intValue).max().orElse(1));
        List<Bar> bars = new ArrayList<>();
        int n = Math.max(1, values.size());
        int step = WIDTH / n;
        int x = 0;
        int total = 0;
        for (var e : values.entrySet()) {
            int h = e.getValue() == 0 ? 0 : Math.max(2, (int) Math.round((double) e.getValue() / max * COLUMN_AREA));
            bars.add(new Bar(e.getKey(), e.getValue(), x + 1, COLUMN_AREA - h, Math.max(1, step - 2), h, ""));
            x += step;
            total += e.getValue();
        }
        return new Chart(id, title, bars, WIDTH, COLUMN_AREA + 20, total);
    }

    /** The largest value, for the axis label. */
    public int max() {
        return bars.stream().mapToInt(Bar::value).max().orElse(0);
    }
}
