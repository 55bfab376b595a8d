/* svg.c - see svg.h. */
#include "web/svg.h"
#include "app/html.h"
#include "util/i18n.h"
#include <string.h>

#define ROW 28
#define LABEL_W 200
#define BAR_W 360
#define WIDTH (LABEL_W + BAR_W + 120)
/* A label ends 8 units before the bars and may start 4 units from the left edge. */
#define LABEL_ROOM (LABEL_W - 12)

/* A generous estimate of TEXT's width at font size FONT: 0.6 em per
 * character (UTF-8 continuation bytes not counted); a wide guess only
 * squeezes or wraps a label that would have fitted. */
static int text_width(const char *text, size_t n, int font)
{
    int chars = 0;
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)text[i] & 0xC0) != 0x80;
    return chars * font * 6 / 10;
}

/* One line of a label, right-aligned at the bars and squeezed to the room
 * when it is still too wide. */
static void label_line(str *out, const char *text, size_t n, int baseline, int font)
{
    html_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"%d\"",
                LABEL_W - 8, baseline, font);
    if (text_width(text, n, font) > LABEL_ROOM)
        html_printf(out, " textLength=\"%d\" lengthAdjust=\"spacingAndGlyphs\"", LABEL_ROOM);
    html_printf(out, ">%.*s</text>", (int)n, text);
}

static size_t distance(size_t a, size_t b)
{
    return a > b ? a - b : b - a;
}

/* A bar's label in the row starting at Y: on one line when it fits, else on
 * two (split at the space nearest the middle), so that no label is cut off
 * at the chart's left edge. */
static void bar_label(str *out, const char *label, int y)
{
    size_t n = strlen(label), split = 0;
    if (text_width(label, n, 13) <= LABEL_ROOM) {
        label_line(out, label, n, y + 17, 13);
        return;
    }
    for (size_t i = 1; i + 1 < n; i++)
        if (label[i] == ' ' && (!split || distance(i, n / 2) < distance(split, n / 2)))
            split = i;
    if (!split) {
        label_line(out, label, n, y + 17, 12);
        return;
    }
    label_line(out, label, split, y + 12, 12);
    label_line(out, label + split + 1, n - split - 1, y + 25, 12);
}

bool svg_bar_chart(str *out, const char *title, const char *description, const chart_bar *bars,
                   size_t n, double reference, const char *reference_text)
{
    double max = reference;
    for (size_t i = 0; i < n; i++)
        if (!bars[i].hidden && bars[i].value > max)
            max = bars[i].value;
    if (max <= 0)
        max = 1;
    int height = (int)n * ROW + 40;
    static _Thread_local int serial; /* ids unique within a page */
    int id = ++serial;
    html_printf(out, "<figure class=\"chart\" tabindex=\"0\"><svg viewBox=\"0 0 %d %d\" width=\"100%%\" "
                     "role=\"img\" aria-labelledby=\"ct%d cd%d\" "
                     "xmlns=\"http://www.w3.org/2000/svg\"><title id=\"ct%d\">%s</title>"
                     "<desc id=\"cd%d\">%s</desc>",
                WIDTH, height, id, id, id, title, id, description);
    for (size_t i = 0; i < n; i++) {
        int y = (int)i * ROW + 10;
        bar_label(out, bars[i].label, y);
        if (bars[i].hidden) {
            html_printf(out, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#5b6b75\">%s</text>",
                        LABEL_W + 4, y + 17, _("hidden: group too small"));
            continue;
        }
        int w = (int)(bars[i].value / max * BAR_W + 0.5);
        const char *fill = bars[i].flag < 0 ? "#b3261e" : bars[i].flag > 0 ? "#0b6e4f" : "#6c8ea0";
        html_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"%s\"/>",
                    LABEL_W, y + 4, w, fill);
        html_printf(out, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s%s</text>", LABEL_W + w + 6,
                    y + 17, bars[i].text,
                    bars[i].flag < 0 ? " ▼" : bars[i].flag > 0 ? " ▲" : "");
    }
    int x = LABEL_W + (int)(reference / max * BAR_W + 0.5);
    html_printf(out, "<line x1=\"%d\" y1=\"4\" x2=\"%d\" y2=\"%d\" stroke=\"#1d2a33\" "
                     "stroke-width=\"2\" stroke-dasharray=\"5 3\"/>"
                     "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>",
                x, x, height - 22, x, height - 6, reference_text);
    return html_raw(out, "</svg></figure>");
}
